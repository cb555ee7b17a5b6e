// @ts-check
/* Settings kept in chrome.storage.local under one key, with their defaults. */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).settings = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const KEY = 'settings';
  const DEFAULTS = Object.freeze({
    backendUrl: 'http://127.0.0.1:8765',
    autoRun: true,
    toolbarRun: true,
    disabledSites: [],
    // Off unless the reader turns it on: the backend then downloads the
    // pages the article links to (see docs/following-links.md).
    followLinks: false,
  });

  /** Fill missing fields with defaults and drop unknown ones. */
  function withDefaults(stored) {
    const s = stored && typeof stored === 'object' ? stored : {};
    return {
      backendUrl: typeof s.backendUrl === 'string' && s.backendUrl ? s.backendUrl : DEFAULTS.backendUrl,
      autoRun: typeof s.autoRun === 'boolean' ? s.autoRun : DEFAULTS.autoRun,
      toolbarRun: typeof s.toolbarRun === 'boolean' ? s.toolbarRun : DEFAULTS.toolbarRun,
      disabledSites: Array.isArray(s.disabledSites) ? s.disabledSites.filter((x) => typeof x === 'string') : [],
      followLinks: s.followLinks === true,
    };
  }

  /**
   * A backend address as an origin-like base without trailing slash, or null
   * if it is not an http(s) URL.
   */
  function normalizeBackendUrl(value) {
    let u;
    try {
      u = new URL(String(value).trim());
    } catch (e) {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.username || u.password || u.search || u.hash) return null;
    return (u.origin + u.pathname).replace(/\/+$/, '');
  }

  /** Match pattern for a backend address (ports are not part of match patterns). */
  function originPattern(backendUrl) {
    const u = new URL(backendUrl);
    return `${u.protocol}//${u.hostname}/*`;
  }

  /** Addresses covered by the install-time host_permissions. */
  function isDefaultHost(backendUrl) {
    try {
      const u = new URL(backendUrl);
      return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
    } catch (e) {
      return false;
    }
  }

  function siteKey(hostname) {
    return String(hostname || '').toLowerCase().replace(/^www\./, '');
  }

  function isSiteDisabled(settings, hostname) {
    const key = siteKey(hostname);
    return settings.disabledSites.some((s) => siteKey(s) === key);
  }

  return { KEY, DEFAULTS, withDefaults, normalizeBackendUrl, originPattern, isDefaultHost, siteKey, isSiteDisabled };
});
