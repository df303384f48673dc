/**
 * A library's own stylesheet (form-js, diagram-js), added to the document once, the first time a
 * page that uses the library opens. These stylesheets are far larger than Angular's per-component
 * style budget (12 kB), so they travel as text in the page's lazy chunk instead of as component
 * styles; the Content-Security-Policy allows inline styles for exactly these libraries.
 */
export function adoptLibraryStyles(id: string, css: string): void {
  if (typeof document === 'undefined' || document.getElementById(id) !== null) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  document.head.appendChild(style);
}
