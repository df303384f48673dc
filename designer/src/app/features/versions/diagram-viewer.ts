import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, effect, inject, input, output, signal, viewChild } from '@angular/core';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import diagramCss from 'bpmn-js/dist/assets/diagram-js.css' with { loader: 'text' };
import bpmnCss from 'bpmn-js/dist/assets/bpmn-js.css' with { loader: 'text' };
import { useStylesheet } from './lazy-styles';

/** The diagram-js services the read-only pages use. */
export interface ViewerCanvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto' | { x: number; y: number }): number;
  viewbox(box?: { x: number; y: number; width: number; height: number }): { x: number; y: number; width: number; height: number; scale: number };
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  scrollToElement(element: string, padding?: number): void;
  resized(): void;
}
export interface ViewerOverlays {
  add(element: string, type: string, overlay: { position: { top?: number; left?: number; bottom?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { type?: string; element?: string }): void;
}
export interface ViewerElementRegistry {
  get(id: string): { id: string; waypoints?: unknown[]; type: string } | undefined;
}

/** A read-only bpmn-js viewer with the services a page drives (markers, overlays, zoom). */
export interface ReadOnlyDiagram {
  viewer: NavigatedViewer;
  canvas: ViewerCanvas;
  overlays: ViewerOverlays;
  elementRegistry: ViewerElementRegistry;
  /** The bpmn-moddle definitions, e.g. for bpmn-js-differ. */
  definitions: object;
}

/**
 * A read-only BPMN diagram (bpmn-js NavigatedViewer with the Camunda moddle, so Camunda
 * attributes are part of the model): drag to pan, Ctrl + wheel to zoom, and buttons outside the
 * canvas to zoom and fit for keyboard users. Emits the diagram once the XML is shown.
 */
@Component({
  selector: 'sp-diagram-viewer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="zoom" role="group" [attr.aria-label]="'Zoom: ' + label()">
      <button type="button" class="tool" (click)="zoomBy(1.25)">Zoom in</button>
      <button type="button" class="tool" (click)="zoomBy(0.8)">Zoom out</button>
      <button type="button" class="tool" (click)="fitToView()">Fit to view</button>
    </div>
    <div #canvas class="canvas" role="region" [attr.aria-label]="label()" [style.height]="height()"></div>
    @if (failure(); as message) {
      <p class="sp-error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    :host { display: block; }
    .zoom { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 0.5rem; }
    .tool {
      font: inherit; font-size: 0.875rem; padding: 0.25rem 0.75rem; cursor: pointer; border-radius: 0.25rem;
      color: var(--sp-ink); background: var(--sp-paper); border: 1px solid var(--sp-muted);
    }
    .tool:hover { background: var(--sp-tint); }
    .canvas { position: relative; border: 1px solid var(--sp-line); border-radius: 0.25rem; background: #fff; overflow: hidden; }
  `,
})
export class DiagramViewer {
  /** The BPMN 2.0 XML to show. */
  readonly xml = input.required<string>();
  /** The canvas region's accessible name, e.g. "Diagram of version 2". */
  readonly label = input.required<string>();
  /** CSS height of the canvas (default 28rem). */
  readonly height = input('28rem');
  /** The diagram, each time an XML has been imported. */
  readonly imported = output<ReadOnlyDiagram>();

  protected readonly failure = signal<string | null>(null);
  private readonly canvas = viewChild.required<ElementRef<HTMLDivElement>>('canvas');
  private readonly viewer = signal<NavigatedViewer | null>(null);

  constructor() {
    useStylesheet('diagram-js', diagramCss);
    useStylesheet('bpmn-js', bpmnCss);
    let resizes: ResizeObserver | undefined;
    afterNextRender(() => {
      const container = this.canvas().nativeElement;
      const viewer = new NavigatedViewer({ container, moddleExtensions: { camunda: camundaModdle } });
      // A narrower window (or the panes stacking) changes the canvas size: let diagram-js know.
      resizes = new ResizeObserver(() => viewer.get<ViewerCanvas>('canvas').resized());
      resizes.observe(container);
      this.viewer.set(viewer);
    });
    inject(DestroyRef).onDestroy(() => {
      resizes?.disconnect();
      this.viewer()?.destroy();
    });
    effect(() => {
      const viewer = this.viewer();
      const xml = this.xml();
      if (viewer) void this.show(viewer, xml);
    });
  }

  private async show(viewer: NavigatedViewer, xml: string): Promise<void> {
    this.failure.set(null);
    try {
      await viewer.importXML(xml);
      const canvas = viewer.get<ViewerCanvas>('canvas');
      canvas.zoom('fit-viewport', 'auto');
      this.imported.emit({
        viewer,
        canvas,
        overlays: viewer.get<ViewerOverlays>('overlays'),
        elementRegistry: viewer.get<ViewerElementRegistry>('elementRegistry'),
        definitions: viewer.getDefinitions() as object,
      });
    } catch (error) {
      this.failure.set(`The diagram could not be shown: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable BPMN'}.`);
    }
  }

  protected zoomBy(factor: number): void {
    const canvas = this.viewer()?.get<ViewerCanvas>('canvas');
    if (canvas) canvas.zoom(canvas.zoom() * factor, 'auto');
  }

  protected fitToView(): void {
    this.viewer()?.get<ViewerCanvas>('canvas').zoom('fit-viewport', 'auto');
  }
}
