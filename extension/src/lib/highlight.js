// @ts-check
/*
 * Painting placed cards. With the CSS Custom Highlight API the page's DOM is
 * not touched at all (ranges are registered under names styled by
 * content.css); without it, text nodes are split and wrapped in
 * <sidenote-mark> elements, which keeps textContent the same but not the DOM.
 */
(function (root, factory) {
  const api = factory(typeof require === 'function' ? require('./textindex.js') : root.Sidenote.textIndex);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).highlight = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (textIndex) {
  'use strict';

  const KINDS = ['single_source', 'unverified_social_quote', 'loaded_framing', 'quote_not_in_source'];
  const ACTIVE = 'sidenote-active';
  const MARK = 'sidenote-mark';

  function highlightName(kind) {
    return 'sidenote-' + (KINDS.includes(kind) ? kind : 'other');
  }

  /**
   * What to paint for each placed card: loaded framing marks its loaded
   * words when they were found (the sentence itself is not the problem);
   * the other kinds mark the whole anchor.
   * @returns {Array<{id: string, kind: string, start: number, end: number}>}
   */
  function paintSpans(placements) {
    const spans = [];
    for (const p of placements) {
      if (!p.placed) continue;
      const { id, kind } = p.card;
      if (kind === 'loaded_framing' && p.evidence.length) {
        for (const ev of p.evidence) spans.push({ id, kind, start: ev.start, end: ev.end });
      } else {
        spans.push({ id, kind, start: p.start, end: p.end });
      }
    }
    return spans;
  }

  function supportsHighlightApi(win) {
    return !!(win && win.CSS && win.CSS.highlights && typeof win.Highlight === 'function');
  }

  /**
   * @param {Document} doc
   * @param {{mode?: 'api'|'wrap'}} [opts] default: the API when available
   */
  function createHighlighter(doc, opts = {}) {
    const win = doc.defaultView;
    const mode = opts.mode || (supportsHighlightApi(win) ? 'api' : 'wrap');
    /** @type {Array<{id: string, kind: string, range: Range, length: number}>} */
    let items = [];
    /** @type {HTMLElement[]} */
    let wrappers = [];

    function applyApi(index, spans) {
      const byName = new Map();
      for (const s of spans) {
        const range = textIndex.toRange(index, s.start, s.end);
        if (!range) continue;
        items.push({ id: s.id, kind: s.kind, range, length: s.end - s.start });
        const name = highlightName(s.kind);
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(range);
      }
      for (const [name, ranges] of byName) {
        const h = new win.Highlight(...ranges);
        h.priority = 1;
        win.CSS.highlights.set(name, h);
      }
    }

    function applyWrap(index, spans) {
      // Split every text node at every span boundary first, so that later
      // wraps never cut through an earlier one.
      const cuts = new Map();
      const segsOf = spans.map((s) => textIndex.segments(index, s.start, s.end));
      segsOf.forEach((segs) => {
        for (const g of segs) {
          if (!cuts.has(g.node)) cuts.set(g.node, new Set([0, g.node.data.length]));
          cuts.get(g.node).add(g.start).add(g.end);
        }
      });
      const pieces = new Map(); // node -> [{start, end, text}]
      for (const [node, set] of cuts) {
        const points = [...set].sort((a, b) => a - b);
        const list = [];
        let cur = node;
        for (let i = 0; i < points.length - 1; i++) {
          const len = points[i + 1] - points[i];
          const next = i < points.length - 2 ? cur.splitText(len) : null;
          list.push({ start: points[i], end: points[i + 1], text: cur, kinds: new Set(), ids: new Set() });
          cur = next;
        }
        pieces.set(node, list);
      }
      const wrapped = new Map();
      const elsOf = [];
      spans.forEach((s, k) => {
        const els = [];
        for (const g of segsOf[k]) {
          for (const piece of pieces.get(g.node)) {
            if (piece.start < g.start || piece.end > g.end) continue;
            let el = wrapped.get(piece.text);
            if (!el) {
              el = doc.createElement(MARK);
              piece.text.parentNode.insertBefore(el, piece.text);
              el.appendChild(piece.text);
              wrapped.set(piece.text, el);
              wrappers.push(el);
            }
            piece.kinds.add(s.kind);
            el.setAttribute('data-kind', [...piece.kinds].join(' '));
            els.push(el);
          }
        }
        elsOf.push(els);
      });
      // Ranges are set once every wrapper is in place: later wraps move text
      // nodes around the boundary points of earlier ranges.
      spans.forEach((s, k) => {
        const els = elsOf[k];
        if (!els.length) return;
        const range = doc.createRange();
        range.setStartBefore(els[0]);
        range.setEndAfter(els[els.length - 1]);
        items.push({ id: s.id, kind: s.kind, range, length: s.end - s.start });
      });
    }

    return {
      mode,
      /** Paint placements; returns the number of painted spans. */
      apply(index, placements) {
        this.clear();
        const spans = paintSpans(placements);
        if (mode === 'api') applyApi(index, spans);
        else applyWrap(index, spans);
        return items.length;
      },
      /** Emphasise one card's spans (the open note), or none. */
      setActive(id) {
        if (mode === 'api') {
          const ranges = items.filter((it) => it.id === id).map((it) => it.range);
          if (ranges.length) {
            const h = new win.Highlight(...ranges);
            h.priority = 2;
            win.CSS.highlights.set(ACTIVE, h);
          } else {
            win.CSS.highlights.delete(ACTIVE);
          }
        } else {
          for (const el of wrappers) el.removeAttribute('data-active');
          for (const it of items) {
            if (it.id !== id) continue;
            for (const el of wrappers) if (it.range.intersectsNode(el)) el.setAttribute('data-active', '');
          }
        }
      },
      /**
       * Card under viewport point (x, y), or null. Spans nest (a loaded word
       * inside a quote inside a claim sentence): the shortest span under the
       * point is the innermost, and wins; on a tie, the first painted.
       */
      hitTest(x, y) {
        let best = null;
        let bestLen = Infinity;
        for (const it of items) {
          if (it.length >= bestLen || typeof it.range.getClientRects !== 'function') continue;
          for (const r of it.range.getClientRects()) {
            if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) {
              best = it.id;
              bestLen = it.length;
              break;
            }
          }
        }
        return best;
      },
      /** Ranges painted for a card, in page order. */
      rangesOf(id) {
        return items.filter((it) => it.id === id).map((it) => it.range);
      },
      items() {
        return items.slice();
      },
      clear() {
        if (mode === 'api') {
          for (const kind of [...KINDS, 'other']) win.CSS.highlights.delete(highlightName(kind));
          win.CSS.highlights.delete(ACTIVE);
        } else {
          const parents = new Set();
          for (const el of wrappers) {
            if (!el.parentNode) continue;
            parents.add(el.parentNode);
            el.replaceWith(...el.childNodes);
          }
          // Re-join the text nodes split for wrapping.
          for (const p of parents) p.normalize();
        }
        items = [];
        wrappers = [];
      },
    };
  }

  return { createHighlighter, paintSpans, highlightName, supportsHighlightApi, KINDS, MARK };
});
