'use strict';
// Article detection (src/lib/detect.js): metadata and markup first, then
// Mozilla's isProbablyReaderable (src/vendor/), on pages of both kinds.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { JSDOM, VirtualConsole } = require('jsdom');
const { load } = require('./helpers.js');

const { looksLikeArticle } = load('lib/detect.js');

const REPO = path.join(__dirname, '..', '..');
const SHARED = path.join(REPO, '..', 'shared');
const SEED = fs.readFileSync(path.join(SHARED, 'fixtures', 'seed-article.html'), 'utf8');
const REAL_PAGES = path.join(SHARED, 'datasets', 'extraction');

/** A document at `url` (detection looks at the path of a front page). */
function page(html, url = 'https://www.dailydispatch.example/2019/09/17/story/') {
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}

/** The seed article as many news sites serve it: og:type "website", no <article>, no JSON-LD. */
function seedAsWebsite() {
  const html = SEED.replace('<meta property="og:type" content="article">', '<meta property="og:type" content="website">')
    .replace(/<article\b/, '<div')
    .replace('</article>', '</div>');
  assert.ok(!/<article|og:type" content="article|ld\+json/.test(html), 'the fixture must carry no article markup');
  return html;
}

const TEASER = (i) =>
  `<div class="teaser"><a href="/2019/09/${i}/story-${i}/"><h3>Headline number ${i} about the council and the budget</h3>` +
  `<p>The council met again on Tuesday to argue about the budget, the ferry timetable and the library's opening hours, and nothing was decided before midnight (${i}).</p></a></div>`;
const PROSE =
  'The market opened at eight in the morning, as it does every weekday, and the stalls along the river filled slowly with fruit, bread and flowers. ' +
  'Residents walked their dogs along the embankment while the ferry crossed to the far bank and back again on its usual timetable.';

test('a news page with og:type "website" and no <article> is found by Readability', () => {
  assert.equal(looksLikeArticle(page(seedAsWebsite())), 'readerable');
});

test('metadata still decides first: the seed as published says og:type article', () => {
  assert.equal(looksLikeArticle(page(SEED)), 'og');
});

const notArticles = [
  [
    'a section page of teasers (each a link)',
    '<meta property="og:type" content="website">',
    `<main>${[1, 2, 3, 4, 5, 6, 7, 8].map(TEASER).join('')}</main>`,
    'https://www.dailydispatch.example/category/world/',
  ],
  [
    'a contact page: short lines and a form',
    '<meta property="og:type" content="website"><title>Contact us</title>',
    '<h1>Contact us</h1><p>Write to the newsroom at news@dailydispatch.example.</p><p>Call us on weekdays.</p>' +
      '<form><label>Name <input name=n></label><textarea></textarea><button>Send</button></form>',
    'https://www.dailydispatch.example/contact/',
  ],
  [
    'a front page whose teasers read like prose',
    '<meta property="og:type" content="website">',
    `<main><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></main>`,
    'https://www.dailydispatch.example/',
  ],
  [
    'a product page with a long description',
    '<meta property="og:type" content="product">',
    `<div class="description"><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div>`,
    'https://shop.example/kettle-2000',
  ],
  [
    'a profile page (JSON-LD ProfilePage)',
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage"}</script>',
    `<div class="bio"><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></div>`,
    'https://social.example/@mayor',
  ],
  [
    'prose that is hidden',
    '<meta property="og:type" content="website">',
    `<div hidden><p>${PROSE}</p><p>${PROSE}</p></div><div style="display: none"><p>${PROSE}</p></div><p>Short.</p>`,
    'https://www.dailydispatch.example/drafts/x',
  ],
];
for (const [name, head, body, url] of notArticles) {
  test('not an article: ' + name, () => {
    assert.equal(looksLikeArticle(page(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, url)), null);
  });
}

test('the same prose is an article off the front page, with no metadata at all', () => {
  const html = `<!DOCTYPE html><html><head><title>Market day</title></head><body><main><h1>Market day</h1><p>${PROSE}</p><p>${PROSE}</p><p>${PROSE}</p></main></body></html>`;
  assert.equal(looksLikeArticle(page(html, 'https://www.dailydispatch.example/2019/09/20/market-day/')), 'readerable');
});

test('every real news page of the extraction set is taken for an article', () => {
  // 134 pages of the Zyte article-extraction benchmark, as browsers fetched them.
  const truth = JSON.parse(fs.readFileSync(path.join(REAL_PAGES, 'ground-truth.json'), 'utf8'));
  const reasons = {};
  const missed = [];
  for (const file of fs.readdirSync(path.join(REAL_PAGES, 'html'))) {
    const id = file.replace('.html.gz', '');
    // jsdom's CSS parser throws on some stylesheets browsers accept; detection reads none.
    const html = zlib.gunzipSync(fs.readFileSync(path.join(REAL_PAGES, 'html', file))).toString('utf8').replace(/<style[\s\S]*?<\/style>/gi, '');
    const dom = new JSDOM(html, { url: truth[id].url, virtualConsole: new VirtualConsole() });
    const why = looksLikeArticle(dom.window.document);
    reasons[why] = (reasons[why] || 0) + 1;
    if (!why) missed.push(truth[id].url);
    dom.window.close();
  }
  assert.deepEqual(missed, []);
  assert.equal(Object.values(reasons).reduce((a, b) => a + b, 0), 134);
  // Metadata and <article> alone left these to Readability (3 % of the set).
  assert.equal(reasons.readerable, 4, JSON.stringify(reasons));
});

// The toolbar button injects this same list, read from the manifest
// (background.test.js checks that it does).
test('the content script list loads Readability before detect.js', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'extension', 'manifest.json'), 'utf8'));
  const listed = manifest.content_scripts[0].js;
  assert.ok(listed.indexOf('src/vendor/Readability-readerable.js') >= 0);
  assert.equal(listed.indexOf('src/vendor/Readability-readerable.js') + 1, listed.indexOf('src/lib/detect.js'));
});

test('the vendored copy keeps its licence beside it', () => {
  const vendor = path.join(REPO, 'extension', 'src', 'vendor');
  assert.match(fs.readFileSync(path.join(vendor, 'Readability-LICENSE.md'), 'utf8'), /Apache License/);
  assert.match(fs.readFileSync(path.join(vendor, 'Readability-readerable.js'), 'utf8'), /function isProbablyReaderable\(doc, options = \{\}\)/);
});
