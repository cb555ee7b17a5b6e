'use strict';
// Message names live in src/lib/messages.js only; every sender and receiver
// uses its constants.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { load } = require('./helpers.js');
const { MANIFEST, EXTENSION } = require('./fake-chrome.js');

const { MSG, COMMAND } = load('lib/messages.js');
const MESSAGES_FILE = path.join(EXTENSION, 'src', 'lib', 'messages.js');

function sources(dir = path.join(EXTENSION, 'src')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'vendor' ? [] : sources(p);
    return /\.(js|html)$/.test(e.name) ? [p] : [];
  });
}

test('message names are distinct, namespaced and frozen', () => {
  const names = Object.values(MSG);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^sidenote:[a-z-]+$/);
  assert.ok(Object.isFrozen(MSG) && Object.isFrozen(COMMAND));
});

test('no source file but messages.js spells a message or command name', () => {
  const literals = [...Object.values(MSG), ...Object.values(COMMAND)];
  const found = [];
  for (const file of sources()) {
    if (file === MESSAGES_FILE) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const name of literals) {
      if (text.includes(`'${name}'`) || text.includes(`"${name}"`) || text.includes('`' + name + '`')) found.push(`${path.relative(EXTENSION, file)}: ${name}`);
    }
    // Nor a new name typed out beside the module.
    for (const m of text.matchAll(/['"`](sidenote:[a-z-]+)['"`]/g)) found.push(`${path.relative(EXTENSION, file)}: ${m[1]}`);
  }
  assert.deepEqual(found, []);
  const own = fs.readFileSync(MESSAGES_FILE, 'utf8');
  for (const name of literals) assert.equal(own.split(`'${name}'`).length - 1, 1, name + ' is spelled once');
});

test('every part that sends or receives messages loads messages.js first', () => {
  const js = MANIFEST.content_scripts[0].js;
  assert.ok(js.includes('src/lib/messages.js') && js.indexOf('src/lib/messages.js') < js.indexOf('src/content/main.js'));
  const bg = MANIFEST.background.scripts;
  assert.ok(bg.indexOf('src/lib/messages.js') >= 0 && bg.indexOf('src/lib/messages.js') < bg.indexOf(MANIFEST.background.service_worker));
  assert.ok(MANIFEST.commands[COMMAND.focusPanel]);
});
