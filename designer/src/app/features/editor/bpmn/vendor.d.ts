/* Type stubs for the bpmn-io packages that ship no typings (used by the editor only). */

declare module '@bpmn-io/properties-panel' {
  // Preact components and helpers of the properties panel.
  export const SelectEntry: any;
  export const TextAreaEntry: any;
  export const TextFieldEntry: any;
  export const NumberFieldEntry: any;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isNumberFieldEntryEdited(node: unknown): boolean;
}

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, any>;
  export const BpmnPropertiesProviderModule: Record<string, any>;
  export const CamundaPlatformPropertiesProviderModule: Record<string, any>;
  /** A bpmn-js service, inside a properties panel component. */
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: Record<string, any>;
  export default module;
}

declare module 'bpmn-js-token-simulation' {
  const module: Record<string, any>;
  export default module;
}
