'use strict';
// Shared set-up for the extension's unit tests: a jsdom window per test and
// the extension's classic scripts loaded as CommonJS modules.
const path = require('node:path');
const { JSDOM } = require('jsdom');

const LIB = path.join(__dirname, '..', '..', 'extension', 'src');

function load(rel) {
  return require(path.join(LIB, rel));
}

/** A document whose <body> holds `bodyHtml`. */
function makeDoc(bodyHtml, headHtml = '') {
  const dom = new JSDOM(`<!DOCTYPE html><html><head>${headHtml}</head><body>${bodyHtml}</body></html>`, { pretendToBeVisual: true });
  return dom.window.document;
}

module.exports = { load, makeDoc };
