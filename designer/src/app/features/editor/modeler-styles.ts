/** The stylesheet bundle of bpmn-js, the properties panel and token simulation (angular.json: `modeler`, not injected). */
const HREF = 'modeler.css';
let loading: Promise<void> | null = null;

/**
 * Loads the modeler's styles once, on the first visit to the editor, so the start page does not
 * download them. Resolves when they apply (or failed: the diagram still works, just unstyled).
 */
export function loadModelerStyles(): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = HREF;
    link.onload = () => resolve();
    link.onerror = () => resolve();
    document.head.append(link);
  });
  return loading;
}
