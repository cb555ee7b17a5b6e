// @ts-check
/*
 * Text-quote matching, after the Hypothesis client's match-quote.js:
 * a position hint checked against the quote, then every exact occurrence
 * ranked by how well its surroundings agree with prefix/suffix, then an
 * approximate search (Sellers' algorithm with Ukkonen's cut-off) when the
 * page's text differs a little from the backend's. Pure string code, no DOM.
 *
 * All matching runs on "squeezed" text: whitespace and invisible characters
 * removed, because the page and the backend disagree about them (block
 * breaks, &nbsp;, indentation) far more often than about letters.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).match = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  // Whitespace (incl. NBSP), zero-width characters and soft hyphens.
  const IGNORABLE = /[\s\u200b-\u200d\u2060\ufeff\u00ad]/;

  // Same weights as Hypothesis: the quote dominates, context breaks ties,
  // the position only settles otherwise identical candidates.
  const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, pos: 2 };
  const MAX_EXACT_CANDIDATES = 1000;
  const MAX_FUZZY_CANDIDATES = 20;
  // An approximate match may differ in at most this share of the quote.
  const FUZZY_ERROR_RATIO = 0.15;
  const FUZZY_MAX_ERRORS = 64;
  // Quotes shorter than this need agreeing context to be placed fuzzily:
  // a short word with one typo matches too many places.
  const SHORT_QUOTE = 20;
  const MIN_CONTEXT_FOR_SHORT = 0.6;

  /**
   * Remove ignorable characters.
   * @param {string} s
   * @returns {{text: string, map: Int32Array}} map[i] = index in s of text[i]
   */
  function squeeze(s) {
    const map = new Int32Array(s.length);
    let out = '';
    let n = 0;
    let runStart = 0;
    for (let i = 0; i < s.length; i++) {
      if (IGNORABLE.test(s[i])) {
        if (i > runStart) out += s.slice(runStart, i);
        runStart = i + 1;
      } else {
        map[n++] = i;
      }
    }
    if (runStart < s.length) out += s.slice(runStart);
    return { text: out, map: map.subarray(0, n) };
  }

  /**
   * prefixCount[i] = number of kept characters in s[0:i] (so a raw offset
   * into s becomes an offset into squeeze(s).text).
   * @param {string} s
   * @returns {Int32Array}
   */
  function keptCounts(s) {
    const counts = new Int32Array(s.length + 1);
    for (let i = 0; i < s.length; i++) counts[i + 1] = counts[i] + (IGNORABLE.test(s[i]) ? 0 : 1);
    return counts;
  }

  /** Plain Levenshtein distance (used on short context strings only). */
  function editDistance(a, b) {
    if (a === b) return 0;
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    let prev = new Int32Array(b.length + 1);
    let cur = new Int32Array(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      cur[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
      }
      [prev, cur] = [cur, prev];
    }
    return prev[b.length];
  }

  function similarity(expected, actual) {
    if (!expected.length) return 1;
    return 1 - Math.min(1, editDistance(expected, actual) / expected.length);
  }

  /**
   * End positions in text where pattern matches with at most k edits
   * (Sellers' algorithm, Ukkonen's cut-off: expected O(k * n)).
   * @returns {Array<{end: number, errors: number}>}
   */
  function approximateEnds(text, pattern, k) {
    const m = pattern.length;
    const C = new Int32Array(m + 1);
    for (let i = 0; i <= m; i++) C[i] = i;
    let lact = Math.min(k + 1, m);
    const out = [];
    for (let pos = 0; pos < text.length; pos++) {
      const ch = text.charCodeAt(pos);
      let pC = 0;
      let nC = 0;
      for (let i = 1; i <= lact; i++) {
        if (pattern.charCodeAt(i - 1) === ch) {
          nC = pC;
        } else {
          if (pC < nC) nC = pC;
          if (C[i] < nC) nC = C[i];
          nC++;
        }
        pC = C[i];
        C[i] = nC;
      }
      // Rows above lact all exceed k; row lact + 1 may come within k next column.
      while (lact > 0 && C[lact] > k) lact--;
      if (lact === m) out.push({ end: pos + 1, errors: C[m] });
      else lact++;
    }
    return out;
  }

  /**
   * Given that pattern ends at `end` in text, find the start that gives the
   * fewest edits (edit distance anchored at `end`, free start).
   */
  function bestStart(text, pattern, end, k) {
    const m = pattern.length;
    const from = Math.max(0, end - m - k);
    const n = end - from;
    // D over reversed strings: row i = first i chars of reversed pattern.
    let prev = new Int32Array(n + 1);
    let cur = new Int32Array(n + 1);
    for (let j = 0; j <= n; j++) prev[j] = j;
    for (let i = 1; i <= m; i++) {
      cur[0] = i;
      const pc = pattern.charCodeAt(m - i);
      for (let j = 1; j <= n; j++) {
        const cost = pc === text.charCodeAt(end - j) ? 0 : 1;
        cur[j] = Math.min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1);
      }
      [prev, cur] = [cur, prev];
    }
    let bestJ = 0;
    for (let j = 1; j <= n; j++) if (prev[j] < prev[bestJ]) bestJ = j;
    return { start: end - bestJ, errors: prev[bestJ] };
  }

  function contextScores(text, start, end, prefix, suffix) {
    const before = text.slice(Math.max(0, start - prefix.length), start);
    const after = text.slice(end, end + suffix.length);
    return { prefix: similarity(prefix, before), suffix: similarity(suffix, after) };
  }

  function totalScore(quoteScore, ctx, posScore) {
    return (
      (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * ctx.prefix + WEIGHTS.suffix * ctx.suffix + WEIGHTS.pos * posScore) /
      (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.pos)
    );
  }

  /**
   * Find the best place for quote in text. All strings must already be squeezed.
   * @param {string} text
   * @param {string} quote
   * @param {{prefix?: string, suffix?: string, hint?: number|null}} [opts]
   * @returns {{start: number, end: number, errors: number, score: number, method: 'position'|'quote'|'fuzzy'}|null}
   */
  function matchQuote(text, quote, opts = {}) {
    const prefix = opts.prefix || '';
    const suffix = opts.suffix || '';
    const hint = typeof opts.hint === 'number' && opts.hint >= 0 ? opts.hint : null;
    if (!quote.length) return null;
    const posScore = (start) => (hint === null ? 1 : 1 - Math.abs(start - hint) / Math.max(1, text.length));

    // 1. The hint: right where the backend said, and the words agree.
    if (hint !== null && text.startsWith(quote, hint)) {
      const ctx = contextScores(text, hint, hint + quote.length, prefix, suffix);
      // Context must not contradict: a duplicate sentence elsewhere may be the
      // one meant if the hint was mapped from a drifted offset.
      if (ctx.prefix + ctx.suffix >= 1.5) {
        return { start: hint, end: hint + quote.length, errors: 0, score: totalScore(1, ctx, 1), method: 'position' };
      }
    }

    // 2. Every exact occurrence, ranked by context then position.
    let best = null;
    let found = 0;
    for (let at = text.indexOf(quote); at !== -1 && found < MAX_EXACT_CANDIDATES; at = text.indexOf(quote, at + 1)) {
      found++;
      const score = totalScore(1, contextScores(text, at, at + quote.length, prefix, suffix), posScore(at));
      if (!best || score > best.score) best = { start: at, end: at + quote.length, errors: 0, score, method: 'quote' };
    }
    if (best) return best;

    // 3. Approximate: fewest edits first, context and position to choose.
    // Words of five letters or more may carry one typo (with context to back it).
    const k = Math.min(FUZZY_MAX_ERRORS, Math.max(quote.length >= 5 ? 1 : 0, Math.floor(quote.length * FUZZY_ERROR_RATIO)));
    if (k < 1) return null;
    const ends = approximateEnds(text, quote, k);
    if (!ends.length) return null;
    // Keep the local minimum of each run of adjacent end positions.
    const minima = [];
    for (let i = 0; i < ends.length; i++) {
      const e = ends[i];
      const last = minima[minima.length - 1];
      if (last && e.end - last.end <= k) {
        if (e.errors < last.errors) minima[minima.length - 1] = e;
      } else {
        minima.push(e);
      }
    }
    minima.sort((a, b) => a.errors - b.errors);
    for (const e of minima.slice(0, MAX_FUZZY_CANDIDATES)) {
      const { start, errors } = bestStart(text, quote, e.end, k);
      const ctx = contextScores(text, start, e.end, prefix, suffix);
      if (quote.length < SHORT_QUOTE && (ctx.prefix + ctx.suffix) / 2 < MIN_CONTEXT_FOR_SHORT) continue;
      const score = totalScore(1 - errors / quote.length, ctx, posScore(start));
      if (!best || score > best.score) best = { start, end: e.end, errors, score, method: 'fuzzy' };
    }
    return best;
  }

  return { squeeze, keptCounts, editDistance, approximateEnds, matchQuote, IGNORABLE };
});
