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

/** How much room (diagram units) to leave around the marked steps. */
const FOCUS_MARGIN = 120;

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
  businessObject?: { name?: string };
}

/**
 * A read-only BPMN diagram (bpmn-js NavigatedViewer, loaded only when a page shows one): pan and
 * zoom, the current position marked ("Now here"), or heat-map badges per step with their counts
 * in words, each a button that selects the step. The page around it always lists the same
 * information as text, since a diagram is hard to use with a screen reader.
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
  /** Elements to mark as where the case is now. */
  readonly current = input<readonly string[]>([]);
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

  protected readonly failed = signal(false);
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private viewer: NavigatedViewer | null = null;
  private names = new Map<string, string>();
  private decorated: string[] = [];
  /** Whether the person zoomed or panned: a resize then keeps their view. */
  private moved = false;
  private resizeObserver: ResizeObserver | null = null;

  /** What the first view shows: the current position, or the steps with cases. */
  protected readonly focusIds = computed(() => [
    ...this.current(),
    ...this.badges()
      .filter((b) => b.active > 0 || b.overdue > 0)
      .map((b) => b.activityId),
  ]);

  constructor() {
    adoptLibraryStyles('sp-diagram-js-styles', diagramJsCss);
    adoptLibraryStyles('sp-bpmn-js-styles', bpmnJsCss);
    effect(() => {
      const xml = this.xml();
      untracked(() => void this.show(xml));
    });
    effect(() => {
      this.current();
      this.badges();
      this.selected();
      untracked(() => this.decorate());
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
      for (const element of viewer.get<{ getAll(): ElementLike[] }>('elementRegistry').getAll()) {
        if (element.businessObject?.name) this.names.set(element.id, element.businessObject.name);
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
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<{ get(id: string): Shape | undefined }>('elementRegistry');
    const shapes = this.focusIds()
      .map((id) => registry.get(id))
      .filter((shape): shape is Shape => shape !== undefined && typeof shape.width === 'number');
    if (shapes.length === 0) {
      canvas.zoom('fit-viewport', 'auto');
      return;
    }
    const left = Math.min(...shapes.map((s) => s.x)) - FOCUS_MARGIN;
    const top = Math.min(...shapes.map((s) => s.y)) - FOCUS_MARGIN;
    const right = Math.max(...shapes.map((s) => s.x + s.width)) + FOCUS_MARGIN;
    const bottom = Math.max(...shapes.map((s) => s.y + s.height)) + FOCUS_MARGIN;
    const size = canvas.getSize();
    // Never larger than full size: a small box grows to the canvas, around the same centre.
    const width = Math.max(right - left, size.width);
    const height = Math.max(bottom - top, size.height);
    const scale = Math.min(size.width / width, size.height / height);
    const viewWidth = size.width / scale;
    const viewHeight = size.height / scale;
    canvas.viewbox({ x: (left + right) / 2 - viewWidth / 2, y: (top + bottom) / 2 - viewHeight / 2, width: viewWidth, height: viewHeight });
    this.moved = false;
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
    const registry = viewer.get<{ get(id: string): ElementLike | undefined }>('elementRegistry');
    for (const id of this.decorated) for (const marker of ['sp-current', 'sp-active', 'sp-overdue', 'sp-selected']) canvas.removeMarker(id, marker);
    overlays.remove({ type: 'sp-note' });
    this.decorated = [];

    for (const id of this.current()) {
      if (!registry.get(id)) continue;
      canvas.addMarker(id, 'sp-current');
      this.decorated.push(id);
      const note = document.createElement('div');
      note.className = 'sp-here';
      note.textContent = 'Now here';
      overlays.add(id, 'sp-note', { position: { top: -24, left: 0 }, scale: { min: 1 }, html: note });
    }
    for (const badge of this.badges()) {
      if (!registry.get(badge.activityId) || (badge.active === 0 && badge.overdue === 0)) continue;
      canvas.addMarker(badge.activityId, badge.overdue > 0 ? 'sp-overdue' : 'sp-active');
      if (badge.activityId === this.selected()) canvas.addMarker(badge.activityId, 'sp-selected');
      this.decorated.push(badge.activityId);
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
