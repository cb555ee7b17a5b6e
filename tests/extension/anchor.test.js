'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load, makeDoc } = require('./helpers.js');

const { buildTextIndex, toRange } = load('lib/textindex.js');
const { anchorCards } = load('lib/anchor.js');

/** A card the way the backend builds it: exact/prefix/suffix/start/end from article.text. */
function cardFor(articleText, exact, occurrence = 0, extra = {}) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = articleText.indexOf(exact, start + 1);
  if (start < 0) throw new Error('test set-up: quote not in article text');
  const end = start + exact.length;
  return {
    id: extra.id || 'k1',
    kind: extra.kind || 'single_source',
    anchor: { exact, prefix: articleText.slice(Math.max(0, start - 32), start), suffix: articleText.slice(end, end + 32), start, end },
    evidence: extra.evidence || [],
  };
}

function placeOne(bodyHtml, articleText, card) {
  const doc = makeDoc(bodyHtml);
  const index = buildTextIndex(doc.body);
  const [p] = anchorCards(index, [card], articleText);
  return { p, index, range: p.placed ? toRange(index, p.start, p.end) : null };
}

const cases = [
  {
    // The quote runs through a link and an emphasis: three text nodes at least.
    name: 'quote spread across a link, emphasis and several text nodes',
    body: '<nav>Home News</nav><p>Officials said <a href="/x">the <em>bridge</em> was</a> closed on Monday.</p>',
    text: 'Officials said the bridge was closed on Monday.',
    exact: 'the bridge was closed',
    want: 'the bridge was closed',
  },
  {
    // Two identical sentences; the card is about the second one (occurrence 1),
    // and only its context says so.
    name: 'duplicate sentences: the one whose context matches is chosen',
    body: '<p>Alpha said it. The plant will close.</p><p>Beta said it. The plant will close.</p>',
    text: 'Alpha said it. The plant will close.\n\nBeta said it. The plant will close.',
    exact: 'The plant will close.', occurrence: 1,
    want: 'The plant will close.', wantAfter: 'Beta said it. ',
  },
  {
    // The page is indented HTML with NBSP and line breaks; the backend's text is clean.
    name: 'whitespace differences between page and article text',
    body: '<p>The  minister\n      said\u00a0the   deal\n was off.</p>',
    text: 'The minister said the deal was off.',
    exact: 'said the deal was off',
    want: 'said\u00a0the   deal\n was off',
  },
  {
    name: 'fuzzy fallback: the page spells a word differently',
    body: '<p>Police said the colour of the car was never established by investigators.</p>',
    text: 'Police said the color of the car was never established by investigators.',
    exact: 'the color of the car was never established',
    want: 'the colour of the car was never established',
  },
  {
    // The same words inside script, style, noscript, a hidden element and
    // Sidenote's own UI must be ignored; only the visible copy counts.
    name: 'text in script, style, noscript, hidden elements and own UI is ignored',
    body:
      '<script>var s = "rates will rise";</script><style>/* rates will rise */</style><noscript>rates will rise</noscript>' +
      '<div hidden>rates will rise</div><div style="display:none">rates will rise</div>' +
      '<div data-sidenote-ui>rates will rise</div><p>Analysts think rates will rise soon.</p>',
    text: 'Analysts think rates will rise soon.',
    exact: 'rates will rise',
    want: 'rates will rise', wantAfter: 'Analysts think ',
  },
  {
    name: 'unplaceable anchor is reported as not placed',
    body: '<p>Nothing on this page resembles the quote.</p>',
    text: 'A sentence the page does not have at all.',
    exact: 'the page does not have at all',
    want: null,
  },
];

for (const c of cases) {
  test('anchor: ' + c.name, () => {
    const card = cardFor(c.text, c.exact, c.occurrence || 0);
    const { p, index, range } = placeOne(c.body, c.text, card);
    if (c.want === null) {
      assert.equal(p.placed, false);
      assert.equal(p.card, card, 'the unplaced card is still returned');
      return;
    }
    assert.ok(p.placed, 'expected the card to be placed');
    assert.equal(range.toString(), c.want);
    if (c.wantAfter) assert.ok(index.text.slice(0, p.start).endsWith(c.wantAfter), 'placed after ' + JSON.stringify(c.wantAfter));
  });
}

test('anchor: evidence words are placed inside their sentence, not on an earlier copy', () => {
  const text = 'The rebels met.\n\nLater the so-called rebels left the city.';
  const sentence = 'Later the so-called rebels left the city.';
  const evStart = text.lastIndexOf('rebels');
  const card = cardFor(text, sentence, 0, {
    kind: 'loaded_framing',
    evidence: [{ exact: 'rebels', start: evStart, end: evStart + 6, label: 'scare_quotes' }],
  });
  const doc = makeDoc('<p>The rebels met.</p><p>Later the <i>so-called</i> rebels left the city.</p>');
  const index = buildTextIndex(doc.body);
  const [p] = anchorCards(index, [card], text);
  assert.equal(p.evidence.length, 1);
  assert.equal(index.text.slice(p.evidence[0].start, p.evidence[0].end), 'rebels');
  assert.ok(p.evidence[0].start > index.text.indexOf('Later'));
});

test('anchor: several cards keep their input order and mix placed and unplaced', () => {
  const text = 'First claim here.\n\nSecond claim there.';
  const cards = [
    { ...cardFor(text, 'Second claim there.'), id: 'b' },
    { id: 'x', kind: 'loaded_framing', anchor: { exact: 'missing words', prefix: '', suffix: '', start: 0, end: 13 }, evidence: [] },
    { ...cardFor(text, 'First claim here.'), id: 'a' },
  ];
  const doc = makeDoc('<header>Site name</header><p>First claim here.</p><p>Second claim there.</p>');
  const index = buildTextIndex(doc.body);
  const got = anchorCards(index, cards, text);
  assert.deepEqual(got.map((p) => [p.card.id, p.placed]), [['b', true], ['x', false], ['a', true]]);
  // The page has extra text before the article: offsets are mapped, not trusted.
  assert.equal(got[0].method, 'position');
});
