// @ts-check
/*
 * Where the note goes: geometry on viewport rectangles only, no DOM.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiPlacement = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  /**
   * @typedef {{width: number, height: number}} Size
   * @typedef {{left: number, top: number, width: number, height: number}} Box
   * @typedef {{left: number, top: number, right: number, bottom: number}} Edges
   * @typedef {{left: number, top: number}} Point
   */

  const MARGIN = 8;
  const GAP = 8;

  /** @param {number} v @param {number} lo @param {number} hi */
  function clamp(v, lo, hi) {
    return Math.max(lo, Math.min(v, hi));
  }

  /** @param {Box} a @param {Box} b */
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
   * @param {Edges} target
   * @param {Size} size
   * @param {Size} viewport
   * @param {Box | null} avoid
   * @returns {Point}
   */
  function placeNote(target, size, viewport, avoid) {
    const { width: w, height: h } = size;
    const maxLeft = Math.max(MARGIN, viewport.width - w - MARGIN);
    const aligned = clamp(target.left, MARGIN, maxLeft);
    const lefts = [aligned];
    if (avoid) lefts.push(clamp(avoid.left - w - GAP, MARGIN, maxLeft));
    const tops = [target.bottom + GAP, target.top - GAP - h];
    /** @type {Point[]} */
    const candidates = [];
    for (const left of lefts) for (const top of tops) candidates.push({ left, top });
    /** @param {Point} c */
    const fits = (c) => c.top >= MARGIN && c.top + h <= viewport.height - MARGIN;
    /** @param {Point} c @returns {Box} */
    const box = (c) => ({ left: c.left, top: c.top, width: w, height: h });
    /** @param {Point} c */
    const hidden = (c) => (avoid ? overlapArea(box(c), { left: avoid.left, top: avoid.top, width: avoid.width, height: avoid.height }) : 0);
    const clear = candidates.find((c) => fits(c) && hidden(c) === 0);
    if (clear) return clear;
    const inside = candidates.filter(fits);
    if (inside.length) return inside.reduce((a, b) => (hidden(b) < hidden(a) ? b : a));
    // Taller than the room above and below: keep it on screen.
    return { left: aligned, top: clamp(target.bottom + GAP, MARGIN, Math.max(MARGIN, viewport.height - h - MARGIN)) };
  }

  /**
   * Where the note of an unplaced card goes: above the panel, else to its left.
   * @param {Box | null} panelRect
   * @param {Size} size
   * @param {Size} viewport
   * @returns {Point}
   */
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

  return { placeNote, placeBeside };
});
