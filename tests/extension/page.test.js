'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, makeDoc } = require('./helpers.js');

const { looksLikeArticle } = load('lib/detect.js');
const settings = load('lib/settings.js');
const { createUi } = load('content/ui.js');

const LONG = 'word '.repeat(150);
const detectCases = [
  ['og:type article', '<meta property="og:type" content="article">', '<p>x</p>', 'og'],
  ['JSON-LD NewsArticle inside @graph', '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"]}]}</script>', '', 'jsonld'],
  // Listings use <article> for short teasers; those are not articles.
  ['long <article>', '', `<article><p>${LONG}</p></article>`, 'article'],
  ['short <article> teaser only', '', '<article><a href="/x">Teaser</a></article>', null],
  ['og:type website, broken JSON-LD', '<meta property="og:type" content="website"><script type="application/ld+json">{oops</script>', '<p>Home</p>', null],
];
for (const [name, head, body, want] of detectCases) {
  test('looksLikeArticle: ' + name, () => {
    assert.equal(looksLikeArticle(makeDoc(body, head)), want);
  });
}

const urlCases = [
  ['http://127.0.0.1:8765/', 'http://127.0.0.1:8765'],
  [' https://sidenote.example.org/base/ ', 'https://sidenote.example.org/base'],
  ['ftp://127.0.0.1/', null],
  ['not a url', null],
  ['http://user:pw@127.0.0.1:8765', null],
];
for (const [input, want] of urlCases) {
  test('normalizeBackendUrl ' + JSON.stringify(input), () => assert.equal(settings.normalizeBackendUrl(input), want));
}

test('settings: defaults, default hosts and the per-site switch', () => {
  const s = settings.withDefaults({ autoRun: false, disabledSites: ['www.Example.com', 3], extra: 1 });
  assert.deepEqual(s, { backendUrl: 'http://127.0.0.1:8765', autoRun: false, toolbarRun: true, disabledSites: ['www.Example.com'], followLinks: false });
  assert.equal(settings.isSiteDisabled(s, 'example.com'), true);
  assert.equal(settings.isSiteDisabled(s, 'news.example.com'), false);
  assert.equal(settings.isDefaultHost('http://localhost:9000'), true);
  assert.equal(settings.isDefaultHost('https://127.0.0.1:9000'), false);
  assert.equal(settings.originPattern('https://api.example.org:8443/x'), 'https://api.example.org/*');
});

const EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

test('ui: page and backend text is rendered as text, never as markup', () => {
  const doc = makeDoc('<p>x</p>');
  const ui = createUi(doc, {}, { shadowMode: 'open' });
  const card = { id: 'k1', kind: 'loaded_framing', title: EVIL, body: EVIL, anchor: { exact: EVIL }, evidence: [{ exact: EVIL, label: EVIL }] };
  ui.showResults(EVIL, [{ card, placed: false }]);
  ui.openNote('k1', { focus: true });
  const shadow = ui.host.shadowRoot;
  assert.equal(shadow.querySelectorAll('img, script').length, 0);
  assert.ok(shadow.textContent.includes(EVIL.slice(0, 20)), 'the markup is visible as text');
  assert.equal(doc.defaultView.__pwned, undefined);
});

test('ui: panel lists placed and unplaced cards as buttons; the note is a dialog that Esc closes', () => {
  const doc = makeDoc('<p>x</p>');
  const opened = [];
  const ui = createUi(doc, { onActivate: (id) => opened.push(id) }, { shadowMode: 'open' });
  const cards = [
    { card: { id: 'a', kind: 'single_source', title: 'One source', body: 'b', anchor: { exact: 'q' } }, placed: true },
    { card: { id: 'b', kind: 'unverified_social_quote', title: 'No link', body: 'b', anchor: { exact: 'gone words' } }, placed: false },
  ];
  ui.showResults('2 things to check', cards);
  const shadow = ui.host.shadowRoot;
  assert.equal(doc.documentElement.lastElementChild, ui.host, 'UI hangs off <html>, not <body>');
  const buttons = [...shadow.querySelectorAll('button.card')];
  assert.deepEqual(buttons.map((b) => b.dataset.id), ['a', 'b']);
  assert.ok(shadow.textContent.includes('Not found on the page'));
  buttons[1].click();
  assert.deepEqual(opened, ['b']);
  ui.openNote('b', { focus: true, pin: true, from: buttons[1] });
  const note = shadow.querySelector('[role="dialog"]');
  assert.equal(note.hidden, false);
  assert.equal(shadow.activeElement, note, 'focus moves into the note');
  assert.equal(doc.documentElement.getAttribute('data-sidenote-note'), 'b');
  note.dispatchEvent(new doc.defaultView.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
  assert.equal(note.hidden, true);
  assert.equal(shadow.activeElement, buttons[1], 'focus returns to the card button');
  assert.equal(doc.documentElement.hasAttribute('data-sidenote-note'), false);
});

const stateCases = [
  ['unreachable says what to do', (ui) => ui.showUnreachable('http://127.0.0.1:8765'), /make run/],
  ['nothing to flag counts the claims', (ui) => ui.showNothing(7), /^7 claims checked, no sourcing or framing issues found$/m],
  ['not an article', (ui) => ui.showNotArticle(), /doesn’t look like an article/],
  ['backend error shows its message', (ui) => ui.showError('Body over the limit: send less.'), /Body over the limit: send less\./],
];
for (const [name, show, want] of stateCases) {
  test('ui state: ' + name, () => {
    const doc = makeDoc('<p>x</p>');
    const ui = createUi(doc, {}, { shadowMode: 'open' });
    show(ui);
    const status = ui.host.shadowRoot.querySelector('[role="status"]');
    assert.match(status.textContent, want);
  });
}

const { placeNote, placeBeside } = load('content/ui/placement.js');
const { snippetOf } = load('content/ui/text.js');
const VIEW = { width: 1200, height: 900 };
const NOTE = { width: 360, height: 200 };
// The panel as it sits by default: bottom right, in the lower half.
const PANEL = { left: 864, top: 504, width: 320, height: 380 };
const word = (left, top) => ({ left, top, right: left + 50, bottom: top + 17 });
const hits = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const panelBox = { left: PANEL.left, top: PANEL.top, right: PANEL.left + PANEL.width, bottom: PANEL.top + PANEL.height };

const placeCases = [
  // Open page, no panel near: just below the words, aligned with them.
  ['room below, panel far', word(100, 100), { left: 100, top: 125 }],
  // Below would cover the panel (word at the right, just above it): above instead.
  ['below would cover the panel', word(1048, 432), { left: 832, top: 224 }],
  // Near the bottom of the window on the left: no room below, so above.
  ['no room below', word(100, 800), { left: 100, top: 592 }],
  // A long note for words above the panel: below would cover the panel and
  // there is no room above, so it moves left of the panel, still below the words.
  ['no room above, panel below', word(1000, 300), { left: 496, top: 325 }, { width: 360, height: 400 }],
];
for (const [name, target, want, size = NOTE] of placeCases) {
  test('placeNote: ' + name, () => {
    const at = placeNote(target, size, VIEW, PANEL);
    assert.deepEqual(at, want);
    const box = { left: at.left, top: at.top, right: at.left + size.width, bottom: at.top + size.height };
    assert.ok(!hits(box, target), 'the note never hides its own words');
    assert.ok(!hits(box, panelBox), 'nor the panel, when there is room');
  });
}

test('placeNote: a note taller than the window stays on screen', () => {
  const at = placeNote(word(100, 300), { width: 360, height: 1000 }, VIEW, null);
  assert.equal(at.top, 8);
});

test('placeBeside: an unplaced card’s note sits above the panel, right-aligned with it', () => {
  assert.deepEqual(placeBeside(PANEL, NOTE, VIEW), { left: 824, top: 296 });
});

const snippetCases = [
  // Loaded framing: the loaded words themselves; scare quotes are not doubled.
  [{ kind: 'loaded_framing', anchor: { exact: 'A whole sentence.' }, evidence: [{ exact: '“rebels”' }, { exact: 'regime' }] }, '“rebels”, “regime”'],
  // Other kinds: the anchored words, with whitespace squeezed.
  [{ kind: 'single_source', anchor: { exact: 'US air force\n bombers attacked' }, evidence: [{ exact: 'one MP' }] }, '“US air force bombers attacked”'],
];
for (const [card, want] of snippetCases) {
  test('snippetOf ' + card.kind, () => assert.equal(snippetOf(card), want));
}
