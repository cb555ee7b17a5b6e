// @ts-check
/*
 * Service worker (Chromium) / background script (Firefox). The only place
 * that talks to the network: the page's HTML goes to the configured backend
 * and nowhere else. Nothing lives in globals between events; per-tab state
 * is kept in chrome.storage.session so a restarted worker loses nothing.
 */
// Chromium's service worker loads its libraries here; Firefox's event page
// has them from the manifest's background.scripts, listed before this file.
if (typeof importScripts === 'function') importScripts('/src/lib/settings.js', '/src/lib/messages.js');

(function () {
  'use strict';
  const Settings = globalThis.Sidenote.settings;
  const { MSG, COMMAND } = globalThis.Sidenote.messages;
  const ANALYZE_TIMEOUT_MS = 60000;
  /** @type {Record<string, string>} */
  const BADGE = { running: '…', unreachable: '!', error: '!' };
  /** @type {Record<string, string>} */
  const BADGE_COLOR = { done: '#b0127f', running: '#5b5f6b', unreachable: '#c62828', error: '#c62828', empty: '#2e7d32' };

  async function getSettings() {
    const got = await chrome.storage.local.get(Settings.KEY);
    return Settings.withDefaults(got[Settings.KEY]);
  }

  /**
   * The tab's outcome, kept in session storage and shown on the badge.
   * @param {number | undefined} tabId
   * @param {{status: string, cards: number, url?: string}} state
   */
  async function setTabState(tabId, state) {
    if (typeof tabId !== 'number' || tabId < 0) return;
    await chrome.storage.session.set({ ['tab:' + tabId]: { ...state, at: Date.now() } });
    const text = state.status === 'done' ? String(state.cards) : BADGE[state.status] || '';
    await chrome.action.setBadgeText({ tabId, text }).catch(() => {});
    if (BADGE_COLOR[state.status]) {
      await chrome.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR[state.status] }).catch(() => {});
    }
  }

  /** @param {number | undefined} tabId */
  async function clearTabState(tabId) {
    if (typeof tabId !== 'number' || tabId < 0) return;
    await chrome.storage.session.remove('tab:' + tabId);
    await chrome.action.setBadgeText({ tabId, text: '' }).catch(() => {});
  }

  /**
   * The /analyze request body. Without the follow-links option it is byte for
   * byte what it always was, so the backend's cache keys stay the same.
   */
  /**
   * @param {import('./lib/messages.js').AnalyzeRequest} msg
   * @param {ReturnType<typeof Settings.withDefaults>} settings
   */
  function requestBody(msg, settings) {
    const body = { url: String(msg.url || ''), html: String(msg.html || '') };
    if (settings.followLinks === true) body.follow_links = true;
    return JSON.stringify(body);
  }

  /**
   * POST the page to the backend.
   * @param {import('./lib/messages.js').AnalyzeRequest} msg
   * @param {number} tabId the sender's tab, -1 if none
   * @returns {Promise<import('./lib/messages.js').AnalyzeResponse>}
   */
  async function analyze(msg, tabId) {
    const settings = await getSettings();
    const base = Settings.normalizeBackendUrl(settings.backendUrl) || Settings.DEFAULTS.backendUrl;
    /**
     * @param {'unreachable'|'error'} status
     * @param {string} message
     * @returns {Promise<import('./lib/messages.js').AnalyzeResponse>}
     */
    const fail = async (status, message) => {
      await setTabState(tabId, { status, cards: 0 });
      return { ok: false, status, message, backendUrl: base };
    };
    await setTabState(tabId, { status: 'running', cards: 0 });
    if (!Settings.isDefaultHost(base)) {
      const granted = await chrome.permissions.contains({ origins: [Settings.originPattern(base)] });
      if (!granted) return fail('error', `Sidenote may not contact ${base} yet: open Sidenote’s options and save the address to allow it.`);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ANALYZE_TIMEOUT_MS);
    let res;
    try {
      res = await fetch(base + '/api/v1/analyze', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: requestBody(msg, settings),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
    } catch (e) {
      return fail('unreachable', `No answer from ${base}.`);
    } finally {
      clearTimeout(timer);
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok) {
      const m = body && body.error && typeof body.error.message === 'string' ? body.error.message : `The backend answered HTTP ${res.status}.`;
      return fail('error', m);
    }
    if (!body || !Array.isArray(body.cards) || !body.article) return fail('error', 'The backend’s answer was not in the expected form.');
    const n = body.cards.length;
    await setTabState(tabId, { status: n ? 'done' : 'empty', cards: n, url: String(msg.url || '') });
    return { ok: true, data: body };
  }

  /**
   * The content script's files, as the manifest declares them: what the
   * toolbar button injects where the manifest did not.
   * @returns {{js: string[], css: string[]}}
   */
  function contentScriptFiles() {
    const entry = (chrome.runtime.getManifest().content_scripts || [])[0] || {};
    return { js: entry.js || [], css: entry.css || [] };
  }

  /** @param {chrome.tabs.Tab} tab */
  async function runInTab(tab) {
    if (!tab || typeof tab.id !== 'number') return;
    try {
      await chrome.tabs.sendMessage(tab.id, { type: MSG.run });
      return;
    } catch (e) {
      // No content script there yet (tab opened before install, or a page the
      // manifest does not match): inject it under activeTab, then ask again.
    }
    try {
      const files = contentScriptFiles();
      if (files.css.length) await chrome.scripting.insertCSS({ target: { tabId: tab.id }, files: files.css });
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: files.js });
      await chrome.tabs.sendMessage(tab.id, { type: MSG.run });
    } catch (e) {
      await setTabState(tab.id, { status: 'error', cards: 0 });
    }
  }

  chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (!msg || typeof msg.type !== 'string') return false;
    const tabId = sender.tab ? sender.tab.id : -1;
    if (msg.type === MSG.analyze) {
      analyze(msg, tabId).then(sendResponse, (e) =>
        sendResponse({ ok: false, status: 'error', message: String((e && e.message) || e), backendUrl: '' }),
      );
      return true; // answer asynchronously
    }
    if (msg.type === MSG.cleared) {
      clearTabState(tabId).then(() => sendResponse({ ok: true }));
      return true;
    }
    return false;
  });

  chrome.action.onClicked.addListener(async (tab) => {
    const settings = await getSettings();
    if (settings.toolbarRun) await runInTab(tab);
    else await chrome.runtime.openOptionsPage();
  });

  if (chrome.commands && chrome.commands.onCommand) {
    chrome.commands.onCommand.addListener(async (command, tab) => {
      if (command !== COMMAND.focusPanel) return;
      const target = tab || (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
      if (target) chrome.tabs.sendMessage(target.id, { type: MSG.focusPanel }).catch(() => {});
    });
  }

  chrome.tabs.onRemoved.addListener((tabId) => {
    chrome.storage.session.remove('tab:' + tabId).catch(() => {});
  });
})();
