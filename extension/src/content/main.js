// @ts-check
/*
 * The content script: decides when to run, sends the page through the
 * service worker (it never talks to the network itself), places and paints
 * the cards, and reports the outcome on <html> for tests:
 * data-sidenote-status (running|done|empty|unreachable|error),
 * data-sidenote-cards, -placed, -unplaced, -render-ms, and -note (open card id).
 */
(function () {
  'use strict';
  const S = globalThis.Sidenote;
  const { MSG } = S.messages;
  // Injected twice (manifest and toolbar click)? The first copy does the work.
  if (S.contentLoaded) return;
  S.contentLoaded = true;

  const HTML = document.documentElement;
  const HOOKS = /** @type {const} */ (['status', 'cards', 'placed', 'unplaced', 'render-ms', 'work-ms']);
  const NAV_SETTLE_MS = 700;
  const URL_POLL_MS = 1000;

  let runId = 0;
  /** @type {ReturnType<typeof S.ui.createUi> | null} */
  let ui = null;
  /** @type {ReturnType<typeof S.highlight.createHighlighter> | null} */
  let highlighter = null;
  let manual = false; // the reader asked for this tab by clicking the toolbar button
  let lastUrl = location.href;
  let hoverTimer = 0;
  // The card whose note was just closed while the pointer may still rest on
  // its words: hovering does not reopen it until the pointer leaves them.
  /** @type {string | null} */
  let dismissed = null;
  /** @type {{x: number, y: number} | null} */
  let lastPointer = null;
  let pointerFrame = 0;
  let navTimer = 0;

  async function getSettings() {
    const got = await chrome.storage.local.get(S.settings.KEY);
    return S.settings.withDefaults(got[S.settings.KEY]);
  }

  /** @param {Partial<Record<(typeof HOOKS)[number], string | number>>} values */
  function setHooks(values) {
    for (const name of HOOKS) {
      const v = values[name];
      if (v === undefined || v === null) HTML.removeAttribute('data-sidenote-' + name);
      else HTML.setAttribute('data-sidenote-' + name, String(v));
    }
  }

  function afterPaint() {
    if (document.hidden) return Promise.resolve();
    // rAF runs just before the frame; the task after it runs once it is painted.
    return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }

  /** @param {string} css the UI's stylesheet (ui.css) */
  function ensureUi(css) {
    if (!highlighter) highlighter = S.highlight.createHighlighter(document);
    if (!ui) {
      ui = S.ui.createUi(document, {
        onActivate: activateFromPanel,
        onRetry: () => run('retry'),
        onDisableSite: disableSite,
        onNoteClosed: (id) => {
          // A hover that began before Esc or the close button must not reopen it.
          clearTimeout(hoverTimer);
          const p = lastPointer;
          dismissed = p && highlighter.hitTest(p.x, p.y) === id ? id : null;
          highlighter.setActive(null);
        },
      }, { css });
    }
  }

  function clearPage() {
    if (highlighter) highlighter.clear();
    if (ui) ui.closeNote();
  }

  function teardown() {
    runId++;
    clearPage();
    if (ui) ui.destroy();
    ui = null;
    setHooks({});
    chrome.runtime.sendMessage({ type: MSG.cleared }).catch(() => {});
  }

  function serializePage() {
    return '<!DOCTYPE html>\n' + HTML.outerHTML;
  }

  /** The text index built now, with a watch for page changes until stop(). */
  function earlyIndex() {
    let built = S.textIndex.buildTextIndex(document.body);
    let changed = false;
    const ours = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      return !!(el && el.closest && el.closest('[' + S.textIndex.OWN_UI_ATTR + ']'));
    };
    const observer = new MutationObserver((records) => {
      if (records.some((r) => !ours(r.target))) changed = true;
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    return {
      stop: () => {
        // Records not yet delivered to the callback count too.
        if (observer.takeRecords().some((r) => !ours(r.target))) changed = true;
        observer.disconnect();
      },
      index: () => {
        if (changed) {
          built = S.textIndex.buildTextIndex(document.body);
          changed = false;
        }
        return built;
      },
    };
  }

  /** @param {string} reason what started it: load, navigation, retry, toolbar */
  async function run(reason) {
    const id = ++runId;
    const html = serializePage();
    // The UI's stylesheet: read on the first run, at once on later ones.
    const css = await S.uiStylesheet.load();
    if (id !== runId) return;
    ensureUi(css);
    clearPage();
    ui.showAnalysing();
    setHooks({ status: 'running' });
    /** @type {import('../lib/messages.js').AnalyzeResponse} */
    let resp;
    const answer = chrome.runtime.sendMessage({ type: MSG.analyze, url: location.href, html, reason });
    // The page's text index does not depend on the answer: build it while
    // the backend works, and again afterwards only if the page changed.
    const early = earlyIndex();
    try {
      resp = await answer;
    } catch (e) {
      resp = { ok: false, status: 'error', message: 'Sidenote’s background worker did not answer (' + (e && e.message) + ').', backendUrl: '' };
    } finally {
      early.stop();
    }
    if (id !== runId) return; // a newer run (navigation, retry) took over
    if (!resp || !resp.ok) {
      const failed = /** @type {import('../lib/messages.js').AnalyzeFailure | undefined} */ (resp);
      if (failed && failed.status === 'unreachable') {
        ui.showUnreachable(failed.backendUrl || '');
        setHooks({ status: 'unreachable', cards: 0, placed: 0, unplaced: 0 });
      } else {
        ui.showError(failed && failed.message);
        setHooks({ status: 'error', cards: 0, placed: 0, unplaced: 0 });
      }
      return;
    }
    const t0 = performance.now();
    const data = resp.data || {};
    const cards = Array.isArray(data.cards) ? data.cards.filter((c) => c && c.id && c.anchor) : [];
    const articleText = (data.article && data.article.text) || '';
    if (!cards.length) {
      if (!articleText.trim()) ui.showNotArticle();
      else ui.showNothing(Array.isArray(data.claims) ? data.claims.length : 0);
      await afterPaint();
      if (id !== runId) return;
      setHooks({ status: 'empty', cards: 0, placed: 0, unplaced: 0, 'render-ms': (performance.now() - t0).toFixed(1) });
      return;
    }
    const index = early.index();
    const placements = S.anchor.anchorCards(index, cards, articleText);
    highlighter.apply(index, placements);
    ui.showResults(data.summary && data.summary.headline, placements);
    // Our own work ends here; the rest of render-ms is the browser's frame.
    const workMs = performance.now() - t0;
    await afterPaint();
    if (id !== runId) return;
    const placed = placements.filter((p) => p.placed).length;
    setHooks({
      status: 'done',
      cards: cards.length,
      placed,
      unplaced: cards.length - placed,
      'render-ms': (performance.now() - t0).toFixed(1),
      'work-ms': workMs.toFixed(1),
    });
  }

  const within = (r, x, y) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;

  /** The line box of `range` under (x, y), else on the same line, else its first. */
  function rectNear(range, x, y) {
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
    if (!rects.length) return range.getBoundingClientRect();
    if (x === undefined) return rects[0];
    return rects.find((r) => within(r, x, y)) || rects.find((r) => y >= r.top && y <= r.bottom) || rects[0];
  }

  function activateFromPanel(id, button) {
    const ranges = highlighter ? highlighter.rangesOf(id) : [];
    if (ranges.length) {
      bringIntoView(ranges[0]);
      highlighter.setActive(id);
      ui.openNote(id, { rect: rectNear(ranges[0]), focus: true, pin: true, from: button });
    } else {
      ui.openNote(id, { rect: null, focus: true, pin: true, from: button });
    }
  }

  /**
   * Scroll the words to about a third of the way down the window: above the
   * panel (which keeps to the bottom half) with room for the note below them.
   * Centring the enclosing element would leave words of a long paragraph
   * under the panel or out of sight.
   */
  function bringIntoView(range) {
    const el = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    // 'nearest' first: it also scrolls any scrolling box the article sits in.
    if (el) el.scrollIntoView({ block: 'nearest', behavior: 'instant' });
    const r = rectNear(range);
    const vh = document.documentElement.clientHeight || window.innerHeight;
    if (r.top < vh * 0.1 || r.bottom > vh * 0.5) window.scrollBy({ top: r.top - vh * 0.3, behavior: 'instant' });
  }

  function openFromPage(id, x, y, pin) {
    // A card may paint several words: the note goes beside the one pointed at.
    const ranges = highlighter.rangesOf(id);
    const range =
      ranges.find((r) => [...r.getClientRects()].some((q) => within(q, x, y))) ||
      ranges.find((r) => [...r.getClientRects()].some((q) => y >= q.top && y <= q.bottom));
    highlighter.setActive(id);
    ui.openNote(id, { rect: rectNear(range || ranges[0], x, y), pin, focus: pin });
  }

  function onPointerMove(e) {
    const { clientX: x, clientY: y, target } = e;
    lastPointer = { x, y };
    if (!ui || !highlighter || pointerFrame) return;
    pointerFrame = requestAnimationFrame(() => {
      pointerFrame = 0;
      if (target === ui.host || ui.noteContains(x, y)) {
        clearTimeout(hoverTimer);
        return;
      }
      const hit = highlighter.hitTest(x, y);
      clearTimeout(hoverTimer);
      if (hit !== dismissed) dismissed = null;
      if (hit && hit !== ui.openId() && hit !== dismissed) {
        hoverTimer = setTimeout(() => openFromPage(hit, x, y, false), 150);
      } else if (!hit && ui.openId() !== null && !ui.isPinned()) {
        hoverTimer = setTimeout(() => ui.closeNote(false), 300);
      }
    });
  }

  function onClick(e) {
    if (!ui || !highlighter || e.target === ui.host) return;
    clearTimeout(hoverTimer);
    lastPointer = { x: e.clientX, y: e.clientY };
    const hit = highlighter.hitTest(e.clientX, e.clientY);
    dismissed = null;
    if (hit) openFromPage(hit, e.clientX, e.clientY, true);
    else if (ui.openId() !== null) ui.closeNote(false);
  }

  function onKeyDown(e) {
    if (e.key === 'Escape' && ui && ui.openId() !== null) ui.closeNote(true);
  }

  async function disableSite() {
    const settings = await getSettings();
    if (!S.settings.isSiteDisabled(settings, location.hostname)) {
      settings.disabledSites.push(S.settings.siteKey(location.hostname));
      await chrome.storage.local.set({ [S.settings.KEY]: settings });
    }
    manual = false;
    teardown();
  }

  async function maybeRun(reason) {
    if (manual) return run(reason);
    const settings = await getSettings();
    if (settings.autoRun && !S.settings.isSiteDisabled(settings, location.hostname) && S.detect.looksLikeArticle(document)) {
      return run(reason);
    }
    if (ui) teardown();
  }

  function checkUrl() {
    if (location.href === lastUrl) return;
    const before = lastUrl.split('#')[0];
    lastUrl = location.href;
    if (before === lastUrl.split('#')[0]) return; // same document position, only the fragment moved
    clearTimeout(navTimer);
    // Single-page sites swap their content after the URL changes; let it settle.
    navTimer = setTimeout(() => maybeRun('navigation'), NAV_SETTLE_MS);
  }

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg.type !== 'string') return;
    if (msg.type === MSG.run) {
      manual = true;
      run('toolbar');
      sendResponse({ ok: true });
    } else if (msg.type === MSG.focusPanel) {
      if (ui) ui.focusPanel();
      sendResponse({ ok: !!ui });
    }
  });

  document.addEventListener('pointermove', onPointerMove, { passive: true });
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKeyDown);
  window.addEventListener('popstate', checkUrl);
  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    window.navigation.addEventListener('navigatesuccess', () => setTimeout(checkUrl, 0));
  }
  // pushState from the page's own scripts is invisible to this isolated world;
  // a cheap string comparison catches it everywhere.
  setInterval(checkUrl, URL_POLL_MS);

  maybeRun('load');
})();
