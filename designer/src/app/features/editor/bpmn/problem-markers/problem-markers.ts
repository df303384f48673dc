import type { Canvas, Element, ElementRegistry, EventBus, Overlays } from '../bpmn-services';

/** A lint finding as the server reports it (see ProcessLibraryService). */
export interface MarkedProblem {
  elementId: string | null;
  message: string;
  category: 'error' | 'warn';
}

const OVERLAY = 'safepath-problems';
const MARKERS = { error: 'sp-problem-error', warn: 'sp-problem-warn' } as const;

/**
 * Shows lint problems on the canvas: the element is outlined (red for errors, amber for
 * warnings) and carries a badge with the number of problems and their messages as its tooltip.
 * `show` replaces whatever was shown before; a new import clears everything.
 */
export class ProblemMarkers {
  static $inject = ['canvas', 'overlays', 'elementRegistry', 'eventBus'];
  private marked: { id: string; marker: string }[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    eventBus: EventBus,
  ) {
    eventBus.on('import.parse.start', () => this.clear());
  }

  show(problems: MarkedProblem[]): void {
    this.clear();
    const byElement = new Map<string, MarkedProblem[]>();
    for (const problem of problems) {
      if (!problem.elementId) continue;
      byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), problem]);
    }
    const root = this.canvas.getRootElement();
    for (const [id, found] of byElement) {
      const element = this.elementRegistry.get(id);
      if (!element || element === root) continue;
      const category = found.some((p) => p.category === 'error') ? 'error' : 'warn';
      this.canvas.addMarker(element, MARKERS[category]);
      this.marked.push({ id, marker: MARKERS[category] });
      this.overlays.add(element, OVERLAY, { position: isConnection(element) ? { top: -8, left: -8 } : { top: -10, right: 10 }, html: badge(found, category) });
    }
  }

  clear(): void {
    this.overlays.remove({ type: OVERLAY });
    for (const { id, marker } of this.marked) {
      if (this.elementRegistry.get(id)) this.canvas.removeMarker(id, marker);
    }
    this.marked = [];
  }
}

function isConnection(element: Element): boolean {
  return Array.isArray((element as { waypoints?: unknown }).waypoints);
}

function badge(problems: MarkedProblem[], category: 'error' | 'warn'): HTMLElement {
  const node = document.createElement('div');
  node.className = `sp-problem-badge sp-problem-badge-${category}`;
  node.textContent = String(problems.length);
  node.title = problems.map((p) => `${p.category === 'error' ? 'Error' : 'Warning'}: ${p.message}`).join('\n');
  node.setAttribute('data-problems', problems.map((p) => p.message).join('\n'));
  return node;
}
