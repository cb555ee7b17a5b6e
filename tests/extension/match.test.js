'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { load } = require('./helpers.js');

const { squeeze, matchQuote, approximateEnds, editDistance } = load('lib/match.js');

test('squeeze drops whitespace, NBSP, zero-width and soft hyphens and keeps a map back', () => {
  const s = ' a\u00a0b\n\t c\u200bd\u00ade ';
  const { text, map } = squeeze(s);
  assert.equal(text, 'abcde');
  assert.deepEqual(Array.from(map).map((i) => s[i]), ['a', 'b', 'c', 'd', 'e']);
});

const sq = (s) => squeeze(s).text;

const cases = [
  {
    name: 'hint that agrees with the quote is taken as is',
    text: 'one two three two four', quote: 'two', prefix: 'three', suffix: 'four', hint: 'onetwothree'.length,
    want: { start: 11, method: 'position' },
  },
  {
    // The hint points at the first "two", but the context names the second.
    name: 'duplicate quote: context beats a misleading hint',
    text: 'alpha two beta. gamma two delta.', quote: 'two', prefix: 'gamma', suffix: 'delta', hint: 5,
    want: { start: sq('alpha two beta. gamma ').length, method: 'quote' },
  },
  {
    name: 'duplicate quote without hint: suffix alone decides',
    text: 'It rained. Officials said so. It rained. Nobody said so.', quote: 'It rained.', prefix: '', suffix: 'Nobody said',
    want: { start: sq('It rained. Officials said so. ').length, method: 'quote' },
  },
  {
    // The page spells one word differently from the backend's text.
    name: 'fuzzy: a small spelling difference still places the quote',
    text: 'The minister said the colour of the flag had changed overnight.', quote: 'the color of the flag had changed',
    prefix: 'minister said', suffix: 'overnight',
    want: { start: sq('The minister said ').length, method: 'fuzzy' },
  },
  {
    name: 'unplaceable: words that are not there give null',
    text: 'Completely different words on this page.', quote: 'the quote the backend saw', want: null,
  },
  {
    // One letter off in a short word matches too many places to trust
    // unless the context agrees; here it does not.
    name: 'short fuzzy quote with unrelated context is refused',
    text: 'The rebels left. Nothing else here.', quote: 'rebelz', prefix: 'zzzzzz', suffix: 'qqqqqq', want: null,
  },
  {
    name: 'short fuzzy quote with matching context is placed',
    text: 'the so-called rebels left town', quote: 'rebelz', prefix: 'so-called', suffix: 'left town',
    want: { start: sq('the so-called ').length, method: 'fuzzy' },
  },
];

for (const c of cases) {
  test('matchQuote: ' + c.name, () => {
    const got = matchQuote(sq(c.text), sq(c.quote), { prefix: sq(c.prefix || ''), suffix: sq(c.suffix || ''), hint: c.hint });
    if (c.want === null) {
      assert.equal(got, null);
    } else {
      assert.ok(got, 'expected a match');
      assert.equal(got.start, c.want.start);
      assert.equal(got.method, c.want.method);
    }
  });
}

test('approximateEnds agrees with brute force on random strings', () => {
  // Deterministic LCG so a failure can be replayed.
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const brute = (t, p, k) => {
    const out = [];
    for (let e = 1; e <= t.length; e++) {
      let best = Infinity;
      for (let s = 0; s <= e; s++) best = Math.min(best, editDistance(p, t.slice(s, e)));
      if (best <= k) out.push({ end: e, errors: best });
    }
    return out;
  };
  for (let r = 0; r < 300; r++) {
    const pick = () => 'abc'[Math.floor(rnd() * 3)];
    const t = Array.from({ length: 25 }, pick).join('');
    const p = Array.from({ length: 1 + Math.floor(rnd() * 8) }, pick).join('');
    const k = 1 + Math.floor(rnd() * 3);
    assert.deepEqual(approximateEnds(t, p, k), brute(t, p, k), `t=${t} p=${p} k=${k}`);
  }
});
