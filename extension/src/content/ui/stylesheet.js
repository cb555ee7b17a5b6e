// @ts-check
/*
 * The UI's stylesheet (src/content/ui.css), read from the extension's own
 * files once per page, the first time the UI is needed. ui.js puts the text
 * in a <style> inside its closed shadow root, so the sheet applies there and
 * nowhere else. A content script may read a packaged file only when the
 * manifest lists it under web_accessible_resources (Chromium and Firefox
 * MV3 alike); it is listed for the pages the content script can run on.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).uiStylesheet = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const UI_CSS = 'src/content/ui.css';

  /** @type {Promise<string> | null} */
  let loaded = null;

  /**
   * The stylesheet's text. If it cannot be read the UI still works, unstyled,
   * and the console says why.
   * @param {{getURL: (path: string) => string}} [runtime] chrome.runtime
   * @param {(url: string) => Promise<{ok: boolean, status: number, text: () => Promise<string>}>} [fetchFn]
   * @returns {Promise<string>}
   */
  function load(runtime = chrome.runtime, fetchFn = (url) => fetch(url)) {
    if (!loaded) {
      loaded = fetchFn(runtime.getURL(UI_CSS))
        .then((res) => {
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.text();
        })
        .catch((e) => {
          console.error('Sidenote: could not read its stylesheet ' + UI_CSS + ':', e);
          return '';
        });
    }
    return loaded;
  }

  /** Forget the text read (tests). */
  function reset() {
    loaded = null;
  }

  return { UI_CSS, load, reset };
});
