// @ts-check
/*
 * The names of the messages the extension's parts send one another, and of
 * its keyboard command, in one place. The content script, the service worker
 * and the tests use these constants; no other file spells the strings.
 *
 * content script → worker   MSG.analyze  {type, url, html, reason} → AnalyzeResponse
 * content script → worker   MSG.cleared  {type}: the page's notes are gone; clears the badge
 * worker → content script   MSG.run      {type}: the toolbar button was clicked
 * worker → content script   MSG.focusPanel {type}: the focus-panel command (Alt+Shift+S)
 */
/**
 * MSG.analyze, and the worker's answer: the backend's JSON, or why there is none.
 * @typedef {{type: string, url: string, html: string, reason: string}} AnalyzeRequest
 * @typedef {{ok: false, status: 'unreachable'|'error', message: string, backendUrl: string}} AnalyzeFailure
 * @typedef {{ok: true, data: any} | AnalyzeFailure} AnalyzeResponse
 */

(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).messages = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const MSG = Object.freeze({
    analyze: 'sidenote:analyze',
    cleared: 'sidenote:cleared',
    run: 'sidenote:run',
    focusPanel: 'sidenote:focus-panel',
  });

  /** Keyboard commands, as named under "commands" in manifest.json. */
  const COMMAND = Object.freeze({
    focusPanel: 'focus-panel',
  });

  return { MSG, COMMAND };
});
