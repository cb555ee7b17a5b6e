'use strict';
// Following the article's links (follow_links): the option, and how its
// cards and "found" marks are shown.
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, makeDoc } = require('./helpers.js');

const settings = load('lib/settings.js');
const { createUi } = load('content/ui.js');
const { KIND_LABEL } = load('content/ui/text.js');
const { highlightName } = load('lib/highlight.js');

test('settings: following links is off by default and only true turns it on', () => {
  assert.equal(settings.DEFAULTS.followLinks, false);
  assert.equal(settings.withDefaults(null).followLinks, false);
  assert.equal(settings.withDefaults({ followLinks: true }).followLinks, true);
  for (const odd of ['true', 1, 'yes', {}, null]) assert.equal(settings.withDefaults({ followLinks: odd }).followLinks, false);
});

test('options page: the option is there, unchecked, with its warning', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const html = fs.readFileSync(path.join(__dirname, '..', '..', 'extension', 'src', 'options', 'options.html'), 'utf8');
  const doc = makeDoc(html.replace(/^[\s\S]*<body>|<\/body>[\s\S]*$/g, ''));
  const box = doc.getElementById('followLinks');
  assert.ok(box, 'a followLinks checkbox');
  assert.equal(box.type, 'checkbox');
  assert.equal(box.checked, false);
  assert.equal(box.closest('label').textContent.trim(), "Check the pages this article links to: Sidenote's backend will download them.");
});

const CARD = {
  id: 'k4',
  kind: 'quote_not_in_source',
  severity: 'warning',
  title: 'These words are not on the linked page',
  body: 'The article quotes these words from a page it links to (ministry.example), but the page does not contain them.',
  anchor: { exact: 'We will never raise taxes' },
  evidence: [
    { exact: 'a statement', start: 10, end: 21, label: 'link', url: 'https://ministry.example/statement' },
    { exact: 'a trap', start: 30, end: 36, label: 'link', url: 'javascript:alert(1)' },
  ],
};

test('ui: a quote_not_in_source note names its kind and links to the page, http(s) only', () => {
  const doc = makeDoc('<p>x</p>');
  const ui = createUi(doc, {}, { shadowMode: 'open' });
  ui.showResults('1 quotation is not on the page it links to', [{ card: CARD, placed: true }]);
  const shadow = ui.host.shadowRoot;
  assert.equal(shadow.querySelector('button.card .chip').textContent, KIND_LABEL.quote_not_in_source);
  ui.openNote('k4', { focus: true });
  const note = shadow.querySelector('[role="dialog"]');
  assert.equal(note.dataset.kind, 'quote_not_in_source');
  const links = [...note.querySelectorAll('.ev a')];
  assert.equal(links.length, 1, 'the javascript: address is not made a link');
  assert.equal(links[0].href, 'https://ministry.example/statement');
  assert.equal(links[0].target, '_blank');
  assert.equal(links[0].rel, 'noopener noreferrer');
  assert.match(note.textContent, /a statement” — link: ministry\.example\/statement/);
});

test('ui: a card whose quotation was found on its linked page says so', () => {
  const doc = makeDoc('<p>x</p>');
  const ui = createUi(doc, {}, { shadowMode: 'open' });
  const card = { id: 'k1', kind: 'single_source', title: 'One source', body: 'b', anchor: { exact: 'q' }, evidence: [], found_on: ['https://ministry.example/statement'] };
  const plain = { id: 'k2', kind: 'single_source', title: 'One source', body: 'b', anchor: { exact: 'r' }, evidence: [] };
  ui.showResults('2', [{ card, placed: true }, { card: plain, placed: true }]);
  ui.openNote('k1', {});
  const note = ui.host.shadowRoot.querySelector('[role="dialog"]');
  assert.match(note.querySelector('.found').textContent, /^The quoted words are on the linked page: ministry\.example\/statement$/);
  ui.openNote('k2', {});
  assert.equal(note.querySelector('.found'), null);
});

test('highlight: the new kind paints under its own name', () => {
  assert.equal(highlightName('quote_not_in_source'), 'sidenote-quote_not_in_source');
});
