// @ts-check
/*
 * One card in the panel's list: a button with the card's kind, its title and
 * the words it is about; activating it asks for the card's note.
 */
/** @typedef {import('../../lib/anchor.js').Card} Card */

(function (root, factory) {
  const api = factory(
    typeof require === 'function' ? require('./dom.js') : root.Sidenote.uiDom,
    typeof require === 'function' ? require('./text.js') : root.Sidenote.uiText,
  );
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiCard = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (dom, uiText) {
  'use strict';

  /**
   * @param {Document} doc
   * @param {Card} card
   * @param {(id: string, button: HTMLButtonElement) => void} onActivate
   * @returns {HTMLButtonElement}
   */
  function createCardButton(doc, card, onActivate) {
    const b = dom.el(doc, 'button', { class: 'card', type: 'button', 'data-id': card.id, 'aria-haspopup': 'dialog' });
    b.append(dom.chip(doc, card.kind));
    b.append(dom.el(doc, 'span', { class: 'title' }, card.title || ''));
    // Titles repeat per kind; the words tell one card from another.
    const snip = uiText.snippetOf(card);
    if (snip) b.append(dom.el(doc, 'span', { class: 'snip' }, snip));
    b.addEventListener('click', () => onActivate(card.id, b));
    return b;
  }

  return { createCardButton };
});
