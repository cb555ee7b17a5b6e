'use strict';
// The extension's source tree: small files, each type-checked, each loaded.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { MANIFEST, EXTENSION } = require('./fake-chrome.js');

const SRC = path.join(EXTENSION, 'src');
const MAX_LINES = 500;

function files(dir, keep) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : files(p, keep);
    return keep(e.name) ? [p] : [];
  });
}
const rel = (p) => path.relative(EXTENSION, p).split(path.sep).join('/');
const ownJs = files(SRC, (n) => n.endsWith('.js'));

test(`no extension source file is over ${MAX_LINES} lines`, () => {
  const all = [...files(SRC, (n) => /\.(js|css|html)$/.test(n)), path.join(EXTENSION, 'content.css'), path.join(EXTENSION, 'manifest.json')];
  const long = all.map((f) => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length]).filter(([, n]) => n > MAX_LINES);
  assert.deepEqual(long, []);
});

test('every source file (vendor/ aside) starts with // @ts-check', () => {
  assert.deepEqual(ownJs.filter((f) => !fs.readFileSync(f, 'utf8').startsWith('// @ts-check\n')).map(rel), []);
});

test('every source file is loaded: by the manifest or the options page', () => {
  const options = fs.readFileSync(path.join(EXTENSION, MANIFEST.options_ui.page), 'utf8');
  const optionsDir = path.dirname(path.join(EXTENSION, MANIFEST.options_ui.page));
  const fromOptions = [...options.matchAll(/<script src="([^"]+)"/g)].map((m) => rel(path.join(optionsDir, m[1])));
  const loaded = new Set([...MANIFEST.content_scripts[0].js, ...MANIFEST.background.scripts, ...fromOptions]);
  assert.deepEqual(ownJs.map(rel).filter((f) => !loaded.has(f)), []);
});

test('tsc --noEmit --allowJs --checkJs passes on every source file (tsconfig.json)', () => {
  const tsc = path.join(__dirname, 'node_modules', 'typescript', 'bin', 'tsc');
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'tsconfig.json'), 'utf8'));
  assert.equal(config.compilerOptions.checkJs, true);
  const listed = spawnSync(process.execPath, [tsc, '-p', __dirname, '--listFilesOnly'], { encoding: 'utf8' });
  const checked = new Set(listed.stdout.split('\n').filter(Boolean).map((f) => path.resolve(__dirname, f)));
  assert.deepEqual(ownJs.filter((f) => !checked.has(f)).map(rel), [], 'files left out of the check');
  const run = spawnSync(process.execPath, [tsc, '-p', __dirname], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
