/**
 * The plain rules behind sp-bpmn-canvas, kept apart from the bpmn-js plumbing so they can be read
 * on their own: which view shows the marked steps, when and where the view moves to follow the
 * case, and which steps and flows count as the path so far. Everything here works on diagram
 * units and the element registry's data; nothing touches the viewer.
 */

/** How much room (diagram units) to leave around the marked steps. */
const FOCUS_MARGIN = 120;
/** How far (diagram units) inside the view's edge the current position must be to count as in view (room for its note). */
const IN_VIEW_MARGIN = 40;
/** Following the case zooms out no further than this: below it the steps' names cannot be read. */
const READABLE_ZOOM = 0.75;

/** A rectangle in diagram units: an element's bounds, or the part of the diagram in view. */
export interface Shape {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The canvas's size on screen, in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** What this component reads of a diagram-js element. */
export interface ElementLike {
  id: string;
  type: string;
  businessObject?: { name?: string; attachedToRef?: { id: string } };
  source?: { id: string };
  target?: { id: string };
  parent?: { id: string; parent?: unknown };
}

/** An element drawn as a shape (not the process itself, not a flow). */
export type DrawnShape = ElementLike & Shape;

/** What this component uses of diagram-js's element registry. */
export interface ElementRegistry {
  get(id: string): (ElementLike & Partial<Shape>) | undefined;
  getAll(): ElementLike[];
  filter(fn: (element: ElementLike) => boolean): ElementLike[];
}

/** A rectangle by its edges. */
export type Box = Omit<Shape, 'width' | 'height'> & { right: number; bottom: number };

/** The smallest box around `shapes`; null when there are none. */
export function boxAround(shapes: readonly Shape[]): Box | null {
  if (shapes.length === 0) return null;
  return {
    x: Math.min(...shapes.map((s) => s.x)),
    y: Math.min(...shapes.map((s) => s.y)),
    right: Math.max(...shapes.map((s) => s.x + s.width)),
    bottom: Math.max(...shapes.map((s) => s.y + s.height)),
  };
}

/** The shapes that hold none of the others: a step, not the sub-process around it. */
export function innermost(shapes: readonly DrawnShape[]): DrawnShape[] {
  const around = new Set<string>();
  for (const shape of shapes) {
    for (let parent = shape.parent; parent; parent = parent.parent as ElementLike['parent']) around.add(parent.id);
  }
  return shapes.filter((shape) => !around.has(shape.id));
}

/** The drawn shapes among `ids` (the process itself and unknown ids left out). */
export function shapesOf(registry: ElementRegistry, ids: readonly string[]): DrawnShape[] {
  return ids.map((id) => registry.get(id)).filter((shape): shape is DrawnShape => typeof shape?.width === 'number');
}

/**
 * The path so far as ids to mark: every drawn element on the path or at the current position (the
 * process itself can be part of a position, but is not drawn), then each sequence flow between two
 * of them, which counts as walked.
 */
export function walkedIds(registry: ElementRegistry, path: readonly string[], current: readonly string[]): string[] {
  const passed = new Set([...path, ...current].filter((id) => typeof registry.get(id)?.width === 'number'));
  const flows = registry.filter((e) => e.type === 'bpmn:SequenceFlow' && passed.has(e.source?.id ?? '') && passed.has(e.target?.id ?? ''));
  return [...passed, ...flows.map((flow) => flow.id)];
}

/** The scale that shows `box` with some room around it, at most full size. */
function scaleToShow(box: Box, size: Size): number {
  return Math.min(1, size.width / (box.right - box.x + 2 * FOCUS_MARGIN), size.height / (box.bottom - box.y + 2 * FOCUS_MARGIN));
}

/** The view centred on `box` at `scale`. */
function centredOn(box: Box, size: Size, scale: number): Shape {
  const width = size.width / scale;
  const height = size.height / scale;
  return { x: (box.x + box.right) / 2 - width / 2, y: (box.y + box.bottom) / 2 - height / 2, width, height };
}

/** The view that shows `box` with some room around it, as large as fits but at most at full size. */
export function viewShowing(box: Box, size: Size): Shape {
  return centredOn(box, size, scaleToShow(box, size));
}

/**
 * Where the view goes to bring `arrived` (the elements new in the position) into view, leaving the
 * zoom as it is where it can; null when it need not move. Nothing moves when they can already be
 * seen; out of view, they are centred; when they do not fit, the view zooms out to show them all,
 * or, when that would make them unreadable, centres on the first.
 */
export function viewFollowing(arrived: readonly DrawnShape[], view: Shape, size: Size): Shape | null {
  const box = boxAround(arrived);
  if (box === null) return null;
  const inView =
    box.x >= view.x + IN_VIEW_MARGIN &&
    box.right <= view.x + view.width - IN_VIEW_MARGIN &&
    box.y >= view.y + IN_VIEW_MARGIN &&
    box.bottom <= view.y + view.height - IN_VIEW_MARGIN;
  if (inView) return null;
  const scale = view.width > 0 ? size.width / view.width : 1;
  const fits = box.right - box.x + 2 * IN_VIEW_MARGIN <= view.width && box.bottom - box.y + 2 * IN_VIEW_MARGIN <= view.height;
  if (fits) return centredOn(box, size, scale);
  if (scaleToShow(box, size) >= Math.min(scale, READABLE_ZOOM)) return viewShowing(box, size);
  return centredOn(boxAround([arrived[0]]) ?? box, size, Math.max(scale, READABLE_ZOOM));
}
