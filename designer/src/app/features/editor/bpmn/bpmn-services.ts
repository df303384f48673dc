/**
 * The few bpmn-js / diagram-js services the Safepath modules use, typed by the methods they call.
 * (bpmn-js's own typings are generic over the element types, which only adds casts here.)
 */
/** A diagram element (shape, connection, label or root) as the Safepath modules read it. */
export interface Element {
  id: string;
  type: string;
  businessObject: ModdleElement;
  parent?: Element;
  incoming: Connection[];
  outgoing: Connection[];
}

export interface Shape extends Element {
  x: number;
  y: number;
  width: number;
  height: number;
  host?: Shape;
  attachers?: Shape[];
}

export interface Connection extends Element {
  source?: Element;
  target?: Element;
  waypoints: { x: number; y: number }[];
}

/** A bpmn-moddle element (business object). */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  id?: string;
  name?: string;
  get(name: string): any;
  set(name: string, value: unknown): void;
  [key: string]: any;
}

export interface Modeling {
  updateProperties(element: Element, properties: Record<string, unknown>): void;
  updateModdleProperties(element: Element, moddleElement: ModdleElement, properties: Record<string, unknown>): void;
  createShape(shape: Partial<Shape>, position: { x: number; y: number }, target: Element, hints?: Record<string, unknown>): Shape;
  appendShape(source: Element, shape: Partial<Shape>, position: { x: number; y: number }, target: Element, hints?: Record<string, unknown>): Shape;
  removeElements(elements: Element[]): void;
  updateLabel(element: Element, text: string): void;
}

export interface ElementFactory {
  createShape(attrs: Record<string, unknown>): Shape;
}

export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export interface CommandStack {
  registerHandler(command: string, handler: new (...args: any[]) => unknown): void;
  execute(command: string, context: Record<string, unknown>): void;
}

export interface ElementRegistry {
  get(id: string): Element | undefined;
  getAll(): Element[];
  filter(fn: (element: Element) => boolean): Element[];
}

export interface EventBus {
  on(event: string | string[], priorityOrCallback: number | ((event: any) => unknown), callback?: (event: any) => unknown): void;
  off(event: string | string[], callback: (event: any) => unknown): void;
  fire(event: string, data?: Record<string, unknown>): unknown;
}

export interface Canvas {
  addMarker(element: Element | string, marker: string): void;
  removeMarker(element: Element | string, marker: string): void;
  getRootElement(): Element;
  scrollToElement(element: Element, padding?: number): void;
  zoom(level?: number | 'fit-viewport', center?: 'auto' | { x: number; y: number }): number;
  viewbox(): Viewbox;
  viewbox(box: { x: number; y: number; width: number; height: number }): void;
  getContainer(): HTMLElement;
  focus(): void;
}

export interface Viewbox {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
  /** The diagram's extent. */
  inner: { x: number; y: number; width: number; height: number };
  /** The canvas's size on screen. */
  outer: { width: number; height: number };
}

export interface Overlays {
  add(element: Element | string, type: string, overlay: { position: Record<string, number>; html: HTMLElement | string }): string;
  remove(filter: { type?: string; element?: Element | string } | string): void;
}

export interface Selection {
  select(elements: Element | Element[] | null): void;
  get(): Element[];
}

/** Whether a business object is (or extends) the given BPMN / Camunda type. */
export function isType(bo: ModdleElement | null | undefined, type: string): boolean {
  return !!bo && typeof bo['$instanceOf'] === 'function' && bo['$instanceOf'](type);
}
