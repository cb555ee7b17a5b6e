// @ts-check
/*
 * The page's visible text as one string, with a way back from string offsets
 * to DOM positions. Text in script/style/noscript/template, form controls,
 * hidden elements and Sidenote's own UI is left out, so that a quote can only
 * anchor on words the reader can see.
 */
(function (root, factory) {
  const api = factory(typeof require === 'function' ? require('./match.js') : root.Sidenote.match);
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).textIndex = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function (match) {
  'use strict';

  const SKIP_TAGS = new Set([
    'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS',
    'TEXTAREA', 'SELECT', 'OPTION', 'INPUT', 'BUTTON', 'HEAD', 'TITLE', 'svg', 'SVG', 'math',
  ]);
  // Sidenote's own elements (UI host, fallback highlight wrappers excepted).
  const OWN_UI_ATTR = 'data-sidenote-ui';

  /**
   * @param {Element} root usually document.body
   * @returns {{nodes: Text[], starts: Int32Array, text: string, squeezed: {text: string, map: Int32Array}}}
   */
  function buildTextIndex(root) {
    const doc = root.ownerDocument;
    const win = doc.defaultView;
    const styleCache = new Map();
    const style = (el) => {
      let s = styleCache.get(el);
      if (!s) {
        s = win && win.getComputedStyle ? win.getComputedStyle(el) : null;
        styleCache.set(el, s);
      }
      return s;
    };
    const NodeFilter = win.NodeFilter;
    const filter = {
      acceptNode(node) {
        if (node.nodeType === 3) {
          const parent = node.parentElement;
          const s = parent && style(parent);
          if (s && (s.visibility === 'hidden' || s.visibility === 'collapse')) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        }
        const el = node;
        if (SKIP_TAGS.has(el.tagName) || el.hidden || el.hasAttribute(OWN_UI_ATTR)) return NodeFilter.FILTER_REJECT;
        const s = style(el);
        if (s && s.display === 'none') return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_SKIP;
      },
    };
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, filter);
    const nodes = [];
    const startList = [];
    const parts = [];
    let offset = 0;
    // The filter accepts text nodes only (elements are skipped or rejected).
    for (let n = /** @type {Text | null} */ (walker.nextNode()); n; n = /** @type {Text | null} */ (walker.nextNode())) {
      const data = n.data;
      if (!data.length) continue;
      nodes.push(n);
      startList.push(offset);
      parts.push(data);
      offset += data.length;
    }
    const text = parts.join('');
    return { nodes, starts: Int32Array.from(startList), text, squeezed: match.squeeze(text) };
  }

  /** Index of the node holding raw offset `at` (the node it starts in). */
  function nodeAt(index, at, preferEnd) {
    const { starts, nodes } = index;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < at || (!preferEnd && starts[mid] === at)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Text-node segments covering raw offsets [start, end).
   * @returns {Array<{node: Text, start: number, end: number}>}
   */
  function segments(index, start, end) {
    const out = [];
    if (!index.nodes.length || end <= start) return out;
    for (let i = nodeAt(index, start, false); i < index.nodes.length && index.starts[i] < end; i++) {
      const node = index.nodes[i];
      const s = Math.max(0, start - index.starts[i]);
      const e = Math.min(node.data.length, end - index.starts[i]);
      if (e > s) out.push({ node, start: s, end: e });
    }
    return out;
  }

  /** A DOM Range over raw offsets [start, end), across as many nodes as needed. */
  function toRange(index, start, end) {
    const segs = segments(index, start, end);
    if (!segs.length) return null;
    const range = segs[0].node.ownerDocument.createRange();
    range.setStart(segs[0].node, segs[0].start);
    const last = segs[segs.length - 1];
    range.setEnd(last.node, last.end);
    return range;
  }

  /** Raw offsets [start, end) of squeezed offsets [sqStart, sqEnd). */
  function rawSpan(index, sqStart, sqEnd) {
    const map = index.squeezed.map;
    return { start: map[sqStart], end: map[sqEnd - 1] + 1 };
  }

  return { buildTextIndex, segments, toRange, rawSpan, OWN_UI_ATTR };
});
