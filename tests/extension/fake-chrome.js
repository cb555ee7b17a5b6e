'use strict';
// A stand-in for the chrome.* APIs the extension uses, recording every call,
// so the service worker and the content script can run in node: the worker
// in a vm context, the content script in a jsdom window.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const EXTENSION = path.join(__dirname, '..', '..', 'extension');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'manifest.json'), 'utf8'));
const EXTENSION_ORIGIN = 'chrome-extension://sidenote-test/';

/** Plain node objects: what a vm context or a jsdom window built compares equal here. */
const plain = (x) => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

function event() {
  const listeners = [];
  return {
    listeners,
    addListener: (fn) => listeners.push(fn),
    /** Call every listener as the browser would; returns their return values. */
    fire: (...args) => listeners.map((fn) => fn(...args)),
  };
}

/**
 * @param {object} opts
 * @param {object} [opts.manifest] what chrome.runtime.getManifest() answers
 * @param {object} [opts.settings] chrome.storage.local's "settings"
 * @param {(tabId: number, msg: object) => any} [opts.tabMessage] answers chrome.tabs.sendMessage (throw: no receiver)
 * @param {(msg: object) => any} [opts.runtimeMessage] answers chrome.runtime.sendMessage
 */
function fakeChrome({ manifest = MANIFEST, settings = {}, tabMessage = () => ({ ok: true }), runtimeMessage = () => undefined } = {}) {
  const log = [];
  const calls = { push: (entry) => log.push(plain(entry)) };
  const local = { settings };
  const chrome = {
    runtime: {
      getManifest: () => JSON.parse(JSON.stringify(manifest)),
      getURL: (p) => EXTENSION_ORIGIN + String(p).replace(/^\//, ''),
      onMessage: event(),
      sendMessage: async (msg) => {
        calls.push(['runtime.sendMessage', msg]);
        return runtimeMessage(msg);
      },
      openOptionsPage: async () => calls.push(['runtime.openOptionsPage']),
    },
    storage: {
      local: {
        get: async (key) => (key in local ? { [key]: local[key] } : {}),
        set: async (items) => Object.assign(local, items),
      },
      session: {
        set: async (items) => calls.push(['session.set', items]),
        remove: async (key) => calls.push(['session.remove', key]),
      },
    },
    action: {
      onClicked: event(),
      setBadgeText: async (details) => calls.push(['action.setBadgeText', details]),
      setBadgeBackgroundColor: async (details) => calls.push(['action.setBadgeBackgroundColor', details]),
    },
    commands: { onCommand: event() },
    tabs: {
      onRemoved: event(),
      query: async () => [{ id: 7 }],
      sendMessage: async (tabId, msg) => {
        calls.push(['tabs.sendMessage', tabId, msg]);
        return tabMessage(tabId, msg);
      },
    },
    scripting: {
      insertCSS: async (details) => calls.push(['scripting.insertCSS', details]),
      executeScript: async (details) => calls.push(['scripting.executeScript', details]),
    },
    permissions: { contains: async () => true },
  };
  return { chrome, calls: log, local };
}

/**
 * The service worker as Firefox loads it: the manifest's background.scripts,
 * in order, in one global scope (Chromium's importScripts is absent).
 */
function loadWorker(fake, { fetch = async () => { throw new Error('no network in unit tests'); } } = {}) {
  const context = vm.createContext({ chrome: fake.chrome, fetch, console, URL, AbortController, setTimeout, clearTimeout });
  for (const rel of MANIFEST.background.scripts) {
    vm.runInContext(fs.readFileSync(path.join(EXTENSION, rel), 'utf8'), context, { filename: rel });
  }
  return context;
}

module.exports = { fakeChrome, loadWorker, event, plain, MANIFEST, EXTENSION, EXTENSION_ORIGIN };
