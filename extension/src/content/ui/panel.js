// @ts-check
/*
 * The panel: Sidenote's name and counter, what it is doing or found (a list
 * of card buttons), and its buttons (check again, off on this site, hide).
 * It can collapse to its head; expanded, its first stop is the first card.
 */
/**
 * @typedef {{onActivate: (id: string, button: HTMLButtonElement) => void, onRetry: () => void,
 *   onDisableSite: () => void, onHide: () => void}} PanelHandlers
 * @typedef {{card: import('../../lib/anchor.js').Card, placed: boolean}} Placement
 */

(function (root, factory) {
  const S = root.Sidenote;
  const api = typeof require === 'function'
    ? factory(require('./dom.js'), require('./text.js'), require('./count.js'), require('./card.js'))
    : factory(S.uiDom, S.uiText, S.uiCount, S.uiCard);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiPanel = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (dom, uiText, uiCount, uiCard) {
  'use strict';

  /**
   * @param {Document} doc
   * @param {PanelHandlers} handlers
   */
  function createPanel(doc, handlers) {
    const el = dom.el(doc, 'section', { class: 'panel', role: 'region', 'aria-label': 'Sidenote' });
    const head = dom.el(doc, 'div', { class: 'head' });
    const toggle = dom.el(doc, 'button', { class: 'icon', type: 'button', 'aria-expanded': 'true', 'aria-label': 'Collapse Sidenote panel' }, '▾');
    const count = uiCount.createCount(doc);
    head.append(dom.el(doc, 'span', { class: 'brand' }, 'Sidenote'), count.el, toggle);
    const body = dom.el(doc, 'div', { class: 'body' });
    const status = dom.el(doc, 'div', { role: 'status', 'aria-live': 'polite' });
    const lists = dom.el(doc, 'div');
    body.append(status, lists);
    const foot = dom.el(doc, 'div', { class: 'foot' });
    const retry = dom.el(doc, 'button', { class: 'btn', type: 'button' }, 'Check again');
    const offSite = dom.el(doc, 'button', { class: 'btn', type: 'button' }, 'Off on this site');
    const hide = dom.el(doc, 'button', { class: 'btn', type: 'button' }, 'Hide');
    foot.append(retry, offSite, hide);
    el.append(head, body, foot);
    toggle.hidden = true;

    toggle.addEventListener('click', () => setCollapsed(!el.hasAttribute('data-collapsed')));
    retry.addEventListener('click', () => handlers.onRetry());
    offSite.addEventListener('click', () => handlers.onDisableSite());
    hide.addEventListener('click', () => {
      handlers.onHide();
      setCollapsed(true);
      toggle.focus();
    });

    /** @param {boolean} collapsed */
    function setCollapsed(collapsed) {
      if (collapsed) el.setAttribute('data-collapsed', '');
      else el.removeAttribute('data-collapsed');
      toggle.setAttribute('aria-expanded', String(!collapsed));
      toggle.setAttribute('aria-label', collapsed ? 'Expand Sidenote panel' : 'Collapse Sidenote panel');
      toggle.textContent = collapsed ? '▸' : '▾';
      // Expanded, the panel's first stop is the first card; "Hide" collapses it.
      toggle.hidden = !collapsed;
    }

    /** @param {Node[]} parts @param {{progress?: boolean}} [opts] */
    function setStatus(parts, { progress = false } = {}) {
      status.replaceChildren();
      lists.replaceChildren();
      for (const p of parts) status.append(p);
      if (progress) status.append(dom.el(doc, 'progress', { 'aria-label': 'Analysing' }));
    }

    /** @param {string} text */
    function message(text) {
      return dom.el(doc, 'p', { class: 'message' }, text);
    }

    /** @param {import('../../lib/anchor.js').Card[]} cards @param {Record<string, string>} attrs */
    function cardList(cards, attrs) {
      const ul = dom.el(doc, 'ul', attrs);
      for (const card of cards) ul.appendChild(dom.el(doc, 'li')).appendChild(uiCard.createCardButton(doc, card, handlers.onActivate));
      return ul;
    }

    return {
      el,
      setCollapsed,
      isHidden: () => el.hidden,
      show() {
        el.hidden = false;
      },
      /** @returns {DOMRect | null} */
      rect() {
        return el.hidden ? null : el.getBoundingClientRect();
      },
      showAnalysing() {
        count.busy();
        setStatus([message('Reading this article…')], { progress: true });
      },
      /** @param {string} backendUrl */
      showUnreachable(backendUrl) {
        count.clear();
        const p = dom.el(doc, 'p', { class: 'message' });
        p.append(doc.createTextNode('Can’t reach the Sidenote backend at ' + backendUrl + '. Start it: run '));
        p.append(dom.el(doc, 'code', null, 'make run'));
        p.append(doc.createTextNode(' in the sidenote folder, then choose “Check again”.'));
        setStatus([p]);
      },
      /** @param {string} [msg] */
      showError(msg) {
        count.clear();
        setStatus([message('The backend could not analyse this page: ' + (msg || 'unknown error'))]);
      },
      showNotArticle() {
        count.clear();
        setStatus([message('This page doesn’t look like an article, so there is nothing to check.')]);
      },
      /** @param {number} claimCount */
      showNothing(claimCount) {
        count.notes(0);
        const n = claimCount | 0;
        setStatus([message(`${uiText.plural(n, 'claim')} checked, no sourcing or framing issues found`)]);
      },
      /**
       * The headline, then a button per card: those placed on the page, then those not found.
       * @param {string} headline
       * @param {Placement[]} placements
       */
      showResults(headline, placements) {
        count.notes(placements.length);
        setStatus([dom.el(doc, 'p', { class: 'headline' }, headline || '')]);
        const placed = placements.filter((p) => p.placed).map((p) => p.card);
        const unplaced = placements.filter((p) => !p.placed).map((p) => p.card);
        if (placed.length) lists.append(cardList(placed, { 'aria-label': 'Notes on this page' }));
        if (unplaced.length) {
          lists.append(dom.el(doc, 'h3', { id: 'sn-unplaced' }, 'Not found on the page'));
          lists.append(cardList(unplaced, { 'aria-labelledby': 'sn-unplaced' }));
        }
      },
      /** Expand, and focus the first card (or the toggle when there is none). */
      focusFirst() {
        setCollapsed(false);
        const first = lists.querySelector('button') || toggle;
        first.focus();
      },
    };
  }

  return { createPanel };
});
