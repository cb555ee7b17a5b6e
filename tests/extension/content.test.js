'use strict';
// The content script as the manifest loads it (every file of content_scripts,
// in order, in one jsdom window) against a fake chrome.*: the messages it
// sends, and the UI it builds with ui.css inside its closed shadow root.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { JSDOM } = require('jsdom');
const { fakeChrome, MANIFEST, EXTENSION, EXTENSION_ORIGIN } = require('./fake-chrome.js');
const { load } = require('./helpers.js');

const { MSG } = load('lib/messages.js');
const { UI_CSS } = load('content/ui/stylesheet.js');
const UI_CSS_TEXT = fs.readFileSync(path.join(EXTENSION, UI_CSS), 'utf8');

const TEXT = 'The ministry said the bridge was closed on Monday. Critics called the “rebels” a threat.';
const PAGE = `<!DOCTYPE html><html><head><meta property="og:type" content="article"><title>t</title></head>
<body><article><h1>Bridge</h1><p>${TEXT}</p></article></body></html>`;
const ANSWER = {
  article: { text: TEXT },
  claims: [{}],
  summary: { headline: '2 notes' },
  cards: [
    { id: 'c1', kind: 'single_source', title: 'One source', body: 'b', anchor: { exact: 'the bridge was closed on Monday', start: 18, end: 49 }, evidence: [] },
    { id: 'c2', kind: 'loaded_framing', title: 'Loaded', body: 'b', anchor: { exact: 'nowhere on this page at all' }, evidence: [] },
  ],
};

/**
 * A page with the content script running in it. Resolves once
 * data-sidenote-status is final.
 */
async function runContentScript({ answer = { ok: true, data: ANSWER }, cssStatus = 200 } = {}) {
  const dom = new JSDOM(PAGE, { url: 'https://news.example/2019/09/17/bridge/', runScripts: 'outside-only', pretendToBeVisual: true });
  const { window } = dom;
  const fake = fakeChrome({ settings: { autoRun: true }, runtimeMessage: (msg) => (msg.type === MSG.analyze ? answer : { ok: true }) });
  const fetched = [];
  window.chrome = fake.chrome;
  window.fetch = async (url) => {
    fetched.push(url);
    const rel = String(url).slice(EXTENSION_ORIGIN.length);
    return { ok: cssStatus === 200, status: cssStatus, text: async () => fs.readFileSync(path.join(EXTENSION, rel), 'utf8') };
  };
  // Keep hold of the closed shadow root the UI makes.
  const shadows = [];
  const attach = window.Element.prototype.attachShadow;
  window.Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    shadows.push({ root, mode: init.mode });
    return root;
  };
  window.console.error = () => {};
  for (const rel of MANIFEST.content_scripts[0].js) {
    window.eval(fs.readFileSync(path.join(EXTENSION, rel), 'utf8') + `\n//# sourceURL=${rel}`);
  }
  const html = window.document.documentElement;
  for (let i = 0; i < 200 && !['done', 'empty', 'unreachable', 'error'].includes(html.dataset.sidenoteStatus); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  return { window, fake, fetched, shadows, html, close: () => window.close() };
}

test('content script: sends MSG.analyze, styles its closed shadow root with ui.css, lists the cards', async (t) => {
  const page = await runContentScript();
  t.after(page.close);
  const { html, fake, fetched, shadows } = page;
  assert.equal(html.dataset.sidenoteStatus, 'done');
  assert.equal(html.dataset.sidenoteCards, '2');
  assert.equal(html.dataset.sidenotePlaced, '1');
  const sent = fake.calls.filter(([n]) => n === 'runtime.sendMessage').map(([, msg]) => msg);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].type, MSG.analyze);
  assert.equal(sent[0].url, 'https://news.example/2019/09/17/bridge/');
  assert.equal(sent[0].reason, 'load');
  assert.match(sent[0].html, /^<!DOCTYPE html>\n<html>/);

  // The stylesheet: read once from the package, put in the shadow root only.
  assert.deepEqual(fetched, [EXTENSION_ORIGIN + UI_CSS]);
  assert.equal(shadows.length, 1);
  assert.equal(shadows[0].mode, 'closed');
  const shadow = shadows[0].root;
  const styles = shadow.querySelectorAll('style');
  assert.equal(styles.length, 1);
  assert.equal(styles[0].textContent, UI_CSS_TEXT);
  assert.equal(page.window.document.querySelectorAll('style, link[rel="stylesheet"]').length, 0, 'nothing added to the page’s own styles');
  assert.equal(html.lastElementChild.tagName, 'SIDENOTE-ROOT');

  assert.deepEqual([...shadow.querySelectorAll('button.card')].map((b) => b.dataset.id), ['c1', 'c2']);
  assert.match(shadow.querySelector('.count').textContent, /^2 notes$/);
});

test('content script: the toolbar’s MSG.run runs again (stylesheet not read twice); MSG.focusPanel answers', async (t) => {
  const page = await runContentScript();
  t.after(page.close);
  const { fake, fetched, html } = page;
  const answers = [];
  fake.chrome.runtime.onMessage.fire({ type: MSG.run }, {}, (r) => answers.push(r));
  // Wait for the second run to be sent and to finish (a fixed 50 ms was too
  // short on a slow host), up to 2 s.
  const analysesSent = () => fake.calls.filter(([n, msg]) => n === 'runtime.sendMessage' && msg.type === MSG.analyze).length;
  for (let i = 0; i < 200 && !(analysesSent() === 2 && html.dataset.sidenoteStatus === 'done'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(html.dataset.sidenoteStatus, 'done');
  fake.chrome.runtime.onMessage.fire({ type: MSG.focusPanel }, {}, (r) => answers.push(r));
  fake.chrome.runtime.onMessage.fire({ type: 'sidenote:unknown' }, {}, (r) => answers.push(r));
  assert.deepEqual(answers.map((a) => a.ok), [true, true]);
  const analyses = fake.calls.filter(([n, msg]) => n === 'runtime.sendMessage' && msg.type === MSG.analyze);
  assert.deepEqual(analyses.map(([, msg]) => msg.reason), ['load', 'toolbar']);
  assert.equal(fetched.length, 1);
});

test('content script: backend down shows the address; a missing stylesheet still leaves a working panel', async (t) => {
  const page = await runContentScript({
    answer: { ok: false, status: 'unreachable', message: 'No answer', backendUrl: 'http://127.0.0.1:8765' },
    cssStatus: 404,
  });
  t.after(page.close);
  assert.equal(page.html.dataset.sidenoteStatus, 'unreachable');
  const shadow = page.shadows[0].root;
  assert.equal(shadow.querySelector('style').textContent, '');
  assert.match(shadow.querySelector('[role="status"]').textContent, /http:\/\/127\.0\.0\.1:8765.*make run/);
});
