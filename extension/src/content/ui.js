/*
 * Sidenote's in-page UI: a compact panel and one note, both inside a closed
 * shadow root on a host appended to <html> (not <body>, so body text stays
 * as it was). Every string from the page or the backend goes in through
 * textContent; the only markup is this file's own constant CSS.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).ui = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const KIND_LABEL = {
    single_source: 'Single source',
    unverified_social_quote: 'Unlinked social post',
    loaded_framing: 'Loaded wording',
    quote_not_in_source: 'Not on linked page',
  };
  const EVIDENCE_LABEL = {
    name_calling: 'label', labeling: 'label', scare_quotes: 'scare quotes', so_called: '“so-called”',
    emotive: 'emotive word', intensifier: 'intensifier', identity: 'identity used as weight',
  };

  const CSS_TEXT = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { --bg:#ffffff; --fg:#1c1d21; --muted:#5b5f6b; --line:#d9dbe1; --accent:#2457d6; --shadow:0 6px 24px rgba(0,0,0,.18);
  --single_source:#2457d6; --unverified_social_quote:#b35900; --loaded_framing:#b0127f; --quote_not_in_source:#c4321c;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
@media (prefers-color-scheme: dark) {
  .root { --bg:#1f2128; --fg:#eceef3; --muted:#a7acb8; --line:#3a3e49; --accent:#8fb0ff; --shadow:0 6px 24px rgba(0,0,0,.5);
    --single_source:#8fb0ff; --unverified_social_quote:#ffb35c; --loaded_framing:#ff8ad8; --quote_not_in_source:#ff8a75; }
}
/* The panel keeps to the bottom half of the window: words brought into view
   (by the reader, by scrollIntoView, or by a card button) sit above it. */
.panel { position: fixed; right: 16px; bottom: 16px; width: 320px; max-height: min(calc(50vh - 32px), 380px); display: flex; flex-direction: column;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px; box-shadow: var(--shadow); z-index: 2147483646; overflow: hidden; }
.panel[data-collapsed] { width: auto; }
.panel[data-collapsed] .body, .panel[data-collapsed] .foot { display: none; }
.head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid var(--line); }
.panel[data-collapsed] .head { border-bottom: 0; }
.brand { font-weight: 700; letter-spacing: .01em; }
.count { margin-left: auto; color: var(--muted); font-size: 12px; }
.body { overflow: auto; padding: 8px 10px; }
.headline { margin: 0 0 8px; font-weight: 600; font-size: 13px; line-height: 1.4; }
.message { margin: 0 0 8px; }
.message code { font: 12px ui-monospace, monospace; background: color-mix(in srgb, var(--fg) 10%, transparent); padding: 1px 4px; border-radius: 4px; }
progress { width: 100%; height: 6px; accent-color: var(--accent); }
ul { list-style: none; margin: 0; padding: 0; }
li + li { margin-top: 4px; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 10px 0 4px; }
button { font: inherit; color: inherit; cursor: pointer; }
.card { display: block; width: 100%; text-align: left; background: transparent; border: 1px solid var(--line); border-radius: 8px; padding: 6px 8px; }
.card:hover { background: color-mix(in srgb, var(--accent) 8%, transparent); }
.card .title { font-size: 13px; }
.card .snip { display: block; margin-top: 2px; font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.chip { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 6px; border-radius: 999px; margin-right: 6px; border: 1px solid currentColor; }
.chip[data-kind="single_source"] { color: var(--single_source); border-style: dotted; }
.chip[data-kind="unverified_social_quote"] { color: var(--unverified_social_quote); border-style: dashed; }
.chip[data-kind="loaded_framing"] { color: var(--loaded_framing); border-style: solid; }
.chip[data-kind="quote_not_in_source"] { color: var(--quote_not_in_source); border-style: double; border-width: 3px; }
.foot { display: flex; gap: 6px; flex-wrap: wrap; padding: 8px 10px; border-top: 1px solid var(--line); }
.btn { background: transparent; border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; font-size: 12px; }
.icon { background: transparent; border: 0; padding: 2px 6px; border-radius: 6px; font-size: 16px; line-height: 1; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.note { position: fixed; width: min(360px, calc(100vw - 16px)); background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  border-left: 4px solid var(--accent); border-radius: 8px; box-shadow: var(--shadow); padding: 10px 12px; z-index: 2147483647; }
.note[data-kind="single_source"] { border-left-color: var(--single_source); }
.note[data-kind="unverified_social_quote"] { border-left-color: var(--unverified_social_quote); }
.note[data-kind="loaded_framing"] { border-left-color: var(--loaded_framing); }
.note[data-kind="quote_not_in_source"] { border-left-color: var(--quote_not_in_source); }
.note .ev a, .note .found a { color: var(--accent); overflow-wrap: anywhere; }
.note[hidden], .panel[hidden], .icon[hidden] { display: none; }
.note h2 { font-size: 15px; margin: 4px 24px 6px 0; }
.note p { margin: 0 0 6px; }
.note .close { position: absolute; top: 6px; right: 6px; }
.note .where { color: var(--muted); font-size: 12px; }
.note .ev li { font-size: 12px; }
.note .ev .q { font-style: italic; }
/* Focus moves to the dialog itself so Esc and Tab work; its frame is the cue. */
.note:focus { outline: none; }
.spinner { width: 10px; height: 10px; border-radius: 50%; border: 2px solid var(--line); border-top-color: var(--accent); animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
`;

  function el(doc, tag, attrs, text) {
    const e = doc.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  /**
   * @param {Document} doc
   * @param {{onActivate?: (id: string, invoker: HTMLElement) => void, onRetry?: () => void,
   *          onDisableSite?: () => void, onNoteClosed?: (id: string) => void}} handlers
   * @param {{shadowMode?: 'open'|'closed'}} [opts] closed in the product (page scripts cannot read
   *        the notes); unit tests open it to inspect what was rendered
   */
  function createUi(doc, handlers = {}, opts = {}) {
    const host = el(doc, 'sidenote-root', { 'data-sidenote-ui': '' });
    // The host itself must not take part in the page's layout or styles.
    host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = host.attachShadow({ mode: opts.shadowMode === 'open' ? 'open' : 'closed' });
    const style = el(doc, 'style', null, CSS_TEXT);
    const rootEl = el(doc, 'div', { class: 'root' });
    shadow.append(style, rootEl);

    const panel = el(doc, 'section', { class: 'panel', role: 'region', 'aria-label': 'Sidenote' });
    const head = el(doc, 'div', { class: 'head' });
    const toggle = el(doc, 'button', { class: 'icon', type: 'button', 'aria-expanded': 'true', 'aria-label': 'Collapse Sidenote panel' }, '▾');
    const brand = el(doc, 'span', { class: 'brand' }, 'Sidenote');
    const count = el(doc, 'span', { class: 'count' });
    head.append(brand, count, toggle);
    const body = el(doc, 'div', { class: 'body' });
    const status = el(doc, 'div', { role: 'status', 'aria-live': 'polite' });
    const lists = el(doc, 'div');
    body.append(status, lists);
    const foot = el(doc, 'div', { class: 'foot' });
    const retry = el(doc, 'button', { class: 'btn', type: 'button' }, 'Check again');
    const offSite = el(doc, 'button', { class: 'btn', type: 'button' }, 'Off on this site');
    const hide = el(doc, 'button', { class: 'btn', type: 'button' }, 'Hide');
    foot.append(retry, offSite, hide);
    panel.append(head, body, foot);
    toggle.hidden = true;

    const note = el(doc, 'div', { class: 'note', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'sn-note-title', tabindex: '-1', hidden: '' });
    rootEl.append(panel, note);

    let cards = new Map();
    let openId = null;
    let pinned = false;
    let invoker = null;

    toggle.addEventListener('click', () => setCollapsed(!panel.hasAttribute('data-collapsed')));
    retry.addEventListener('click', () => handlers.onRetry && handlers.onRetry());
    offSite.addEventListener('click', () => handlers.onDisableSite && handlers.onDisableSite());
    hide.addEventListener('click', () => {
      closeNote();
      setCollapsed(true);
      toggle.focus();
    });
    shadow.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && openId !== null) {
        e.stopPropagation();
        closeNote(true);
      }
    });

    function setCollapsed(collapsed) {
      if (collapsed) panel.setAttribute('data-collapsed', '');
      else panel.removeAttribute('data-collapsed');
      toggle.setAttribute('aria-expanded', String(!collapsed));
      toggle.setAttribute('aria-label', collapsed ? 'Expand Sidenote panel' : 'Collapse Sidenote panel');
      toggle.textContent = collapsed ? '▸' : '▾';
      // Expanded, the panel's first stop is the first card; "Hide" collapses it.
      toggle.hidden = !collapsed;
    }

    function mount() {
      if (!host.isConnected) doc.documentElement.appendChild(host);
      panel.hidden = false;
    }

    function setStatus(parts, { progress = false } = {}) {
      status.replaceChildren();
      lists.replaceChildren();
      for (const p of parts) status.append(p);
      if (progress) {
        const bar = el(doc, 'progress', { 'aria-label': 'Analysing' });
        status.append(bar);
      }
    }

    function message(text) {
      return el(doc, 'p', { class: 'message' }, text);
    }

    function cardButton(card) {
      const b = el(doc, 'button', { class: 'card', type: 'button', 'data-id': card.id, 'aria-haspopup': 'dialog' });
      b.append(el(doc, 'span', { class: 'chip', 'data-kind': card.kind }, KIND_LABEL[card.kind] || card.kind));
      b.append(el(doc, 'span', { class: 'title' }, card.title || ''));
      // Titles repeat per kind; the words tell one card from another.
      const snip = snippetOf(card);
      if (snip) b.append(el(doc, 'span', { class: 'snip' }, snip));
      b.addEventListener('click', () => handlers.onActivate && handlers.onActivate(card.id, b));
      return b;
    }

    function fillNote(entry) {
      const { card, placed, quote } = entry;
      note.replaceChildren();
      note.setAttribute('data-kind', card.kind);
      const close = el(doc, 'button', { class: 'icon close', type: 'button', 'aria-label': 'Close note' }, '×');
      close.addEventListener('click', () => closeNote(true));
      const kind = el(doc, 'span', { class: 'chip', 'data-kind': card.kind }, KIND_LABEL[card.kind] || card.kind);
      const title = el(doc, 'h2', { id: 'sn-note-title' }, card.title || '');
      const bodyText = el(doc, 'p', null, card.body || '');
      note.append(close, kind, title, bodyText);
      const ev = (card.evidence || []).filter((x) => x && x.exact);
      if (ev.length) {
        const list = el(doc, 'ul', { class: 'ev', 'aria-label': 'What we saw' });
        for (const x of ev.slice(0, 6)) {
          const li = el(doc, 'li');
          // The exact words often bring their own quotation marks (scare quotes).
          li.append(el(doc, 'span', { class: 'q' }, quoted(x.exact)));
          if (x.label) li.append(doc.createTextNode(' — ' + (EVIDENCE_LABEL[x.label] || x.label.replace(/_/g, ' '))));
          const link = linkTo(x.url);
          if (link) li.append(doc.createTextNode(': '), link);
          list.append(li);
        }
        note.append(list);
      }
      // follow_links: the quoted words this card covers are on the page the article links to.
      const found = (Array.isArray(card.found_on) ? card.found_on : []).map(linkTo).filter(Boolean);
      if (found.length) {
        const p = el(doc, 'p', { class: 'found' }, 'The quoted words are on the linked page: ');
        found.forEach((a, i) => p.append(...(i ? [doc.createTextNode(', '), a] : [a])));
        note.append(p);
      }
      if (!placed) {
        note.append(el(doc, 'p', { class: 'where' }, 'Could not find these words on the page: “' + truncate(quote, 160) + '”'));
      }
    }

    /** A link for an http(s) address from the backend (opens in a new tab), else null. */
    function linkTo(url) {
      let u;
      try {
        u = new URL(String(url || ''));
      } catch (e) {
        return null;
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
      const a = el(doc, 'a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, truncate(u.host + u.pathname, 60));
      return a;
    }

    function position(rect) {
      const vw = doc.documentElement.clientWidth || 800;
      const vh = doc.documentElement.clientHeight || 600;
      const size = { width: note.offsetWidth || Math.min(360, vw - 16), height: note.offsetHeight || 160 };
      const p = panel.hidden ? null : panel.getBoundingClientRect();
      const avoid = p && p.width > 0 && p.height > 0 ? p : null;
      const at = rect ? placeNote(rect, size, { width: vw, height: vh }, avoid) : placeBeside(avoid, size, { width: vw, height: vh });
      note.style.left = at.left + 'px';
      note.style.top = at.top + 'px';
    }

    function openNote(id, { rect = null, focus = false, pin = false, from = null } = {}) {
      const entry = cards.get(id);
      if (!entry) return;
      if (openId !== id) fillNote(entry);
      openId = id;
      pinned = pinned && openId === id ? true : pin;
      note.hidden = false;
      position(rect);
      doc.documentElement.setAttribute('data-sidenote-note', id);
      if (from) invoker = from;
      if (focus) note.focus();
    }

    function closeNote(restoreFocus) {
      if (openId === null) return;
      const id = openId;
      openId = null;
      pinned = false;
      note.hidden = true;
      doc.documentElement.removeAttribute('data-sidenote-note');
      if (restoreFocus && invoker && invoker.isConnected) invoker.focus();
      invoker = null;
      if (handlers.onNoteClosed) handlers.onNoteClosed(id);
    }

    return {
      host,
      contains(node) {
        return node === host;
      },
      noteRect() {
        return note.hidden ? null : note.getBoundingClientRect();
      },
      showAnalysing() {
        mount();
        closeNote();
        count.replaceChildren(el(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }));
        setStatus([message('Reading this article…')], { progress: true });
      },
      showUnreachable(backendUrl) {
        mount();
        count.textContent = '';
        const p = el(doc, 'p', { class: 'message' });
        p.append(doc.createTextNode('Can’t reach the Sidenote backend at ' + backendUrl + '. Start it: run '));
        p.append(el(doc, 'code', null, 'make run'));
        p.append(doc.createTextNode(' in the sidenote folder, then choose “Check again”.'));
        setStatus([p]);
      },
      showError(msg) {
        mount();
        count.textContent = '';
        setStatus([message('The backend could not analyse this page: ' + (msg || 'unknown error'))]);
      },
      showNotArticle() {
        mount();
        count.textContent = '';
        setStatus([message('This page doesn’t look like an article, so there is nothing to check.')]);
      },
      showNothing(claimCount) {
        mount();
        count.textContent = '0 notes';
        const n = claimCount | 0;
        setStatus([message(`${n} claim${n === 1 ? '' : 's'} checked, no sourcing or framing issues found`)]);
      },
      /**
       * @param {string} headline
       * @param {Array<{card: object, placed: boolean}>} placements
       */
      showResults(headline, placements) {
        mount();
        cards = new Map(placements.map((p) => [p.card.id, { card: p.card, placed: p.placed, quote: (p.card.anchor && p.card.anchor.exact) || '' }]));
        const n = placements.length;
        count.textContent = `${n} note${n === 1 ? '' : 's'}`;
        setStatus([el(doc, 'p', { class: 'headline' }, headline || '')]);
        const placed = placements.filter((p) => p.placed);
        const unplaced = placements.filter((p) => !p.placed);
        if (placed.length) {
          const ul = el(doc, 'ul', { 'aria-label': 'Notes on this page' });
          for (const p of placed) ul.appendChild(el(doc, 'li')).appendChild(cardButton(p.card));
          lists.append(ul);
        }
        if (unplaced.length) {
          lists.append(el(doc, 'h3', { id: 'sn-unplaced' }, 'Not found on the page'));
          const ul = el(doc, 'ul', { 'aria-labelledby': 'sn-unplaced' });
          for (const p of unplaced) ul.appendChild(el(doc, 'li')).appendChild(cardButton(p.card));
          lists.append(ul);
        }
      },
      openNote,
      closeNote,
      openId: () => openId,
      isPinned: () => pinned,
      /** Is the pointer event over the note (its host is the event target outside the shadow)? */
      noteContains(x, y) {
        if (note.hidden) return false;
        const r = note.getBoundingClientRect();
        return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      },
      focusPanel() {
        mount();
        setCollapsed(false);
        const first = lists.querySelector('button') || toggle;
        first.focus();
      },
      destroy() {
        closeNote();
        host.remove();
      },
    };
  }

  const MARGIN = 8;
  const GAP = 8;

  function clamp(v, lo, hi) {
    return Math.max(lo, Math.min(v, hi));
  }

  function overlapArea(a, b) {
    const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
    const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  /**
   * Where a note of `size` goes beside the words at `target` (viewport
   * rects): below them, else above, never over them, and off the panel
   * (`avoid`) when the window allows; failing that, the spot that hides the
   * least of the panel.
   * @returns {{left: number, top: number}}
   */
  function placeNote(target, size, viewport, avoid) {
    const { width: w, height: h } = size;
    const maxLeft = Math.max(MARGIN, viewport.width - w - MARGIN);
    const aligned = clamp(target.left, MARGIN, maxLeft);
    const lefts = [aligned];
    if (avoid) lefts.push(clamp(avoid.left - w - GAP, MARGIN, maxLeft));
    const tops = [target.bottom + GAP, target.top - GAP - h];
    const candidates = [];
    for (const left of lefts) for (const top of tops) candidates.push({ left, top });
    const fits = (c) => c.top >= MARGIN && c.top + h <= viewport.height - MARGIN;
    const box = (c) => ({ left: c.left, top: c.top, width: w, height: h });
    const hidden = (c) => (avoid ? overlapArea(box(c), { left: avoid.left, top: avoid.top, width: avoid.width, height: avoid.height }) : 0);
    const clear = candidates.find((c) => fits(c) && hidden(c) === 0);
    if (clear) return clear;
    const inside = candidates.filter(fits);
    if (inside.length) return inside.reduce((a, b) => (hidden(b) < hidden(a) ? b : a));
    // Taller than the room above and below: keep it on screen.
    return { left: aligned, top: clamp(target.bottom + GAP, MARGIN, Math.max(MARGIN, viewport.height - h - MARGIN)) };
  }

  /** Where the note of an unplaced card goes: above the panel, else to its left. */
  function placeBeside(panelRect, size, viewport) {
    const { width: w, height: h } = size;
    const maxLeft = Math.max(MARGIN, viewport.width - w - MARGIN);
    if (!panelRect) return { left: maxLeft, top: Math.max(MARGIN, viewport.height - h - MARGIN) };
    const right = panelRect.left + panelRect.width;
    if (panelRect.top - GAP - h >= MARGIN) return { left: clamp(right - w, MARGIN, maxLeft), top: panelRect.top - GAP - h };
    return {
      left: clamp(panelRect.left - w - GAP, MARGIN, maxLeft),
      top: clamp(panelRect.top + panelRect.height - h, MARGIN, Math.max(MARGIN, viewport.height - h - MARGIN)),
    };
  }

  /** The words a card is about, short: loaded words for framing, else the anchor quote. */
  function snippetOf(card) {
    const words = card.kind === 'loaded_framing' ? (card.evidence || []).map((e) => e && e.exact).filter(Boolean) : [];
    const parts = words.length ? words : [(card.anchor && card.anchor.exact) || ''];
    return truncate(parts.map(quoted).filter(Boolean).join(', '), 90);
  }

  function quoted(s) {
    s = String(s || '').replace(/\s+/g, ' ').trim();
    if (!s) return '';
    return /^[“"‘'«„]/.test(s) ? s : '“' + s + '”';
  }

  function truncate(s, n) {
    s = String(s || '').replace(/\s+/g, ' ').trim();
    return s.length > n ? s.slice(0, n - 1) + '…' : s;
  }

  return { createUi, placeNote, placeBeside, snippetOf, KIND_LABEL };
});
