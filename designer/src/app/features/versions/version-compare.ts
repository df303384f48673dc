import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { type BpmnComparison, type ChangeKind, type ElementChange, compareDefinitions } from './bpmn-diff';
import { DiagramViewer, type ReadOnlyDiagram } from './diagram-viewer';
import { ProcessVersionsApi } from './process-versions.api';
import { formatDateTime, serverMessage } from './server-message';

/** A version of a process, or its current draft. */
export type VersionRef = number | 'draft';

/** One side of the comparison: what it is and its XML. */
interface Side {
  ref: VersionRef;
  title: string;
  meta: string;
  comment: string | null;
  xml: string;
}

const KIND_WORDS: Record<ChangeKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** "version 2" or "the current draft". */
export function versionWords(ref: VersionRef): string {
  return ref === 'draft' ? 'the current draft' : `version ${ref}`;
}

/**
 * Two versions of a process side by side (stacked on narrow screens), with bpmn-js-differ's
 * changes marked on the diagrams: added elements in the newer one, removed elements in the older
 * one, changed elements in both. Each marker is a coloured outline plus a text badge ("Added",
 * "Removed", "Changed"), and the same changes are listed as text below; each list entry shows
 * the element in both diagrams.
 */
@Component({
  selector: 'sp-version-compare',
  imports: [DiagramViewer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The markers style bpmn-js's SVG and overlays, which are outside this component's view.
  encapsulation: ViewEncapsulation.None,
  template: `
    @if (failure(); as message) {
      <p class="sp-error" role="alert">{{ message }}</p>
    } @else if (sides(); as s) {
      <p class="sp-compare-legend">
        <span class="sp-diff-badge sp-diff-badge-added">Added</span> in {{ versionWords(s.newer.ref) }},
        <span class="sp-diff-badge sp-diff-badge-removed">Removed</span> from {{ versionWords(s.older.ref) }},
        <span class="sp-diff-badge sp-diff-badge-changed">Changed</span> in both. The changes are also listed below the diagrams.
      </p>
      <div class="sp-compare-options">
        <input id="compare-sync" type="checkbox" [checked]="sync()" (change)="toggleSync($event)" />
        <label for="compare-sync">Move and zoom both diagrams together</label>
      </div>
      <div class="sp-compare-panes">
        @for (side of [s.older, s.newer]; track side.ref; let newer = $last) {
          <section class="sp-compare-pane" [attr.aria-labelledby]="'pane-' + $index">
            <h2 class="sp-compare-title" [id]="'pane-' + $index">{{ side.title }} <span class="sp-compare-age">({{ newer ? 'newer' : 'older' }})</span></h2>
            <p class="sp-compare-meta">{{ side.meta }}@if (side.comment) {<br />“{{ side.comment }}”}</p>
            <sp-diagram-viewer
              [xml]="side.xml"
              [label]="'Diagram of ' + side.title + (newer ? ' with added and changed elements marked' : ' with removed and changed elements marked')"
              height="26rem"
              (imported)="diagramShown(newer ? 'newer' : 'older', $event)"
            />
          </section>
        }
      </div>

      <section class="sp-compare-changes" aria-labelledby="changes-heading">
        <h2 id="changes-heading">Changes from {{ versionWords(s.older.ref) }} to {{ versionWords(s.newer.ref) }}</h2>
        @if (comparison(); as c) {
          <p>{{ summary() }}</p>
          @if (c.changes.length > 0) {
            <ul class="sp-change-list">
              @for (change of c.changes; track change.kind + change.id) {
                <li [class]="'sp-change sp-change-' + change.kind">
                  <span [class]="'sp-diff-badge sp-diff-badge-' + change.kind">{{ kindWords[change.kind] }}</span>
                  <button type="button" class="sp-change-show" (click)="reveal(change)">
                    {{ change.type }} “{{ change.label }}”<span class="sp-visually-hidden">: show it in the diagrams</span>
                  </button>
                  @if (change.details.length > 0) {
                    <span class="sp-change-details">{{ change.details.join('; ') }}</span>
                  }
                </li>
              }
            </ul>
          }
          @if (c.moved.length > 0) {
            <details class="sp-change-moved">
              <summary>{{ c.moved.length }} {{ c.moved.length === 1 ? 'element was' : 'elements were' }} only moved on the diagram</summary>
              <ul>
                @for (element of c.moved; track element.id) {
                  <li>{{ element.type }} “{{ element.label }}”</li>
                }
              </ul>
            </details>
          }
        } @else {
          <p>Comparing…</p>
        }
        <p class="sp-visually-hidden" aria-live="polite">{{ announcement() }}</p>
      </section>
    } @else {
      <p>Loading both versions…</p>
    }
  `,
  styles: `
    .sp-compare-legend { max-width: 70ch; line-height: 2; }
    .sp-compare-options { display: flex; align-items: center; gap: 0.5rem; margin: 0.5rem 0 1rem; }
    .sp-compare-options input { width: 1.25rem; height: 1.25rem; }
    .sp-compare-panes { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.5rem; }
    @media (max-width: 60rem) { .sp-compare-panes { grid-template-columns: minmax(0, 1fr); } }
    .sp-compare-title { font-size: 1.25rem; margin: 0 0 0.25rem; }
    .sp-compare-age { font-weight: 400; color: var(--sp-muted); }
    .sp-compare-meta { margin: 0 0 0.75rem; color: var(--sp-muted); min-height: 3em; }
    .sp-compare-changes { margin-top: 2rem; }
    .sp-change-list { list-style: none; padding: 0; margin: 0; }
    .sp-change { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem; padding: 0.5rem 0; border-bottom: 1px solid var(--sp-line); }
    .sp-change-show { font: inherit; font-weight: 600; padding: 0; border: none; background: none; color: var(--sp-focus); text-decoration: underline; cursor: pointer; text-align: left; }
    .sp-change-details { color: var(--sp-ink); flex-basis: 100%; }
    @media (min-width: 40rem) { .sp-change-details { padding-left: 5.5rem; } }
    .sp-change-moved { margin-top: 1rem; }
    .sp-change-moved summary { cursor: pointer; color: var(--sp-focus); }

    .sp-diff-badge {
      display: inline-block; min-width: 4.5rem; text-align: center; padding: 0 0.375rem; border-radius: 0.25rem;
      font-size: 0.8125rem; font-weight: 700; line-height: 1.5; border: 2px solid currentColor; background: #fff;
    }
    .sp-diff-badge-added { color: #14532d; background: #dcfce7; }
    .sp-diff-badge-removed { color: #9b1c1c; background: #fde2e2; text-decoration: line-through; }
    .sp-diff-badge-changed { color: #7c2d12; background: #fef3c7; }
    .djs-overlay .sp-diff-badge { white-space: nowrap; pointer-events: none; }

    /* Markers on bpmn-js's SVG (canvas.addMarker); bpmn-js draws with inline styles, hence !important. */
    .djs-shape.sp-diff-added .djs-visual > :first-child { stroke: #15803d !important; stroke-width: 4px !important; fill: #dcfce7 !important; }
    .djs-shape.sp-diff-removed .djs-visual > :first-child { stroke: #b91c1c !important; stroke-width: 4px !important; stroke-dasharray: 8 4; fill: #fde2e2 !important; }
    .djs-shape.sp-diff-changed .djs-visual > :first-child { stroke: #c2410c !important; stroke-width: 4px !important; fill: #fef3c7 !important; }
    .djs-connection.sp-diff-added .djs-visual > path { stroke: #15803d !important; stroke-width: 3px !important; }
    .djs-connection.sp-diff-removed .djs-visual > path { stroke: #b91c1c !important; stroke-width: 3px !important; stroke-dasharray: 8 4; }
    .djs-connection.sp-diff-changed .djs-visual > path { stroke: #c2410c !important; stroke-width: 3px !important; }
    .djs-element.sp-diff-focus .djs-outline { visibility: visible; stroke: var(--sp-focus) !important; stroke-width: 3px; fill: none; }
    .djs-element.sp-diff-focus .djs-visual > :first-child { stroke-width: 6px !important; }
  `,
})
export class VersionCompare {
  private readonly api = inject(ProcessVersionsApi);

  readonly key = input.required<string>();
  readonly older = input.required<VersionRef>();
  readonly newer = input.required<VersionRef>();

  protected readonly kindWords = KIND_WORDS;
  protected readonly versionWords = versionWords;
  protected readonly sides = signal<{ older: Side; newer: Side } | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly comparison = signal<BpmnComparison | null>(null);
  protected readonly sync = signal(true);
  protected readonly announcement = signal('');
  protected readonly summary = computed(() => {
    const c = this.comparison();
    if (!c) return '';
    const count = (kind: ChangeKind) => c.changes.filter((change) => change.kind === kind).length;
    if (c.changes.length === 0) return c.moved.length > 0 ? 'No step, flow or property changed; elements only moved on the diagram.' : 'The two versions are the same.';
    return `${count('added')} added, ${count('removed')} removed, ${count('changed')} changed.`;
  });

  private readonly diagrams: { older?: ReadOnlyDiagram; newer?: ReadOnlyDiagram } = {};
  private syncing = false;

  constructor() {
    effect(() => {
      const [key, older, newer] = [this.key(), this.older(), this.newer()];
      untracked(() => void this.load(key, older, newer));
    });
  }

  private async side(key: string, ref: VersionRef): Promise<Side> {
    if (ref === 'draft') {
      const process = await this.api.process(key);
      if (!process.draft) throw new Error('no-draft');
      const by = process.draft.updatedBy ? ` by ${process.draft.updatedBy}` : '';
      return { ref, title: 'Current draft', meta: `Changed ${formatDateTime(process.draft.updatedAt)}${by}, not published`, comment: null, xml: process.draft.xml };
    }
    const version = await this.api.version(key, ref);
    const by = version.publishedBy ? ` by ${version.publishedBy}` : '';
    return { ref, title: `Version ${ref}`, meta: `Published ${formatDateTime(version.publishedAt)}${by}`, comment: version.comment, xml: version.xml };
  }

  private async load(key: string, older: VersionRef, newer: VersionRef): Promise<void> {
    this.sides.set(null);
    this.comparison.set(null);
    this.failure.set(null);
    delete this.diagrams.older;
    delete this.diagrams.newer;
    try {
      const [a, b] = await Promise.all([this.side(key, older), this.side(key, newer)]);
      this.sides.set({ older: a, newer: b });
    } catch (error) {
      this.failure.set(
        error instanceof Error && error.message === 'no-draft'
          ? 'This process has no draft to compare with. Open it in the editor to start one.'
          : serverMessage(error, 'The versions could not be loaded.'),
      );
    }
  }

  /** Called by each viewer once its diagram is shown; the second one starts the comparison. */
  protected diagramShown(which: 'older' | 'newer', diagram: ReadOnlyDiagram): void {
    this.diagrams[which] = diagram;
    diagram.viewer.on('canvas.viewbox.changed', () => this.follow(which));
    const { older, newer } = this.diagrams;
    if (!older || !newer) return;
    const comparison = compareDefinitions(older.definitions, newer.definitions);
    this.mark(older, newer, comparison.changes);
    this.comparison.set(comparison);
    if (this.sync()) this.showSameArea();
  }

  /** Outlines and badges: added in the newer diagram, removed in the older one, changed in both. */
  private mark(older: ReadOnlyDiagram, newer: ReadOnlyDiagram, changes: ElementChange[]): void {
    for (const change of changes) {
      const targets = change.kind === 'added' ? [newer] : change.kind === 'removed' ? [older] : [older, newer];
      for (const diagram of targets) {
        const element = diagram.elementRegistry.get(change.id);
        if (!element) continue;
        diagram.canvas.addMarker(change.id, `sp-diff-${change.kind}`);
        // Badges on shapes only: on a flow the list says it, and the label would hide the line.
        if (element.waypoints || element.type === 'bpmn:Process') continue;
        const badge = document.createElement('span');
        badge.className = `sp-diff-badge sp-diff-badge-${change.kind}`;
        badge.textContent = KIND_WORDS[change.kind];
        diagram.overlays.add(change.id, 'sp-diff', { position: { top: -24, left: 0 }, html: badge });
      }
    }
  }

  /** Shows the same area of the canvas in both diagrams: the bounds of both, fitted. */
  private showSameArea(): void {
    const { older, newer } = this.diagrams;
    if (!older || !newer) return;
    const inner = (d: ReadOnlyDiagram) => (d.canvas.viewbox() as unknown as { inner: { x: number; y: number; width: number; height: number } }).inner;
    const [a, b] = [inner(older), inner(newer)];
    const x = Math.min(a.x, b.x) - 20;
    const y = Math.min(a.y, b.y) - 40;
    const box = { x, y, width: Math.max(a.x + a.width, b.x + b.width) + 20 - x, height: Math.max(a.y + a.height, b.y + b.height) + 20 - y };
    this.syncing = true;
    try {
      older.canvas.viewbox(box);
      newer.canvas.viewbox(box);
    } finally {
      this.syncing = false;
    }
  }

  /** Pans and zooms the other diagram with this one while "together" is on. */
  private follow(which: 'older' | 'newer'): void {
    const source = this.diagrams[which];
    const target = this.diagrams[which === 'older' ? 'newer' : 'older'];
    if (this.syncing || !this.sync() || !source || !target) return;
    const { x, y, width, height } = source.canvas.viewbox();
    this.syncing = true;
    try {
      target.canvas.viewbox({ x, y, width, height });
    } finally {
      this.syncing = false;
    }
  }

  protected toggleSync(event: Event): void {
    this.sync.set((event.target as HTMLInputElement).checked);
    if (this.sync()) this.showSameArea();
  }

  /** Scrolls both diagrams to the element and highlights it (only one element at a time). */
  protected reveal(change: ElementChange): void {
    const shownIn: ('older' | 'newer')[] = [];
    this.syncing = true;
    try {
      for (const which of ['older', 'newer'] as const) {
        const diagram = this.diagrams[which];
        if (!diagram) continue;
        for (const previous of this.revealed) diagram.canvas.removeMarker(previous, 'sp-diff-focus');
        if (!diagram.elementRegistry.get(change.id)) continue;
        diagram.canvas.addMarker(change.id, 'sp-diff-focus');
        diagram.canvas.scrollToElement(change.id, 80);
        shownIn.push(which);
      }
    } finally {
      this.syncing = false;
    }
    this.revealed = [change.id];
    const sides = this.sides();
    const where = shownIn.map((which) => (sides ? sides[which].title : which)).join(' and ');
    this.announcement.set(where ? `${change.type} “${change.label}” is highlighted in ${where}.` : `${change.type} “${change.label}” has no shape on the diagrams.`);
  }

  private revealed: string[] = [];
}
