// @ts-check
/*
 * Placing the backend's cards on the page. Offsets in a card index the
 * backend's article.text, not the page, so they are mapped through a running
 * offset (where the article text sits in the page's text) and used only as a
 * hint; the quote and its context decide.
 */
/**
 * A card as the backend sends it (the fields the extension reads).
 * @typedef {{id: string, kind: string, severity?: string, title?: string, body?: string,
 *   anchor?: {exact?: string, prefix?: string, suffix?: string, start?: number, end?: number},
 *   evidence?: Array<{exact?: string, start?: number, end?: number, label?: string, url?: string}>,
 *   found_on?: unknown}} Card
 * @typedef {{card: Card, placed: boolean, method: string|null, start: number, end: number,
 *   evidence: Array<{start: number, end: number, label: string}>}} Placement
 */

(function (root, factory) {
  const api = factory(
    typeof require === 'function' ? require('./match.js') : root.Sidenote.match,
    typeof require === 'function' ? require('./textindex.js') : root.Sidenote.textIndex,
  );
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).anchor = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (match, textIndex) {
  'use strict';

  const PROBE = 48;
  const CONTEXT = 32;

  /** Where (in squeezed page text) squeezed article text starts, or null. */
  function estimateOffset(pageSq, articleSq) {
    if (!articleSq.length) return null;
    for (const frac of [0, 0.25, 0.5, 0.75]) {
      const at = Math.floor(articleSq.length * frac);
      const probe = articleSq.slice(at, at + PROBE);
      if (probe.length < 8) continue;
      const found = pageSq.indexOf(probe);
      if (found !== -1) return found - at;
    }
    return null;
  }

  function place(pageSq, spec, hint) {
    const quote = match.squeeze(spec.exact || '').text;
    if (!quote) return null;
    return match.matchQuote(pageSq, quote, {
      prefix: match.squeeze(spec.prefix || '').text,
      suffix: match.squeeze(spec.suffix || '').text,
      hint,
    });
  }

  /**
   * @param {ReturnType<typeof textIndex.buildTextIndex>} index
   * @param {Card[]} cards cards as the backend sends them
   * @param {string} articleText the backend's article.text
   * @returns {Placement[]} in card order; start/end are raw offsets into
   *          index.text (meaningless when !placed)
   */
  function anchorCards(index, cards, articleText) {
    const pageSq = index.squeezed.text;
    const text = articleText || '';
    const counts = match.keptCounts(text);
    const sqAt = (i) => counts[Math.max(0, Math.min(text.length, i | 0))];
    let offset = estimateOffset(pageSq, match.squeeze(text).text);

    const order = cards.map((card, i) => i);
    const startOf = (c) => (c.anchor && typeof c.anchor.start === 'number' ? c.anchor.start : Infinity);
    order.sort((a, b) => startOf(cards[a]) - startOf(cards[b]));
    const results = new Array(cards.length);

    for (const i of order) {
      const card = cards[i];
      const a = card.anchor || {};
      const hasPos = typeof a.start === 'number' && a.start >= 0;
      const hint = offset !== null && hasPos ? offset + sqAt(a.start) : null;
      const m = place(pageSq, a, hint);
      if (!m) {
        results[i] = { card, placed: false, method: null, start: -1, end: -1, evidence: [] };
        continue;
      }
      // Follow the page: later cards are hinted from where this one landed.
      if (hasPos) offset = m.start - sqAt(a.start);
      const span = textIndex.rawSpan(index, m.start, m.end);
      const evidence = [];
      for (const ev of card.evidence || []) {
        if (typeof ev.start !== 'number' || !ev.exact) continue;
        // Evidence carries no context of its own: take it from article.text.
        const spec = {
          exact: ev.exact,
          prefix: text.slice(Math.max(0, ev.start - CONTEXT), ev.start),
          suffix: text.slice(ev.end, ev.end + CONTEXT),
        };
        const em = place(pageSq, spec, hasPos ? m.start + sqAt(ev.start) - sqAt(a.start) : null);
        if (em) evidence.push({ ...textIndex.rawSpan(index, em.start, em.end), label: ev.label || '' });
      }
      results[i] = { card, placed: true, method: m.method, start: span.start, end: span.end, evidence };
    }
    return results;
  }

  return { anchorCards, estimateOffset };
});
