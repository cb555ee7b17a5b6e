'use strict';
/*
 * Firefox smoke test: Debian's firefox-esr, headless, driven over WebDriver
 * BiDi by puppeteer-core (which never downloads a browser). The unpacked
 * extension is installed as a temporary add-on, the seed article is served as
 * www.dailydispatch.example, and the run must end with its cards on the page
 * and a note that opens on click and closes with Esc.
 *
 * The backend: Firefox's BiDi refuses to open moz-extension:// pages, so the
 * test cannot set another backend address in the extension's storage; it uses
 * the extension's default, http://127.0.0.1:8765. It starts the real backend
 * there (gunicorn from the repo's .venv), or uses one already answering there
 * (`make run`); anything else on that port is a failure, never a skip.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const EXTENSION = path.join(REPO, 'extension');
const SEED = path.join(REPO, '..', 'shared', 'fixtures', 'seed-article.html');
const SITE_HOST = 'www.dailydispatch.example';
const SEED_PATH = '/2019/09/17/us-bombs-syrian-army-units/';
// The seed as many sites serve it: og:type "website", no <article>. Only
// Readability's check (src/vendor/, a global of the content script's
// sandbox) takes it for an article.
const WEBSITE_PATH = '/2019/09/17/us-bombs-syrian-army-units-website/';
const BACKEND = { host: '127.0.0.1', port: 8765 };
const BACKEND_URL = `http://${BACKEND.host}:${BACKEND.port}`;
const FIREFOX_PATHS = [process.env.FIREFOX_BIN, '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'];
const FINISHED = ['done', 'empty', 'unreachable', 'error'];

function firefoxPath() {
  const found = FIREFOX_PATHS.find((p) => p && fs.existsSync(p));
  assert.ok(found, 'Firefox not found (apt-get install -y firefox-esr); the test never downloads a browser');
  return found;
}

async function health() {
  try {
    const res = await fetch(BACKEND_URL + '/api/v1/health', { signal: AbortSignal.timeout(1000) });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

function portTaken() {
  return new Promise((resolve) => {
    const sock = net.connect(BACKEND.port, BACKEND.host);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/** The real backend on the default address; returns a stop function. */
async function startBackend() {
  if ((await health())?.status === 'ok') return async () => {}; // someone's `make run`: use it
  assert.equal(await portTaken(), false, `${BACKEND_URL} is taken by something that is not the Sidenote backend`);
  const python = process.env.SIDENOTE_PYTHON || path.join(REPO, '.venv', 'bin', 'python');
  const proc = spawn(python, ['-m', 'gunicorn', '--chdir', 'backend', '-w', '1', '-b', `${BACKEND.host}:${BACKEND.port}`, 'sidenote:create_app()'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', resolve);
      proc.kill('SIGTERM');
    });
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && proc.exitCode === null) {
    if ((await health())?.status === 'ok') return stop;
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  assert.fail(`backend did not become healthy at ${BACKEND_URL}:\n${log}`);
}

async function startSite() {
  const seed = fs.readFileSync(SEED);
  const website = Buffer.from(
    seed.toString('utf8').replace('content="article"', 'content="website"').replace('<article ', '<div ').replace('</article>', '</div>'),
  );
  const pages = { [SEED_PATH]: seed, [WEBSITE_PATH]: website };
  const server = http.createServer((req, res) => {
    const body = pages[req.url.split('?')[0]];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

test('Firefox: the unpacked extension runs on the seed article and its note opens and closes', { timeout: 180000 }, async (t) => {
  // Required here, not at the top: the unit tests above need only jsdom.
  const puppeteer = require('puppeteer-core');
  const executablePath = firefoxPath();
  const stopBackend = await startBackend();
  t.after(stopBackend);
  const site = await startSite();
  t.after(() => new Promise((resolve) => site.close(resolve)));

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      // The "news site" host name resolves to this machine (like Chromium's --host-resolver-rules).
      'network.dns.localDomains': SITE_HOST,
    },
  });
  t.after(() => browser.close());
  const id = await browser.installExtension(EXTENSION);
  assert.equal(id, 'sidenote@sidenote.example');

  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(`http://${SITE_HOST}:${site.address().port}${SEED_PATH}`);
  await page.waitForFunction((done) => done.includes(document.documentElement.dataset.sidenoteStatus), { timeout: 60000 }, FINISHED);
  const state = await page.evaluate(() => Object.assign({}, document.documentElement.dataset));
  assert.equal(state.sidenoteStatus, 'done', JSON.stringify(state));
  assert.ok(Number(state.sidenoteCards) > 0, JSON.stringify(state));
  assert.equal(Number(state.sidenoteCards), Number(state.sidenotePlaced) + Number(state.sidenoteUnplaced));
  assert.ok(Number(state.sidenoteRenderMs) >= 0);
  // The panel sits at the bottom right only if ui.css, read through
  // web_accessible_resources, styles the closed shadow root.
  const atPanel = await page.evaluate(() => {
    const el = document.elementFromPoint(document.documentElement.clientWidth - 40, document.documentElement.clientHeight - 30);
    return el && el.tagName;
  });
  assert.equal(atPanel, 'SIDENOTE-ROOT');

  // Highlights: the CSS Custom Highlight API where Firefox has it, else wrapper elements.
  const pos = await page.evaluate(() => {
    let range = null;
    if (window.CSS && CSS.highlights && CSS.highlights.has('sidenote-loaded_framing')) {
      range = [...CSS.highlights.get('sidenote-loaded_framing')].find((r) => r.toString().includes('rebels')) || null;
    } else {
      const mark = [...document.querySelectorAll('sidenote-mark[data-kind~="loaded_framing"]')].find((m) => m.textContent.includes('rebels'));
      if (mark) (range = document.createRange()).selectNodeContents(mark);
    }
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
    const q = range.getClientRects()[0];
    return { x: q.left + q.width / 2, y: q.top + q.height / 2 };
  });
  assert.ok(pos, 'no loaded_framing highlight on “rebels”');

  await page.mouse.click(pos.x, pos.y);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-sidenote-note'), { timeout: 10000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-sidenote-note'), { timeout: 10000 });

  // A news page without article metadata: it runs by itself here too.
  await page.goto(`http://${SITE_HOST}:${site.address().port}${WEBSITE_PATH}`);
  await page.waitForFunction((done) => done.includes(document.documentElement.dataset.sidenoteStatus), { timeout: 60000 }, FINISHED);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.sidenoteStatus), 'done');
});
