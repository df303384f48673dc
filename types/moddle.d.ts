/** Minimal typings for the moddle packages (they ship no entry-point types). */
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    $parent?: ModdleElement;
    $instanceOf(type: string): boolean;
    [key: string]: any;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: { message: string; element?: ModdleElement; property?: string }[];
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
declare module 'dmn-moddle' {
  const DmnModdle: any;
  export default DmnModdle;
}
