// @ts-check
/*
 * The counter in the panel's head: a spinner while the backend works, then
 * how many notes the page has, or nothing.
 */
(function (root, factory) {
  const api = factory(
    typeof require === 'function' ? require('./dom.js') : root.Sidenote.uiDom,
    typeof require === 'function' ? require('./text.js') : root.Sidenote.uiText,
  );
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiCount = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (dom, uiText) {
  'use strict';

  /** @param {Document} doc */
  function createCount(doc) {
    const el = dom.el(doc, 'span', { class: 'count' });
    return {
      el,
      /** The backend is working. */
      busy() {
        el.replaceChildren(dom.el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }));
      },
      /** @param {number} n */
      notes(n) {
        el.textContent = uiText.plural(n, 'note');
      },
      clear() {
        el.textContent = '';
      },
    };
  }

  return { createCount };
});
