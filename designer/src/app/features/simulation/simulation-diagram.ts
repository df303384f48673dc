import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, ViewEncapsulation, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import type NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import bpmnJsCss from 'bpmn-js/dist/assets/bpmn-js.css' with { loader: 'text' };
import diagramJsCss from 'bpmn-js/dist/assets/diagram-js.css' with { loader: 'text' };
import { adoptLibraryStyles } from '../task/library-styles';

/** A flow node of the diagram: its name, and for a boundary event the step it sits on. */
export interface DiagramNode {
  name: string | null;
  attachedTo: string | null;
}

interface ElementLike {
  id: string;
  type: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  businessObject?: { name?: string; attachedToRef?: { id: string } };
}

interface Canvas {
  zoom(level?: number | string, center?: unknown): number;
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
  scrollToElement(element: ElementLike, padding?: number): void;
}

/**
 * The simulated process drawn read-only (bpmn-js NavigatedViewer, loaded when the page opens):
 * the steps the case has passed through marked as the path so far, where it is now marked
 * strongly with a "Now here" note. The page lists the same in words.
 */
@Component({
  selector: 'sp-simulation-diagram',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `
    <div class="sp-sim-tools" role="group" aria-label="Diagram view">
      <button type="button" (click)="zoom(1.25)">Zoom in</button>
      <button type="button" (click)="zoom(0.8)">Zoom out</button>
      <button type="button" (click)="showPosition()">Where the case is</button>
      <button type="button" (click)="fitToView()">Whole process</button>
    </div>
    @if (failed()) {
      <p class="sp-error" role="alert">The diagram could not be shown.</p>
    }
    <div #canvas class="sp-sim-canvas" role="region" [attr.aria-label]="label()"></div>
  `,
  styles: `
    sp-simulation-diagram { display: block; }
    sp-simulation-diagram .sp-sim-tools { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.5rem; }
    sp-simulation-diagram .sp-sim-tools button {
      font: inherit; font-size: 0.875rem; padding: 0.25rem 0.625rem; cursor: pointer;
      color: var(--sp-brand); background: var(--sp-paper); border: 2px solid var(--sp-brand); border-radius: 0.25rem;
    }
    sp-simulation-diagram .sp-sim-canvas { position: relative; height: 24rem; border: 1px solid var(--sp-line); border-radius: 0.375rem; overflow: hidden; background: #fff; }
    sp-simulation-diagram .djs-element.sp-sim-path .djs-visual > :first-child { stroke: #14532d !important; stroke-width: 3px !important; fill: #e6f4ea !important; }
    sp-simulation-diagram .djs-connection.sp-sim-path .djs-visual > path { stroke: #14532d !important; stroke-width: 3px !important; }
    sp-simulation-diagram .djs-element.sp-sim-here .djs-visual > :first-child { stroke: #1d4ed8 !important; stroke-width: 5px !important; fill: #dbeafe !important; }
    sp-simulation-diagram .sp-sim-note {
      padding: 0.0625rem 0.375rem; border-radius: 0.25rem; white-space: nowrap;
      font: 700 12px/1.4 system-ui, sans-serif; color: #fff; background: #1d4ed8;
    }
  `,
})
export class SimulationDiagram {
  readonly xml = input.required<string>();
  readonly label = input('Process diagram');
  /** Activity ids where the case is now. */
  readonly position = input<readonly string[]>([]);
  /** Activity ids the case has passed through. */
  readonly path = input<readonly string[]>([]);
  /** The diagram is drawn: its flow nodes by id. */
  readonly loaded = output<ReadonlyMap<string, DiagramNode>>();

  protected readonly failed = signal(false);
  private readonly canvas = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private viewer: NavigatedViewer | null = null;
  private marked: string[] = [];

  constructor() {
    adoptLibraryStyles('sp-diagram-js-styles', diagramJsCss);
    adoptLibraryStyles('sp-bpmn-js-styles', bpmnJsCss);
    effect(() => {
      const xml = this.xml();
      untracked(() => void this.show(xml));
    });
    effect(() => {
      this.position();
      this.path();
      untracked(() => this.decorate());
    });
    inject(DestroyRef).onDestroy(() => {
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
      const nodes = new Map<string, DiagramNode>();
      for (const element of viewer.get<{ getAll(): ElementLike[] }>('elementRegistry').getAll()) {
        const bo = element.businessObject;
        if (!bo || element.type === 'label') continue;
        nodes.set(element.id, { name: bo.name ?? null, attachedTo: bo.attachedToRef?.id ?? null });
      }
      this.failed.set(false);
      this.marked = [];
      this.decorate();
      this.showPosition();
      this.loaded.emit(nodes);
    } catch {
      this.failed.set(true);
    }
  }

  protected zoom(factor: number): void {
    const canvas = this.viewer?.get<Canvas>('canvas');
    if (canvas) canvas.zoom(canvas.zoom() * factor);
  }

  protected fitToView(): void {
    this.viewer?.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
  }

  /** Brings the current position into view at full size (the whole process when there is none). */
  protected showPosition(): void {
    const viewer = this.viewer;
    if (viewer === null) return;
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<{ get(id: string): ElementLike | undefined }>('elementRegistry');
    const here = this.position().map((id) => registry.get(id)).find((e): e is ElementLike => typeof e?.width === 'number');
    canvas.zoom('fit-viewport', 'auto');
    if (here && canvas.zoom() < 0.8) {
      canvas.zoom(1);
      canvas.scrollToElement(here, 200);
    }
  }

  private decorate(): void {
    const viewer = this.viewer;
    if (viewer === null) return;
    const canvas = viewer.get<Canvas>('canvas');
    const overlays = viewer.get<{ add(id: string, type: string, overlay: object): string; remove(filter: { type: string }): void }>('overlays');
    const registry = viewer.get<{ get(id: string): ElementLike | undefined; filter(fn: (e: ElementLike & { source?: ElementLike; target?: ElementLike }) => boolean): ElementLike[] }>('elementRegistry');
    for (const id of this.marked) for (const marker of ['sp-sim-path', 'sp-sim-here']) canvas.removeMarker(id, marker);
    overlays.remove({ type: 'sp-sim-note' });
    this.marked = [];
    const drawn = (id: string) => typeof registry.get(id)?.width === 'number';
    const passed = new Set([...this.path(), ...this.position()].filter(drawn));
    for (const id of passed) {
      canvas.addMarker(id, 'sp-sim-path');
      this.marked.push(id);
    }
    // Sequence flows between two steps on the path count as walked.
    for (const flow of registry.filter((e) => e.type === 'bpmn:SequenceFlow' && passed.has(e.source?.id ?? '') && passed.has(e.target?.id ?? ''))) {
      canvas.addMarker(flow.id, 'sp-sim-path');
      this.marked.push(flow.id);
    }
    for (const id of this.position().filter(drawn)) {
      canvas.addMarker(id, 'sp-sim-here');
      this.marked.push(id);
      const note = document.createElement('div');
      note.className = 'sp-sim-note';
      note.textContent = 'Now here';
      overlays.add(id, 'sp-sim-note', { position: { top: -24, left: 0 }, scale: { min: 1 }, html: note });
    }
  }
}
