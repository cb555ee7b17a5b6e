/* Does this page look like an article? Cheap checks on metadata and markup only. */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sidenote = root.Sidenote || {}).detect = api;
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report)$/;
  // An <article> element alone is also used for cards in listings; ask for some prose.
  const MIN_ARTICLE_CHARS = 500;

  function jsonLdTypes(node, out) {
    if (!node || typeof node !== 'object') return out;
    if (Array.isArray(node)) {
      for (const n of node) jsonLdTypes(n, out);
      return out;
    }
    const t = node['@type'];
    if (typeof t === 'string') out.push(t);
    else if (Array.isArray(t)) out.push(...t.filter((x) => typeof x === 'string'));
    if (node['@graph']) jsonLdTypes(node['@graph'], out);
    return out;
  }

  /**
   * @param {Document} doc
   * @returns {string|null} why it looks like an article ('og', 'jsonld', 'article'), or null
   */
  function looksLikeArticle(doc) {
    const og = doc.querySelector('meta[property="og:type" i]');
    if (og && /^article$/i.test((og.getAttribute('content') || '').trim())) return 'og';
    for (const s of doc.querySelectorAll('script[type="application/ld+json" i]')) {
      try {
        if (jsonLdTypes(JSON.parse(s.textContent || ''), []).some((t) => ARTICLE_TYPES.test(t))) return 'jsonld';
      } catch (e) {
        // Broken JSON-LD is common; it just does not count.
      }
    }
    for (const a of doc.querySelectorAll('article')) {
      if ((a.textContent || '').replace(/\s+/g, ' ').length >= MIN_ARTICLE_CHARS) return 'article';
    }
    return null;
  }

  return { looksLikeArticle };
});
