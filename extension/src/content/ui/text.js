// @ts-check
/*
 * The UI's words: labels for card kinds and evidence, and the short forms
 * of the backend's text that the panel and the note show. Strings only, no DOM.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiText = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /** @type {Readonly<Record<string, string>>} */
  const KIND_LABEL = Object.freeze({
    single_source: 'Single source',
    unverified_social_quote: 'Unlinked social post',
    loaded_framing: 'Loaded wording',
    quote_not_in_source: 'Not on linked page',
  });
  /** @type {Readonly<Record<string, string>>} */
  const EVIDENCE_LABEL = Object.freeze({
    name_calling: 'label', labeling: 'label', scare_quotes: 'scare quotes', so_called: '“so-called”',
    emotive: 'emotive word', intensifier: 'intensifier', identity: 'identity used as weight',
  });

  /** @param {string} kind */
  function kindLabel(kind) {
    return KIND_LABEL[kind] || kind;
  }

  /** @param {string} label */
  function evidenceLabel(label) {
    return EVIDENCE_LABEL[label] || label.replace(/_/g, ' ');
  }

  /**
   * Words in quotation marks, unless they bring their own (scare quotes).
   * @param {unknown} s
   */
  function quoted(s) {
    const t = String(s || '').replace(/\s+/g, ' ').trim();
    if (!t) return '';
    return /^[“"‘'«„]/.test(t) ? t : '“' + t + '”';
  }

  /**
   * Whitespace squeezed, and cut to n characters with an ellipsis.
   * @param {unknown} s
   * @param {number} n
   */
  function truncate(s, n) {
    const t = String(s || '').replace(/\s+/g, ' ').trim();
    return t.length > n ? t.slice(0, n - 1) + '…' : t;
  }

  /**
   * The words a card is about, short: loaded words for framing, else the anchor quote.
   * @param {{kind: string, anchor?: {exact?: string}, evidence?: Array<{exact?: string}|null>}} card
   */
  function snippetOf(card) {
    const words = card.kind === 'loaded_framing' ? (card.evidence || []).map((e) => e && e.exact).filter(Boolean) : [];
    const parts = words.length ? words : [(card.anchor && card.anchor.exact) || ''];
    return truncate(parts.map(quoted).filter(Boolean).join(', '), 90);
  }

  /**
   * "1 note", "3 notes", "0 claims".
   * @param {number} n
   * @param {string} noun
   */
  function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  return { KIND_LABEL, EVIDENCE_LABEL, kindLabel, evidenceLabel, quoted, truncate, snippetOf, plural };
});
