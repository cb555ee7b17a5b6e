// @ts-check
/*
 * Does this page look like an article? Cheap local checks only: the page's
 * metadata first, then its markup, then Mozilla Readability's
 * isProbablyReaderable (src/vendor/, the check behind Firefox's Reader View
 * button) for the many news pages that say og:type "website" and use no
 * <article>.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('../vendor/Readability-readerable.js'));
  } else {
    // The vendored script is listed before this one and declares a global
    // function; without it, the metadata and markup checks still work.
    // eslint-disable-next-line no-undef
    const readerable = typeof isProbablyReaderable === 'function' ? isProbablyReaderable : null;
    (root.Sidenote = root.Sidenote || {}).detect = factory(readerable);
  }
})(typeof globalThis !== 'undefined' ? globalThis : this, function (isProbablyReaderable) {
  'use strict';

  const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report)$/;
  // Pages that say what they are, and it is not an article: prose on them
  // (a product description, a biography) is not news to check.
  const OTHER_OG_TYPES = /^(profile|product|book|place|business\.|music\.|video\.|restaurant\.|game\.)/i;
  const OTHER_PAGE_TYPES = /^(ProfilePage|SearchResultsPage|CheckoutPage|ContactPage|Product|ItemPage|RealEstateListing|JobPosting|Recipe)$/;
  // An <article> element alone is also used for cards in listings; ask for some prose.
  const MIN_ARTICLE_CHARS = 500;
  // A paragraph that is mostly link text is a teaser in a listing, not prose.
  const MAX_LINK_SHARE = 0.5;

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

  function allJsonLdTypes(doc) {
    const types = [];
    for (const s of doc.querySelectorAll('script[type="application/ld+json" i]')) {
      try {
        jsonLdTypes(JSON.parse(s.textContent || ''), types);
      } catch (e) {
        // Broken JSON-LD is common; it just does not count.
      }
    }
    return types;
  }

  /**
   * Readability's test looks at the paragraph itself only; prose inside a
   * hidden container (a collapsed menu, a cookie wall's text) is not shown
   * either. The browser knows (checkVisibility); elsewhere (jsdom), the
   * hidden attribute and inline display: none on it or its ancestors.
   */
  function isHidden(node) {
    if (node.closest('[aria-hidden="true"]')) return true;
    if (typeof node.checkVisibility === 'function') return !node.checkVisibility();
    for (let el = node; el; el = el.parentElement) {
      if (el.hasAttribute('hidden') || (el.style && el.style.display === 'none')) return true;
    }
    return false;
  }

  /** Visible, and not a teaser: not inside a link nor mostly link text. */
  function isVisibleProse(node) {
    if (isHidden(node)) return false;
    if (node.parentElement && node.parentElement.closest('a')) return false;
    const length = (node.textContent || '').trim().length;
    let linked = 0;
    for (const a of node.querySelectorAll('a')) linked += (a.textContent || '').trim().length;
    return linked <= length * MAX_LINK_SHARE;
  }

  /** A site's front page is a listing, even when its teasers read like prose. */
  function isFrontPage(doc) {
    const loc = doc.location;
    return !!loc && /^https?:$/.test(loc.protocol) && /^\/?(index\.\w+)?$/.test(loc.pathname);
  }

  /**
   * @param {Document} doc
   * @returns {string|null} why it looks like an article ('og', 'jsonld',
   *   'article', 'readerable'), or null
   */
  function looksLikeArticle(doc) {
    const og = doc.querySelector('meta[property="og:type" i]');
    const ogType = ((og && og.getAttribute('content')) || '').trim();
    if (/^article$/i.test(ogType)) return 'og';
    const types = allJsonLdTypes(doc);
    if (types.some((t) => ARTICLE_TYPES.test(t))) return 'jsonld';
    if (OTHER_OG_TYPES.test(ogType) || types.some((t) => OTHER_PAGE_TYPES.test(t))) return null;
    for (const a of doc.querySelectorAll('article')) {
      if ((a.textContent || '').replace(/\s+/g, ' ').length >= MIN_ARTICLE_CHARS) return 'article';
    }
    if (isFrontPage(doc)) return null;
    if (isProbablyReaderable && isProbablyReaderable(doc, { visibilityChecker: isVisibleProse })) return 'readerable';
    return null;
  }

  return { looksLikeArticle };
});
