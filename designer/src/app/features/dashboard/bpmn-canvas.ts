import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, ViewEncapsulation, computed, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import bpmnJsCss from 'bpmn-js/dist/assets/bpmn-js.css' with { loader: 'text' };
import diagramJsCss from 'bpmn-js/dist/assets/diagram-js.css' with { loader: 'text' };
import { adoptLibraryStyles } from '../task/library-styles';
import { type ElementLike, type ElementRegistry, type Shape, type Size, boxAround, innermost, shapesOf, viewFollowing, viewShowing, walkedIds } from './bpmn-canvas-geometry';
import { type StepBadge, badgeButton, hereNote } from './bpmn-canvas-overlays';

export type { StepBadge } from './bpmn-canvas-overlays';

/** What the diagram found: each flow node's id and name, for the page's text alternative. */
export type DiagramNames = ReadonlyMap<string, string>;

/** An element of the diagram: its name, and for a boundary event (a deadline) the step it sits on. */
export interface DiagramNode {
  name: string | null;
  attachedTo: string | null;
}

/** Every marker this component adds to the diagram's elements. */
const MARKERS = ['sp-path', 'sp-current', 'sp-active', 'sp-overdue', 'sp-selected'];

/** What this component uses of diagram-js's canvas. */
interface Canvas {
  zoom(level?: number | string, center?: unknown): number;
  viewbox(box?: Shape): Shape;
  getSize(): Size;
  resized(): void;
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
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
      for (const element of viewer.get<ElementRegistry>('elementRegistry').getAll()) {
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
    const canvas = this.viewer?.get<Canvas>('canvas');
    if (!canvas) return;
    canvas.zoom(canvas.zoom() * factor);
    this.moved = true;
  }

  protected fitToView(): void {
    this.viewer?.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
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
    const canvas = viewer.get<Canvas>('canvas');
    const box = boxAround(shapesOf(viewer.get<ElementRegistry>('elementRegistry'), this.focusIds()));
    if (box === null) canvas.zoom('fit-viewport', 'auto');
    else canvas.viewbox(viewShowing(box, canvas.getSize()));
    this.moved = false;
  }

  /**
   * After the position moved, brings where the case went (the elements new in the position; a step,
   * not the sub-process around it) into view as `viewFollowing` says.
   */
  private follow(ids: readonly string[]): void {
    const before = new Set(this.followed);
    if (ids.length === before.size && ids.every((id) => before.has(id))) return;
    this.followed = ids;
    if (this.viewer === null) return;
    const registry = this.viewer.get<ElementRegistry>('elementRegistry');
    const arrived = innermost(shapesOf(registry, ids.filter((id) => !before.has(id))));
    if (arrived.length === 0) return;
    const canvas = this.viewer.get<Canvas>('canvas');
    const view = viewFollowing(arrived, canvas.viewbox(), canvas.getSize());
    if (view !== null) canvas.viewbox(view);
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
    const canvas = viewer.get<Canvas>('canvas');
    const overlays = viewer.get<{ add(id: string, type: string, overlay: object): string; remove(filter: { type: string }): void }>('overlays');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    for (const id of this.decorated) for (const marker of MARKERS) canvas.removeMarker(id, marker);
    overlays.remove({ type: 'sp-note' });
    this.decorated = [];
    const mark = (id: string, marker: string) => {
      canvas.addMarker(id, marker);
      this.decorated.push(id);
    };

    if (this.path().length > 0) for (const id of walkedIds(registry, this.path(), this.current())) mark(id, 'sp-path');
    // A step inside a sub-process is where the case is; the sub-process around it is not marked too.
    for (const { id } of innermost(shapesOf(registry, this.current()))) {
      mark(id, 'sp-current');
      overlays.add(id, 'sp-note', { position: { top: -24, left: 0 }, scale: { min: 1 }, html: hereNote() });
    }
    for (const badge of this.badges()) {
      if (!registry.get(badge.activityId) || (badge.active === 0 && badge.overdue === 0)) continue;
      mark(badge.activityId, badge.overdue > 0 ? 'sp-overdue' : 'sp-active');
      if (badge.activityId === this.selected()) canvas.addMarker(badge.activityId, 'sp-selected');
      const name = this.names.get(badge.activityId) ?? badge.activityId;
      const button = badgeButton(badge, name, badge.activityId === this.selected(), () => this.stepChosen.emit(badge.activityId));
      overlays.add(badge.activityId, 'sp-note', { position: { top: -26, left: -6 }, scale: { min: 1 }, html: button });
    }
  }
}
