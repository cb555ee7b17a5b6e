'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, makeDoc } = require('./helpers.js');

const { buildTextIndex } = load('lib/textindex.js');
const { createHighlighter, paintSpans } = load('lib/highlight.js');

function placement(index, id, kind, quote, evidence = []) {
  const start = index.text.indexOf(quote);
  assert.ok(start >= 0, 'test set-up: quote on page');
  return {
    card: { id, kind },
    placed: true,
    start,
    end: start + quote.length,
    evidence: evidence.map((w) => {
      const s = index.text.indexOf(w, start);
      return { start: s, end: s + w.length, label: 'x' };
    }),
  };
}

const BODY = '<p>US air <b>force</b> bombers attacked, in what one MP <a href="#">called a “clear</a> protection”.</p><p>The “rebels” left.</p>';

test('paintSpans: loaded framing paints its words, other kinds their whole anchor, unplaced nothing', () => {
  const doc = makeDoc(BODY);
  const index = buildTextIndex(doc.body);
  const spans = paintSpans([
    placement(index, 'a', 'single_source', 'US air force bombers attacked'),
    placement(index, 'b', 'loaded_framing', 'The “rebels” left.', ['rebels']),
    { card: { id: 'c', kind: 'loaded_framing' }, placed: false, start: -1, end: -1, evidence: [] },
  ]);
  assert.deepEqual(spans.map((s) => [s.id, index.text.slice(s.start, s.end)]), [['a', 'US air force bombers attacked'], ['b', 'rebels']]);
});

test('wrap fallback: text content is unchanged, spans cross nodes, clear restores the DOM', () => {
  const doc = makeDoc(BODY);
  const before = doc.body.innerHTML;
  const textBefore = doc.body.textContent;
  const index = buildTextIndex(doc.body);
  const h = createHighlighter(doc, { mode: 'wrap' });
  // Overlapping spans: a sentence-long anchor and a word inside another card.
  const n = h.apply(index, [
    placement(index, 'a', 'single_source', 'air force bombers attacked, in what one MP called a “clear'),
    placement(index, 'b', 'loaded_framing', 'force bombers', ['bombers']),
  ]);
  assert.equal(n, 2);
  assert.equal(doc.body.textContent, textBefore);
  assert.equal(h.rangesOf('a')[0].toString(), 'air force bombers attacked, in what one MP called a “clear');
  assert.equal(h.rangesOf('b')[0].toString(), 'bombers');
  const marks = [...doc.querySelectorAll('sidenote-mark')];
  assert.ok(marks.some((m) => m.getAttribute('data-kind') === 'single_source loaded_framing'), 'overlap carries both kinds');
  h.setActive('b');
  assert.equal(doc.querySelectorAll('sidenote-mark[data-active]').length, 1);
  h.clear();
  assert.equal(doc.querySelectorAll('sidenote-mark').length, 0);
  assert.equal(doc.body.innerHTML, before);
});

test('highlight API mode registers ranges by kind and leaves the DOM alone', () => {
  const doc = makeDoc(BODY);
  const win = doc.defaultView;
  // jsdom has no CSS Custom Highlight API; a minimal stand-in records what is registered.
  const registry = new Map();
  win.CSS = { highlights: registry };
  win.Highlight = class extends Set {
    constructor(...ranges) {
      super(ranges);
    }
  };
  const before = doc.body.innerHTML;
  const index = buildTextIndex(doc.body);
  const h = createHighlighter(doc);
  assert.equal(h.mode, 'api');
  h.apply(index, [
    placement(index, 'a', 'unverified_social_quote', 'called a “clear protection”'),
    placement(index, 'b', 'loaded_framing', 'The “rebels” left.', ['rebels']),
  ]);
  assert.equal(doc.body.innerHTML, before);
  assert.deepEqual([...registry.keys()].sort(), ['sidenote-loaded_framing', 'sidenote-unverified_social_quote']);
  assert.deepEqual([...registry.get('sidenote-loaded_framing')].map((r) => r.toString()), ['rebels']);
  // The quote crosses the end of the link: one range over several nodes.
  assert.equal([...registry.get('sidenote-unverified_social_quote')][0].toString(), 'called a “clear protection”');
  h.setActive('a');
  assert.ok(registry.has('sidenote-active'));
  h.clear();
  assert.equal(registry.size, 0);
});

/**
 * jsdom does no layout: give every range one line box, 10px per character of
 * body text, so hit-testing can be checked on nested spans.
 */
function fakeLayout(doc) {
  const win = doc.defaultView;
  win.Range.prototype.getClientRects = function () {
    const pre = doc.createRange();
    pre.setStart(doc.body, 0);
    pre.setEnd(this.startContainer, this.startOffset);
    const start = pre.toString().length;
    const end = start + this.toString().length;
    return [{ left: start * 10, right: end * 10, top: 0, bottom: 10 }];
  };
}

const NESTED = '<p>Officials said the “rebels” were <i>routed</i>, one MP wrote.</p>';
const nestedCases = [
  // Pointer on the loaded word: it sits inside the quote, which sits inside
  // the claim sentence; the innermost (shortest) span wins.
  ['loaded word inside a quote inside a sentence', 'rebels', 'loaded'],
  // Inside the quote but off the loaded word: the quote, not the sentence.
  ['quote, off the loaded word', 'routed', 'quote'],
  // In the sentence, outside the quote.
  ['sentence only', 'Officials', 'sentence'],
  // Past the end of every span.
  ['no span', 'wrote', null],
];
for (const [name, word, want] of nestedCases) {
  for (const mode of ['wrap', 'api']) {
    test(`hitTest (${mode}): ${name}`, () => {
      const doc = makeDoc(NESTED);
      if (mode === 'api') {
        doc.defaultView.CSS = { highlights: new Map() };
        doc.defaultView.Highlight = class extends Set {
          constructor(...ranges) {
            super(ranges);
          }
        };
      }
      fakeLayout(doc);
      const index = buildTextIndex(doc.body);
      const h = createHighlighter(doc, { mode });
      // Painted outermost last, so order alone cannot pick the inner span.
      h.apply(index, [
        placement(index, 'loaded', 'loaded_framing', 'the “rebels” were routed', ['rebels']),
        placement(index, 'quote', 'unverified_social_quote', '“rebels” were routed'),
        placement(index, 'sentence', 'single_source', 'Officials said the “rebels” were routed, one MP'),
      ]);
      const at = doc.body.textContent.indexOf(word) + 1;
      assert.equal(h.hitTest(at * 10 + 5, 5), want);
    });
  }
}
