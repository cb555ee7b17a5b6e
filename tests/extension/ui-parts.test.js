'use strict';
// The UI's parts (src/content/ui/*.js) one by one, and its stylesheet.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { load, makeDoc } = require('./helpers.js');
const { MANIFEST, EXTENSION } = require('./fake-chrome.js');

const uiText = load('content/ui/text.js');
const { createCount } = load('content/ui/count.js');
const { createCardButton } = load('content/ui/card.js');
const { createNote, MAX_EVIDENCE } = load('content/ui/note.js');
const { createPanel } = load('content/ui/panel.js');
const stylesheet = load('content/ui/stylesheet.js');
const { createUi } = load('content/ui.js');
const { KINDS } = load('lib/highlight.js');

const card = (id, kind, extra = {}) => ({ id, kind, title: 'T ' + id, body: 'B ' + id, anchor: { exact: 'words of ' + id }, evidence: [], ...extra });

test('text: labels fall back to the raw name; counts agree in number', () => {
  assert.equal(uiText.kindLabel('single_source'), 'Single source');
  assert.equal(uiText.kindLabel('new_kind'), 'new_kind');
  assert.equal(uiText.evidenceLabel('scare_quotes'), 'scare quotes');
  assert.equal(uiText.evidenceLabel('some_new_label'), 'some new label');
  assert.deepEqual([0, 1, 2].map((n) => uiText.plural(n, 'note')), ['0 notes', '1 note', '2 notes']);
  assert.equal(uiText.quoted('  two\n words '), '“two words”');
  assert.equal(uiText.quoted('«déjà»'), '«déjà»');
  assert.equal(uiText.truncate('abcdef', 4), 'abc…');
  for (const kind of KINDS) assert.notEqual(uiText.kindLabel(kind), kind, kind + ' has a label');
});

test('count: a spinner while busy, then the number of notes, or nothing', () => {
  const doc = makeDoc('');
  const count = createCount(doc);
  count.busy();
  assert.equal(count.el.querySelector('.spinner').getAttribute('aria-hidden'), 'true');
  count.notes(1);
  assert.equal(count.el.textContent, '1 note');
  assert.equal(count.el.children.length, 0);
  count.clear();
  assert.equal(count.el.textContent, '');
});

test('card: a button with kind, title and words; a click passes the id and the button', () => {
  const doc = makeDoc('');
  const got = [];
  const b = createCardButton(doc, card('k9', 'loaded_framing', { evidence: [{ exact: 'regime' }] }), (id, el) => got.push([id, el]));
  assert.equal(b.type, 'button');
  assert.equal(b.getAttribute('aria-haspopup'), 'dialog');
  assert.equal(b.querySelector('.chip').dataset.kind, 'loaded_framing');
  assert.equal(b.querySelector('.title').textContent, 'T k9');
  assert.equal(b.querySelector('.snip').textContent, '“regime”');
  b.click();
  assert.deepEqual(got, [['k9', b]]);
});

test('note: at most six pieces of evidence; an unplaced card says its words were not found; × calls back', () => {
  const doc = makeDoc('');
  let closed = 0;
  const note = createNote(doc, { onClose: () => closed++ });
  assert.equal(note.isHidden(), true);
  assert.equal(note.contains(0, 0), false);
  assert.equal(note.rect(), null);
  const evidence = Array.from({ length: 9 }, (_, i) => ({ exact: 'w' + i, label: 'emotive' }));
  note.fill({ card: card('n1', 'loaded_framing', { evidence }), placed: false, quote: 'the   lost words' });
  assert.equal(note.el.getAttribute('role'), 'dialog');
  assert.equal(note.el.dataset.kind, 'loaded_framing');
  assert.equal(note.el.querySelectorAll('.ev li').length, MAX_EVIDENCE);
  assert.match(note.el.querySelector('.ev li').textContent, /^“w0” — emotive word$/);
  assert.equal(note.el.querySelector('.where').textContent, 'Could not find these words on the page: “the lost words”');
  note.el.querySelector('button.close').click();
  assert.equal(closed, 1);
  note.fill({ card: card('n2', 'single_source'), placed: true, quote: 'q' });
  assert.equal(note.el.querySelector('.where'), null, 'refilled from scratch');
  note.show();
  note.moveTo({ left: 12, top: 34 });
  assert.deepEqual([note.el.style.left, note.el.style.top], ['12px', '34px']);
  assert.deepEqual(note.size(200), { width: 184, height: 160 }, 'before layout: an estimate within the window');
});

test('panel: placed and unplaced lists, the buttons, collapse and focus', () => {
  const doc = makeDoc('');
  const got = [];
  const panel = createPanel(doc, {
    onActivate: (id) => got.push('activate ' + id),
    onRetry: () => got.push('retry'),
    onDisableSite: () => got.push('off'),
    onHide: () => got.push('hide'),
  });
  doc.body.append(panel.el);
  panel.showAnalysing();
  assert.ok(panel.el.querySelector('[role="status"] progress'));
  assert.ok(panel.el.querySelector('.count .spinner'));
  panel.showResults('Headline', [
    { card: card('a', 'single_source'), placed: true },
    { card: card('b', 'unverified_social_quote'), placed: false },
    { card: card('c', 'loaded_framing'), placed: true },
  ]);
  assert.equal(panel.el.querySelector('[role="status"]').textContent, 'Headline');
  assert.equal(panel.el.querySelector('.count').textContent, '3 notes');
  const lists = [...panel.el.querySelectorAll('ul')];
  assert.deepEqual(lists.map((ul) => [...ul.querySelectorAll('button.card')].map((b) => b.dataset.id)), [['a', 'c'], ['b']]);
  assert.equal(lists[1].getAttribute('aria-labelledby'), 'sn-unplaced');
  lists[1].querySelector('button').click();
  const [retry, off, hide] = panel.el.querySelectorAll('.foot button');
  retry.click();
  off.click();
  hide.click();
  assert.deepEqual(got, ['activate b', 'retry', 'off', 'hide']);
  const toggle = panel.el.querySelector('.head button.icon');
  assert.ok(panel.el.hasAttribute('data-collapsed'));
  assert.equal(toggle.hidden, false);
  assert.equal(doc.activeElement, toggle, 'Hide leaves focus on the toggle');
  toggle.click();
  assert.ok(!panel.el.hasAttribute('data-collapsed'));
  assert.equal(toggle.getAttribute('aria-expanded'), 'true');
  panel.showNothing(1);
  assert.equal(panel.el.querySelector('[role="status"]').textContent, '1 claim checked, no sourcing or framing issues found');
  assert.equal(panel.el.querySelectorAll('button.card').length, 0, 'a new state clears the lists');
  panel.focusFirst();
  assert.equal(doc.activeElement, toggle, 'no cards: focus goes to the toggle');
});

test('ui: the css given is the only style, inside the shadow root', () => {
  const doc = makeDoc('<p>x</p>');
  const ui = createUi(doc, {}, { shadowMode: 'open', css: '.panel { color: red; }' });
  ui.showNotArticle();
  const styles = ui.host.shadowRoot.querySelectorAll('style');
  assert.equal(styles.length, 1);
  assert.equal(styles[0].textContent, '.panel { color: red; }');
  assert.equal(doc.querySelectorAll('style').length, 0);
});

test('stylesheet: read once through the extension’s URL; a failure gives an unstyled UI, not an error', async () => {
  const urls = [];
  const runtime = { getURL: (p) => 'chrome-extension://x/' + p };
  const ok = async (url) => {
    urls.push(url);
    return { ok: true, status: 200, text: async () => 'css!' };
  };
  stylesheet.reset();
  assert.equal(await stylesheet.load(runtime, ok), 'css!');
  assert.equal(await stylesheet.load(runtime, ok), 'css!');
  assert.deepEqual(urls, ['chrome-extension://x/src/content/ui.css']);

  const errors = [];
  const origError = console.error;
  console.error = (...a) => errors.push(a.join(' '));
  try {
    stylesheet.reset();
    assert.equal(await stylesheet.load(runtime, async () => ({ ok: false, status: 404, text: async () => 'nope' })), '');
    stylesheet.reset();
    assert.equal(await stylesheet.load(runtime, async () => { throw new TypeError('Failed to fetch'); }), '');
  } finally {
    console.error = origError;
    stylesheet.reset();
  }
  assert.equal(errors.length, 2);
  assert.match(errors[0], /src\/content\/ui\.css.*HTTP 404/);
});

test('manifest: the stylesheet is web-accessible wherever the content script can run, and shipped', () => {
  const war = MANIFEST.web_accessible_resources.find((w) => w.resources.includes(stylesheet.UI_CSS));
  assert.ok(war, 'ui.css is a web_accessible_resource');
  assert.deepEqual(war.matches, ['<all_urls>']);
  assert.ok(fs.statSync(path.join(EXTENSION, stylesheet.UI_CSS)).isFile());
  const js = MANIFEST.content_scripts[0].js;
  assert.ok(js.indexOf('src/content/ui/stylesheet.js') < js.indexOf('src/content/main.js'));
});

test('ui.css: every kind has its colour on chips and notes, in light and dark schemes', () => {
  const css = fs.readFileSync(path.join(EXTENSION, stylesheet.UI_CSS), 'utf8');
  const doc = makeDoc('');
  const style = doc.createElement('style');
  style.textContent = css;
  doc.head.append(style);
  const rules = [...style.sheet.cssRules];
  const selectors = rules.map((r) => r.selectorText).filter(Boolean);
  assert.ok(selectors.includes(':host'), 'resets what the page could pass down');
  for (const kind of KINDS) {
    assert.ok(selectors.includes(`.chip[data-kind="${kind}"]`), kind + ' chip');
    assert.ok(selectors.includes(`.note[data-kind="${kind}"]`), kind + ' note');
    const vars = css.match(new RegExp(`--${kind}:`, 'g')) || [];
    assert.equal(vars.length, 2, kind + ': a colour for light and one for dark');
  }
  const media = rules.filter((r) => r.media).map((r) => r.media.mediaText);
  assert.deepEqual(media.sort(), ['(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)']);
});
