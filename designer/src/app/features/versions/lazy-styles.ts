/**
 * Third-party stylesheets (diagram-js, form-js, dmn-js) for the lazily loaded editor pages.
 *
 * They are imported as text into the page's own chunk (`with { loader: 'text' }`) and added to
 * the document once, the first time a page needs them, so the start page never downloads them
 * and no component stylesheet exceeds the build's per-component budget. The server's CSP allows
 * inline styles (`style-src 'unsafe-inline'`); their fonts are embedded `data:` URLs.
 */
const added = new Set<string>();

/** Adds `css` to the document under `id` unless a page added it already. */
export function useStylesheet(id: string, css: string): void {
  if (added.has(id)) return;
  const style = document.createElement('style');
  style.dataset['stylesheet'] = id;
  style.textContent = css;
  // Before the app's own stylesheet, so Safepath's rules win where both style the same element.
  const appStyles = document.head.querySelector('link[rel=stylesheet]');
  document.head.insertBefore(style, appStyles);
  added.add(id);
}
