// @ts-check
/*
 * Sidenote's in-page UI: the panel (ui/panel.js) and one note (ui/note.js),
 * both inside a closed shadow root on a host appended to <html> (not <body>,
 * so body text stays as it was), styled by ui.css in a <style> there. This
 * file puts them together and keeps the state: which cards there are, which
 * note is open, pinned, and what to give focus back to.
 */
(function (root, factory) {
  const S = root.Sidenote;
  const api = typeof require === 'function'
    ? factory(require('./ui/dom.js'), require('./ui/placement.js'), require('./ui/panel.js'), require('./ui/note.js'))
    : factory(S.uiDom, S.uiPlacement, S.uiPanel, S.uiNote);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).ui = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (dom, placement, uiPanel, uiNote) {
  'use strict';

  /**
   * @typedef {{onActivate?: (id: string, invoker: HTMLElement) => void, onRetry?: () => void,
   *   onDisableSite?: () => void, onNoteClosed?: (id: string) => void}} UiHandlers
   * @typedef {{shadowMode?: 'open'|'closed', css?: string}} UiOptions
   * @typedef {{rect?: {left: number, top: number, right: number, bottom: number} | null,
   *   focus?: boolean, pin?: boolean, from?: HTMLElement | null}} OpenOptions
   */

  /**
   * @param {Document} doc
   * @param {UiHandlers} [handlers]
   * @param {UiOptions} [opts] shadowMode: closed in the product (page scripts cannot read
   *        the notes), unit tests open it to inspect what was rendered; css: ui.css's text
   */
  function createUi(doc, handlers = {}, opts = {}) {
    const host = dom.el(doc, 'sidenote-root', { 'data-sidenote-ui': '' });
    // The host itself must not take part in the page's layout or styles.
    host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = host.attachShadow({ mode: opts.shadowMode === 'open' ? 'open' : 'closed' });
    const style = dom.el(doc, 'style', null, opts.css || '');
    const rootEl = dom.el(doc, 'div', { class: 'root' });
    shadow.append(style, rootEl);

    const panel = uiPanel.createPanel(doc, {
      onActivate: (id, button) => handlers.onActivate && handlers.onActivate(id, button),
      onRetry: () => handlers.onRetry && handlers.onRetry(),
      onDisableSite: () => handlers.onDisableSite && handlers.onDisableSite(),
      onHide: () => closeNote(),
    });
    const note = uiNote.createNote(doc, { onClose: () => closeNote(true) });
    rootEl.append(panel.el, note.el);

    /** @type {Map<string, import('./ui/note.js').Entry>} */
    let cards = new Map();
    /** @type {string | null} */
    let openId = null;
    let pinned = false;
    /** @type {HTMLElement | null} */
    let invoker = null;

    shadow.addEventListener('keydown', (e) => {
      if (/** @type {KeyboardEvent} */ (e).key === 'Escape' && openId !== null) {
        e.stopPropagation();
        closeNote(true);
      }
    });

    function mount() {
      if (!host.isConnected) doc.documentElement.appendChild(host);
      panel.show();
    }

    /** Beside the words at `rect`, or beside the panel when there are none on the page. */
    function position(/** @type {OpenOptions['rect']} */ rect) {
      const vw = doc.documentElement.clientWidth || 800;
      const vh = doc.documentElement.clientHeight || 600;
      const size = note.size(vw);
      const p = panel.rect();
      const avoid = p && p.width > 0 && p.height > 0 ? p : null;
      const viewport = { width: vw, height: vh };
      note.moveTo(rect ? placement.placeNote(rect, size, viewport, avoid) : placement.placeBeside(avoid, size, viewport));
    }

    /** @param {string} id @param {OpenOptions} [options] */
    function openNote(id, { rect = null, focus = false, pin = false, from = null } = {}) {
      const entry = cards.get(id);
      if (!entry) return;
      if (openId !== id) note.fill(entry);
      openId = id;
      pinned = pinned && openId === id ? true : pin;
      note.show();
      position(rect);
      doc.documentElement.setAttribute('data-sidenote-note', id);
      if (from) invoker = from;
      if (focus) note.focus();
    }

    /** @param {boolean} [restoreFocus] */
    function closeNote(restoreFocus) {
      if (openId === null) return;
      const id = openId;
      openId = null;
      pinned = false;
      note.hide();
      doc.documentElement.removeAttribute('data-sidenote-note');
      if (restoreFocus && invoker && invoker.isConnected) invoker.focus();
      invoker = null;
      if (handlers.onNoteClosed) handlers.onNoteClosed(id);
    }

    return {
      host,
      /** @param {Node} node */
      contains(node) {
        return node === host;
      },
      noteRect: () => note.rect(),
      showAnalysing() {
        mount();
        closeNote();
        panel.showAnalysing();
      },
      /** @param {string} backendUrl */
      showUnreachable(backendUrl) {
        mount();
        panel.showUnreachable(backendUrl);
      },
      /** @param {string} [msg] */
      showError(msg) {
        mount();
        panel.showError(msg);
      },
      showNotArticle() {
        mount();
        panel.showNotArticle();
      },
      /** @param {number} claimCount */
      showNothing(claimCount) {
        mount();
        panel.showNothing(claimCount);
      },
      /**
       * @param {string} headline
       * @param {import('./ui/panel.js').Placement[]} placements
       */
      showResults(headline, placements) {
        mount();
        cards = new Map(placements.map((p) => [p.card.id, { card: p.card, placed: p.placed, quote: (p.card.anchor && p.card.anchor.exact) || '' }]));
        panel.showResults(headline, placements);
      },
      openNote,
      closeNote,
      openId: () => openId,
      isPinned: () => pinned,
      /**
       * Is the pointer over the note (its host is the event target outside the shadow)?
       * @param {number} x @param {number} y
       */
      noteContains: (x, y) => note.contains(x, y),
      focusPanel() {
        mount();
        panel.focusFirst();
      },
      destroy() {
        closeNote();
        host.remove();
      },
    };
  }

  return { createUi };
});
