'use strict';
// The service worker (src/background.js), run in node against a fake chrome.*.
const test = require('node:test');
const assert = require('node:assert/strict');
const { fakeChrome, loadWorker, plain, MANIFEST } = require('./fake-chrome.js');
const { load } = require('./helpers.js');

const { MSG, COMMAND } = load('lib/messages.js');
const flush = () => new Promise((resolve) => setImmediate(resolve));

test('toolbar click on a tab without the content script injects the manifest’s files, then asks it to run', async () => {
  const fake = fakeChrome({
    tabMessage: (tabId, msg) => {
      // No receiver until something was injected.
      if (!fake.calls.some(([name]) => name === 'scripting.executeScript')) throw new Error('Could not establish connection');
      return { ok: true };
    },
  });
  loadWorker(fake);
  await Promise.all(fake.chrome.action.onClicked.fire({ id: 5 }));
  const steps = fake.calls.filter(([name]) => name.startsWith('scripting.') || name === 'tabs.sendMessage');
  const cs = MANIFEST.content_scripts[0];
  assert.deepEqual(steps, [
    ['tabs.sendMessage', 5, { type: MSG.run }],
    ['scripting.insertCSS', { target: { tabId: 5 }, files: cs.css }],
    ['scripting.executeScript', { target: { tabId: 5 }, files: cs.js }],
    ['tabs.sendMessage', 5, { type: MSG.run }],
  ]);
});

test('the injected list is whatever the manifest says, not a copy kept in the worker', async () => {
  const manifest = JSON.parse(JSON.stringify(MANIFEST));
  manifest.content_scripts[0].js.push('src/content/extra.js');
  manifest.content_scripts[0].css = ['other.css'];
  const fake = fakeChrome({ manifest, tabMessage: () => { throw new Error('no receiver'); } });
  loadWorker(fake);
  await Promise.all(fake.chrome.action.onClicked.fire({ id: 5 }));
  const injected = fake.calls.find(([name]) => name === 'scripting.executeScript')[1].files;
  assert.equal(injected[injected.length - 1], 'src/content/extra.js');
  assert.deepEqual(fake.calls.find(([name]) => name === 'scripting.insertCSS')[1].files, ['other.css']);
  // Still no receiver after injecting: the badge says so.
  assert.ok(fake.calls.some(([name, d]) => name === 'action.setBadgeText' && d.tabId === 5 && d.text === '!'));
});

test('toolbar click where the content script runs only sends it MSG.run; with the button off, opens the options', async () => {
  let fake = fakeChrome();
  loadWorker(fake);
  await Promise.all(fake.chrome.action.onClicked.fire({ id: 3 }));
  assert.deepEqual(fake.calls.filter(([n]) => n.startsWith('scripting.') || n === 'tabs.sendMessage'), [['tabs.sendMessage', 3, { type: MSG.run }]]);

  fake = fakeChrome({ settings: { toolbarRun: false } });
  loadWorker(fake);
  await Promise.all(fake.chrome.action.onClicked.fire({ id: 3 }));
  assert.deepEqual(fake.calls, [['runtime.openOptionsPage']]);
});

test('MSG.analyze posts the page to the backend and answers with its JSON; the badge counts the cards', async () => {
  const fake = fakeChrome();
  const requests = [];
  loadWorker(fake, {
    fetch: async (url, init) => {
      requests.push([url, init]);
      return { ok: true, status: 200, json: async () => ({ article: { text: 't' }, cards: [{ id: 'a' }, { id: 'b' }] }) };
    },
  });
  const answer = new Promise((resolve) => {
    const [async] = fake.chrome.runtime.onMessage.fire({ type: MSG.analyze, url: 'https://news.example/a', html: '<p>x</p>', reason: 'load' }, { tab: { id: 9 } }, resolve);
    assert.equal(async, true, 'the answer comes later: the channel stays open');
  });
  const resp = plain(await answer);
  assert.equal(resp.ok, true);
  assert.equal(resp.data.cards.length, 2);
  assert.equal(requests.length, 1);
  assert.equal(requests[0][0], 'http://127.0.0.1:8765/api/v1/analyze');
  assert.equal(requests[0][1].body, JSON.stringify({ url: 'https://news.example/a', html: '<p>x</p>' }));
  assert.ok(fake.calls.some(([n, d]) => n === 'action.setBadgeText' && d.tabId === 9 && d.text === '2'));
});

test('MSG.analyze with the backend down answers unreachable with its address', async () => {
  const fake = fakeChrome();
  loadWorker(fake); // fetch rejects
  const resp = await new Promise((resolve) => fake.chrome.runtime.onMessage.fire({ type: MSG.analyze, url: 'u', html: 'h' }, { tab: { id: 2 } }, resolve));
  assert.deepEqual(plain(resp), { ok: false, status: 'unreachable', message: 'No answer from http://127.0.0.1:8765.', backendUrl: 'http://127.0.0.1:8765' });
});

test('MSG.cleared clears the tab’s badge; other message types are not answered', async () => {
  const fake = fakeChrome();
  loadWorker(fake);
  const resp = await new Promise((resolve) => fake.chrome.runtime.onMessage.fire({ type: MSG.cleared }, { tab: { id: 4 } }, resolve));
  assert.deepEqual(plain(resp), { ok: true });
  assert.ok(fake.calls.some(([n, d]) => n === 'action.setBadgeText' && d.tabId === 4 && d.text === ''));
  for (const msg of [{ type: 'analyze' }, { type: MSG.run }, null, { kind: MSG.analyze }]) {
    assert.deepEqual(fake.chrome.runtime.onMessage.fire(msg, { tab: { id: 4 } }, () => assert.fail('answered ' + JSON.stringify(msg))), [false]);
  }
});

test('the focus-panel command is the manifest’s, and sends MSG.focusPanel to the tab', async () => {
  assert.ok(MANIFEST.commands[COMMAND.focusPanel], 'manifest.json declares the command');
  const fake = fakeChrome();
  loadWorker(fake);
  await Promise.all(fake.chrome.commands.onCommand.fire('something-else', { id: 1 }));
  await Promise.all(fake.chrome.commands.onCommand.fire(COMMAND.focusPanel, { id: 6 }));
  await flush();
  assert.deepEqual(fake.calls.filter(([n]) => n === 'tabs.sendMessage'), [['tabs.sendMessage', 6, { type: MSG.focusPanel }]]);
});

test('Chromium’s service worker imports what Firefox’s background.scripts lists before it', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const src = fs.readFileSync(path.join(__dirname, '..', '..', 'extension', MANIFEST.background.service_worker), 'utf8');
  const imported = [...src.match(/importScripts\(([^)]*)\)/)[1].matchAll(/'\/([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual([...imported, MANIFEST.background.service_worker], MANIFEST.background.scripts);
});
