// @ts-check
/*
 * Building the UI's elements. Every string from the page or the backend goes
 * in through textContent or a checked attribute, never as markup.
 */
(function (root, factory) {
  const api = factory(typeof require === 'function' ? require('./text.js') : root.Sidenote.uiText);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiDom = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (uiText) {
  'use strict';

  /**
   * An element with attributes and, if given, text.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {Document} doc
   * @param {K} tag
   * @param {Record<string, string> | null} [attrs]
   * @param {unknown} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(doc, tag, attrs, text) {
    const e = doc.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /**
   * The coloured label naming a card's kind.
   * @param {Document} doc
   * @param {string} kind
   */
  function chip(doc, kind) {
    return el(doc, 'span', { class: 'chip', 'data-kind': kind }, uiText.kindLabel(kind));
  }

  /**
   * A link for an http(s) address from the backend (opens in a new tab), else null.
   * @param {Document} doc
   * @param {unknown} url
   * @returns {HTMLAnchorElement | null}
   */
  function linkTo(doc, url) {
    let u;
    try {
      u = new URL(String(url || ''));
    } catch (e) {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return el(doc, 'a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, uiText.truncate(u.host + u.pathname, 60));
  }

  return { el, chip, linkTo };
});
