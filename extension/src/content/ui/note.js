// @ts-check
/*
 * The note: a non-modal dialog that says what one card found, with the
 * evidence and where to check it. It is filled, shown, moved and hidden here;
 * which card is open, and where, is decided by ui.js.
 */
/**
 * What the note shows for one card: the card, whether its words are on the
 * page, and those words.
 * @typedef {{card: import('../../lib/anchor.js').Card, placed: boolean, quote: string}} Entry
 */

(function (root, factory) {
  const api = factory(
    typeof require === 'function' ? require('./dom.js') : root.Sidenote.uiDom,
    typeof require === 'function' ? require('./text.js') : root.Sidenote.uiText,
  );
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiNote = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (dom, uiText) {
  'use strict';

  const MAX_EVIDENCE = 6;

  /**
   * @param {Document} doc
   * @param {{onClose: () => void}} handlers the × button was pressed
   */
  function createNote(doc, handlers) {
    const el = dom.el(doc, 'div', {
      class: 'note', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sn-note-title', tabindex: '-1', hidden: '',
    });

    /** @param {Entry} entry */
    function fill(entry) {
      const { card, placed, quote } = entry;
      el.replaceChildren();
      el.setAttribute('data-kind', card.kind);
      const close = dom.el(doc, 'button', { class: 'icon close', type: 'button', 'aria-label': 'Close note' }, '×');
      close.addEventListener('click', () => handlers.onClose());
      const title = dom.el(doc, 'h2', { id: 'sn-note-title' }, card.title || '');
      const bodyText = dom.el(doc, 'p', null, card.body || '');
      el.append(close, dom.chip(doc, card.kind), title, bodyText);
      const ev = (card.evidence || []).filter((x) => x && x.exact);
      if (ev.length) {
        const list = dom.el(doc, 'ul', { class: 'ev', 'aria-label': 'What we saw' });
        for (const x of ev.slice(0, MAX_EVIDENCE)) {
          const li = dom.el(doc, 'li');
          // The exact words often bring their own quotation marks (scare quotes).
          li.append(dom.el(doc, 'span', { class: 'q' }, uiText.quoted(x.exact)));
          if (x.label) li.append(doc.createTextNode(' — ' + uiText.evidenceLabel(x.label)));
          const link = dom.linkTo(doc, x.url);
          if (link) li.append(doc.createTextNode(': '), link);
          list.append(li);
        }
        el.append(list);
      }
      // follow_links: the quoted words this card covers are on the page the article links to.
      const found = (Array.isArray(card.found_on) ? card.found_on : []).map((u) => dom.linkTo(doc, u)).filter((a) => a !== null);
      if (found.length) {
        const p = dom.el(doc, 'p', { class: 'found' }, 'The quoted words are on the linked page: ');
        found.forEach((a, i) => p.append(...(i ? [doc.createTextNode(', '), a] : [a])));
        el.append(p);
      }
      if (!placed) {
        el.append(dom.el(doc, 'p', { class: 'where' }, 'Could not find these words on the page: “' + uiText.truncate(quote, 160) + '”'));
      }
    }

    return {
      el,
      fill,
      isHidden: () => el.hidden,
      show() {
        el.hidden = false;
      },
      hide() {
        el.hidden = true;
      },
      /**
       * Its size as laid out, or an estimate before layout (jsdom).
       * @param {number} viewportWidth
       */
      size(viewportWidth) {
        return { width: el.offsetWidth || Math.min(360, viewportWidth - 16), height: el.offsetHeight || 160 };
      },
      /** @param {{left: number, top: number}} at */
      moveTo(at) {
        el.style.left = at.left + 'px';
        el.style.top = at.top + 'px';
      },
      /** @returns {DOMRect | null} */
      rect() {
        return el.hidden ? null : el.getBoundingClientRect();
      },
      /** Is the viewport point (x, y) over the note? @param {number} x @param {number} y */
      contains(x, y) {
        if (el.hidden) return false;
        const r = el.getBoundingClientRect();
        return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      },
      focus() {
        el.focus();
      },
    };
  }

  return { createNote, MAX_EVIDENCE };
});
