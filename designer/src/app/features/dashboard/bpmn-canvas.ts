import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  ViewEncapsulation,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import bpmnJsCss from 'bpmn-js/dist/assets/bpmn-js.css' with { loader: 'text' };
import diagramJsCss from 'bpmn-js/dist/assets/diagram-js.css' with { loader: 'text' };
import { adoptLibraryStyles } from '../task/library-styles';

/** Counts shown on a step of a heat map. */
export interface StepBadge {
  activityId: string;
  active: number;
  overdue: number;
}

/** What the diagram found: each flow node's id and name, for the page's text alternative. */
export type DiagramNames = ReadonlyMap<string, string>;

/** An element of the diagram: its name, and for a boundary event (a deadline) the step it sits on. */
export interface DiagramNode {
  name: string | null;
  attachedTo: string | null;
}

/** How much room (diagram units) to leave around the marked steps. */
const FOCUS_MARGIN = 120;
/** How far (diagram units) inside the view's edge the current position must be to count as in view (room for its note). */
const IN_VIEW_MARGIN = 40;
/** Following the case zooms out no further than this: below it the steps' names cannot be read. */
const READABLE_ZOOM = 0.75;
/** Every marker this component adds to the diagram's elements. */
const MARKERS = ['sp-path', 'sp-current', 'sp-active', 'sp-overdue', 'sp-selected'];

interface Shape {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Canvas {
  zoom(level?: number | string, center?: unknown): number;
  viewbox(box?: Shape): Shape;
  getSize(): { width: number; height: number };
  resized(): void;
}

interface ElementLike {
  id: string;
  type: string;
  businessObject?: { name?: string; attachedToRef?: { id: string } };
  source?: { id: string };
  target?: { id: string };
  parent?: { id: string; parent?: unknown };
}

/** An element drawn as a shape (not the process itself, not a flow). */
type DrawnShape = ElementLike & Shape;

type Box = Omit<Shape, 'width' | 'height'> & { right: number; bottom: number };

function boxAround(shapes: readonly Shape[]): Box | null {
  if (shapes.length === 0) return null;
  return {
    x: Math.min(...shapes.map((s) => s.x)),
    y: Math.min(...shapes.map((s) => s.y)),
    right: Math.max(...shapes.map((s) => s.x + s.width)),
    bottom: Math.max(...shapes.map((s) => s.y + s.height)),
  };
}

/** The shapes that hold none of the others: a step, not the sub-process around it. */
function innermost(shapes: readonly DrawnShape[]): DrawnShape[] {
  const around = new Set<string>();
  for (const shape of shapes) {
    for (let parent = shape.parent; parent; parent = parent.parent as ElementLike['parent']) around.add(parent.id);
  }
  return shapes.filter((shape) => !around.has(shape.id));
}

/**
 * A read-only BPMN diagram (bpmn-js NavigatedViewer, loaded only when a page shows one), used by
 * the case page, the heat map and training simulations: pan and zoom, the current position marked
 * ("Now here") and, for a simulation, the path so far; or heat-map badges per step with their
 * counts in words, each a button that selects the step. When the position moves (a step done, the
 * clock advanced) the view follows it. The page around it always lists the same information as
 * text, since a diagram is hard to use with a screen reader.
 */
@Component({
  selector: 'sp-bpmn-canvas',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `
    <div class="sp-canvas-tools" role="group" aria-label="Diagram view">
      <button type="button" (click)="zoom(1.25)">Zoom in</button>
      <button type="button" (click)="zoom(0.8)">Zoom out</button>
      @if (focusIds().length > 0) {
        <button type="button" (click)="focus()">{{ focusLabel() }}</button>
      }
      <button type="button" (click)="fitToView()">Whole process</button>
    </div>
    @if (failed()) {
      <p class="sp-error" role="alert">The diagram could not be shown.</p>
    }
    <div #canvas class="sp-canvas" [attr.aria-label]="label()" role="region"></div>
  `,
  styleUrl: './bpmn-canvas.css',
})
export class BpmnCanvas {
  readonly xml = input.required<string>();
  /** The region's accessible name ("Diagram of …"). */
  readonly label = input('Process diagram');
  /** Elements to mark as where the case is now; the view follows them when they change. */
  readonly current = input<readonly string[]>([]);
  /** Elements the case has passed through (marked, with the flows between them); none by default. */
  readonly path = input<readonly string[]>([]);
  /** Heat-map counts per step. */
  readonly badges = input<readonly StepBadge[]>([]);
  /** The element whose cases are listed (heat map). */
  readonly selected = input<string | null>(null);
  /** The button that brings the marked steps back into view. */
  readonly focusLabel = input('Marked steps');

  /** A step was clicked or its badge pressed. */
  readonly stepChosen = output<string>();
  /** The diagram is shown; names of its flow nodes by id. */
  readonly loaded = output<DiagramNames>();
  /** The diagram is shown; every element by id, named or not, with the step a boundary event sits on. */
  readonly nodesLoaded = output<ReadonlyMap<string, DiagramNode>>();

  protected readonly failed = signal(false);
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private viewer: NavigatedViewer | null = null;
  private names = new Map<string, string>();
  private decorated: string[] = [];
  /** Whether the person zoomed or panned: a resize then keeps their view. */
  private moved = false;
  private resizeObserver: ResizeObserver | null = null;
  /** The position the view last followed: the view moves only for elements new since then. */
  private followed: readonly string[] = [];

  /** What the first view shows: the current position, or the steps with cases. */
  protected readonly focusIds = computed(() => [
    ...this.current(),
    ...this.badges()
      .filter((b) => b.active > 0 || b.overdue > 0)
      .map((b) => b.activityId),
  ]);
  /** Where the view follows: the current position; once the case has ended, where its path ended. */
  private readonly followIds = computed(() => {
    const current = this.current();
    return current.length > 0 ? current : this.path().slice(-1);
  });

  constructor() {
    adoptLibraryStyles('sp-diagram-js-styles', diagramJsCss);
    adoptLibraryStyles('sp-bpmn-js-styles', bpmnJsCss);
    effect(() => {
      const xml = this.xml();
      untracked(() => void this.show(xml));
    });
    effect(() => {
      this.current();
      this.path();
      this.badges();
      this.selected();
      untracked(() => this.decorate());
    });
    effect(() => {
      const where = this.followIds();
      untracked(() => this.follow(where));
    });
    inject(DestroyRef).onDestroy(() => {
      this.resizeObserver?.disconnect();
      this.viewer?.destroy();
      this.viewer = null;
    });
  }

  private async show(xml: string): Promise<void> {
    try {
      const { default: Viewer } = await import('bpmn-js/lib/NavigatedViewer');
      this.viewer?.destroy();
      const viewer = new Viewer({ container: this.canvas().nativeElement });
      this.viewer = viewer;
      await viewer.importXML(xml);
      this.names = new Map();
      const nodes = new Map<string, DiagramNode>();
      for (const element of viewer.get<{ getAll(): ElementLike[] }>('elementRegistry').getAll()) {
        const bo = element.businessObject;
        if (bo?.name) this.names.set(element.id, bo.name);
        if (bo && element.type !== 'label') nodes.set(element.id, { name: bo.name ?? null, attachedTo: bo.attachedToRef?.id ?? null });
      }
      viewer.get<{ on(event: string, callback: (e: { element: ElementLike }) => void): void }>('eventBus').on('element.click', (event) => {
        if (this.badges().some((b) => b.activityId === event.element.id) || this.names.has(event.element.id)) this.stepChosen.emit(event.element.id);
      });
      this.failed.set(false);
      this.decorate();
      this.focus();
      this.moved = false;
      this.watchSize();
      this.loaded.emit(this.names);
      this.nodesLoaded.emit(nodes);
    } catch {
      this.failed.set(true);
    }
  }

  protected zoom(factor: number): void {
    const canvas = this.viewer?.get<{ zoom(level?: number | string, center?: unknown): number }>('canvas');
    if (!canvas) return;
    canvas.zoom(canvas.zoom() * factor);
    this.moved = true;
  }

  protected fitToView(): void {
    this.viewer?.get<{ zoom(level: string, center: string): number }>('canvas').zoom('fit-viewport', 'auto');
    this.moved = true;
  }

  /**
   * Shows the marked steps (current position or steps with cases) as large as fits, at most at
   * full size; the whole process when nothing is marked. Big procedures are unreadable when fitted
   * whole, so this is the first view.
   */
  protected focus(): void {
    const viewer = this.viewer;
    if (viewer === null) return;
    this.followed = this.followIds();
    const box = boxAround(this.shapesOf(this.focusIds()));
    if (box === null) viewer.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
    else this.zoomTo(box);
    this.moved = false;
  }

  /** The scale that shows `box` with some room around it, at most full size. */
  private scaleToShow(box: Box): number {
    const size = this.viewer?.get<Canvas>('canvas').getSize() ?? { width: 0, height: 0 };
    return Math.min(1, size.width / (box.right - box.x + 2 * FOCUS_MARGIN), size.height / (box.bottom - box.y + 2 * FOCUS_MARGIN));
  }

  /** Shows `box` with some room around it, as large as fits but at most at full size. */
  private zoomTo(box: Box): void {
    this.centreOn(box, this.scaleToShow(box));
  }

  /**
   * After the position moved, brings where the case went (the elements new in the position; a step,
   * not the sub-process around it) into view, leaving the zoom as it is where it can: nothing moves
   * when they can already be seen; out of view, they are centred; when they do not fit, the view
   * zooms out to show them all, or, when that would make them unreadable, centres on the first.
   */
  private follow(ids: readonly string[]): void {
    const before = new Set(this.followed);
    if (ids.length === before.size && ids.every((id) => before.has(id))) return;
    this.followed = ids;
    if (this.viewer === null) return;
    const arrived = innermost(this.shapesOf(ids.filter((id) => !before.has(id))));
    const box = boxAround(arrived);
    if (box === null) return;
    const canvas = this.viewer.get<Canvas>('canvas');
    const view = canvas.viewbox();
    const inView =
      box.x >= view.x + IN_VIEW_MARGIN &&
      box.right <= view.x + view.width - IN_VIEW_MARGIN &&
      box.y >= view.y + IN_VIEW_MARGIN &&
      box.bottom <= view.y + view.height - IN_VIEW_MARGIN;
    if (inView) return;
    const scale = view.width > 0 ? canvas.getSize().width / view.width : 1;
    const fits = box.right - box.x + 2 * IN_VIEW_MARGIN <= view.width && box.bottom - box.y + 2 * IN_VIEW_MARGIN <= view.height;
    if (fits) this.centreOn(box, scale);
    else if (this.scaleToShow(box) >= Math.min(scale, READABLE_ZOOM)) this.zoomTo(box);
    else this.centreOn(boxAround([arrived[0]]) ?? box, Math.max(scale, READABLE_ZOOM));
  }

  /** Centres the view on `box` at `scale`. */
  private centreOn(box: Box, scale: number): void {
    const canvas = this.viewer?.get<Canvas>('canvas');
    if (!canvas) return;
    const size = canvas.getSize();
    const width = size.width / scale;
    const height = size.height / scale;
    canvas.viewbox({ x: (box.x + box.right) / 2 - width / 2, y: (box.y + box.bottom) / 2 - height / 2, width, height });
  }

  /** The drawn shapes among `ids` (the process itself and unknown ids left out). */
  private shapesOf(ids: readonly string[]): DrawnShape[] {
    const registry = this.viewer?.get<{ get(id: string): (ElementLike & Partial<Shape>) | undefined }>('elementRegistry');
    if (!registry) return [];
    return ids.map((id) => registry.get(id)).filter((shape): shape is DrawnShape => typeof shape?.width === 'number');
  }

  /** Keeps the view right when the window (or a tablet's orientation) changes size. */
  private watchSize(): void {
    if (this.resizeObserver !== null || typeof ResizeObserver === 'undefined') return;
    let last = '';
    this.resizeObserver = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`;
      if (size === last || this.viewer === null) return;
      last = size;
      this.viewer.get<Canvas>('canvas').resized();
      if (!this.moved) this.focus();
    });
    this.resizeObserver.observe(this.canvas().nativeElement);
  }

  /** Markers and overlays for the current inputs (replacing the previous ones). */
  private decorate(): void {
    const viewer = this.viewer;
    if (viewer === null) return;
    const canvas = viewer.get<{ addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void }>('canvas');
    const overlays = viewer.get<{ add(id: string, type: string, overlay: object): string; remove(filter: { type: string }): void }>('overlays');
    const registry = viewer.get<{ get(id: string): (ElementLike & Partial<Shape>) | undefined; filter(fn: (e: ElementLike) => boolean): ElementLike[] }>('elementRegistry');
    for (const id of this.decorated) for (const marker of MARKERS) canvas.removeMarker(id, marker);
    overlays.remove({ type: 'sp-note' });
    this.decorated = [];
    const mark = (id: string, marker: string) => {
      canvas.addMarker(id, marker);
      this.decorated.push(id);
    };
    // The process itself can be part of a position; only drawn shapes are marked.
    const drawn = (id: string) => typeof registry.get(id)?.width === 'number';

    const passed = new Set([...this.path(), ...this.current()].filter(drawn));
    if (this.path().length > 0) {
      for (const id of passed) mark(id, 'sp-path');
      // A sequence flow between two steps on the path counts as walked.
      for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow' && passed.has(e.source?.id ?? '') && passed.has(e.target?.id ?? ''))) {
        mark(flow.id, 'sp-path');
      }
    }
    // A step inside a sub-process is where the case is; the sub-process around it is not marked too.
    for (const { id } of innermost(this.shapesOf(this.current()))) {
      mark(id, 'sp-current');
      const note = document.createElement('div');
      note.className = 'sp-here';
      note.textContent = 'Now here';
      overlays.add(id, 'sp-note', { position: { top: -24, left: 0 }, scale: { min: 1 }, html: note });
    }
    for (const badge of this.badges()) {
      if (!registry.get(badge.activityId) || (badge.active === 0 && badge.overdue === 0)) continue;
      mark(badge.activityId, badge.overdue > 0 ? 'sp-overdue' : 'sp-active');
      if (badge.activityId === this.selected()) canvas.addMarker(badge.activityId, 'sp-selected');
      overlays.add(badge.activityId, 'sp-note', { position: { top: -26, left: -6 }, scale: { min: 1 }, html: this.badgeButton(badge) });
    }
  }

  private badgeButton(badge: StepBadge): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sp-heat';
    const name = this.names.get(badge.activityId) ?? badge.activityId;
    button.setAttribute('aria-label', `${name}: ${badge.active} active, ${badge.overdue} overdue. Show its cases`);
    button.setAttribute('aria-pressed', String(badge.activityId === this.selected()));
    const active = document.createElement('span');
    active.className = 'sp-heat-active';
    active.textContent = `${badge.active} active`;
    button.appendChild(active);
    if (badge.overdue > 0) {
      const overdue = document.createElement('span');
      overdue.className = 'sp-heat-overdue';
      overdue.textContent = `⚠ ${badge.overdue} overdue`;
      button.appendChild(overdue);
    }
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      this.stepChosen.emit(badge.activityId);
    });
    return button;
  }
}
