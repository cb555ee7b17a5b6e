// Globals of the extension's classic scripts, for `tsc --checkJs` only
// (typecheck.test.js); nothing here ships in the extension.

// Each script registers itself on globalThis.Sidenote in the browser and
// exports with module.exports in node (the unit tests load the same files).
declare var module: { exports: unknown } | undefined;
declare function require(id: string): any;

// The service worker's loader (Chromium); absent from Firefox's event page.
declare function importScripts(...urls: string[]): void;

// src/vendor/Readability-readerable.js, listed before detect.js.
declare function isProbablyReaderable(
  doc: Document,
  options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Element) => boolean },
): boolean;

// Partial: each script adds its own part, in the manifest's order.
type SidenoteNamespace = Partial<{
  match: typeof import('../../../extension/src/lib/match.js');
  textIndex: typeof import('../../../extension/src/lib/textindex.js');
  anchor: typeof import('../../../extension/src/lib/anchor.js');
  highlight: typeof import('../../../extension/src/lib/highlight.js');
  detect: typeof import('../../../extension/src/lib/detect.js');
  settings: typeof import('../../../extension/src/lib/settings.js');
  messages: typeof import('../../../extension/src/lib/messages.js');
  uiText: typeof import('../../../extension/src/content/ui/text.js');
  uiDom: typeof import('../../../extension/src/content/ui/dom.js');
  uiPlacement: typeof import('../../../extension/src/content/ui/placement.js');
  uiCount: typeof import('../../../extension/src/content/ui/count.js');
  uiCard: typeof import('../../../extension/src/content/ui/card.js');
  uiNote: typeof import('../../../extension/src/content/ui/note.js');
  uiPanel: typeof import('../../../extension/src/content/ui/panel.js');
  uiStylesheet: typeof import('../../../extension/src/content/ui/stylesheet.js');
  ui: typeof import('../../../extension/src/content/ui.js');
  /** Set by main.js: the content script already runs in this page. */
  contentLoaded: boolean;
}>;

declare var Sidenote: SidenoteNamespace;
