/* Type declarations for the untyped libraries and the stylesheets (imported as text) that the
   versions, form editor and decision editor pages use. */

declare module 'bpmn-js-differ' {
  /** A moddle element as bpmn-moddle reads it. */
  interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    [property: string]: unknown;
  }
  export interface DiffResult {
    _added: Record<string, ModdleElement>;
    _removed: Record<string, ModdleElement>;
    _layoutChanged: Record<string, ModdleElement>;
    /** Changed attributes by path; note that 3.x swaps `oldValue` and `newValue`, so read values from the models. */
    _changed: Record<string, { model: ModdleElement; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
  }
  /** Collects the changes while the differ walks the newer model; subclass it to track more. */
  export class ChangeHandler implements DiffResult {
    _added: DiffResult['_added'];
    _removed: DiffResult['_removed'];
    _layoutChanged: DiffResult['_layoutChanged'];
    _changed: DiffResult['_changed'];
    _isTracked(element: unknown): { element: ModdleElement; property: string } | undefined;
    changed(model: ModdleElement, property: string, newValue?: unknown, oldValue?: unknown): void;
    added(model: ModdleElement, property: string, element: unknown, index: number): void;
    removed(model: ModdleElement, property: string, element: unknown, index: number): void;
  }
  /** Compares two definitions read by bpmn-moddle: `older` first. */
  export function diff<H extends ChangeHandler = ChangeHandler>(older: object, newer: object, handler?: H): H;
}

/** @bpmn-io/form-js's UMD build of the form editor (see form-editor-page.ts for why). */
declare module '*/form-editor.umd.js' {
  export { FormEditor } from '@bpmn-io/form-js-editor';
}

declare module 'dmn-js/lib/Modeler' {
  export interface DmnView {
    type: 'drd' | 'decisionTable' | 'literalExpression' | 'boxedExpression' | string;
    element: { id: string; name?: string; $type: string };
  }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: object; drd?: object; decisionTable?: object });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    getActiveViewer(): { get(service: string): unknown; on(event: string, callback: (event: unknown) => void): void } | undefined;
    open(view: DmnView): Promise<{ warnings: unknown[] }>;
    on(event: string, callback: (event: unknown) => void): void;
    destroy(): void;
  }
}

declare module 'bpmn-js/dist/assets/diagram-js.css' { const css: string; export default css; }
declare module 'bpmn-js/dist/assets/bpmn-js.css' { const css: string; export default css; }
declare module '@bpmn-io/form-js-viewer/dist/assets/form-js.css' { const css: string; export default css; }
declare module '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/diagram-js.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-shared.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-drd.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-decision-table.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-decision-table-controls.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-literal-expression.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-boxed-expression.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css' { const css: string; export default css; }
declare module 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css' { const css: string; export default css; }
