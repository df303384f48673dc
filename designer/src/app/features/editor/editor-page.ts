import { ChangeDetectionStrategy, Component, ElementRef, type OnDestroy, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type Modeler from 'bpmn-js/lib/Modeler';
import { AuthService } from '../../core/auth.service';
import { formatWhen } from '../library/format';
import { type Problem, type ProcessDetail, ProcessLibraryService, PublishRefused, errorMessage } from '../library/process-library.service';
import type { Canvas, ElementRegistry, EventBus, Selection } from './bpmn/bpmn-services';
import type { ProblemMarkers } from './bpmn/problem-markers';
import { createSafepathModeler } from './bpmn/safepath-modeler';
import type { SafepathConfig } from './bpmn/safepath-properties';
import { download, svgToPng } from './diagram-export';
import { loadModelerStyles } from './modeler-styles';
import { type ListedProblem, ProblemsPanel } from './problems-panel';
import { PublishDialog } from './publish-dialog';

/** Below this zoom a diagram is too small to read or edit: it opens at this zoom, from its left. */
const MIN_OPENING_SCALE = 0.75;
/** Room (px) left of the diagram for the palette, which floats over the canvas. */
const PALETTE_ROOM = 130;

/** The properties panel applies typing after this pause (its `debounceInput`, 300 ms) plus a margin. */
const PANEL_DEBOUNCE_MS = 350;

/** How long after the last change the draft is checked again. */
const LINT_DELAY_MS = 700;

/** User Timing names the designer benchmark reads (tests/bench/designer.bench.ts). */
export const IMPORT_MEASURE = 'safepath:diagram-import';
export const READY_MARK = 'safepath:diagram-ready';

/**
 * The process editor: bpmn-js with the properties panel and Safepath's properties, a toolbar
 * (save draft, check, publish, play, export, history, document), lint problems on the canvas
 * and in a list. It opens the draft if there is one, else the published version.
 */
@Component({
  selector: 'sp-editor-page',
  imports: [RouterLink, ProblemsPanel, PublishDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKeydown($event)', '(window:beforeunload)': 'onBeforeUnload($event)' },
  templateUrl: './editor-page.html',
  styleUrl: './editor-page.css',
})
export class EditorPage implements OnDestroy {
  /** The process key, from the route (/processes/:key). */
  readonly key = input.required<string>();

  private readonly library = inject(ProcessLibraryService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly canvasHost = viewChild.required<ElementRef<HTMLElement>>('canvas');
  private readonly propertiesHost = viewChild.required<ElementRef<HTMLElement>>('properties');

  protected readonly canEdit = computed(() => this.auth.user()?.permissions.includes('definition:deploy') === true);
  protected readonly state = signal<'loading' | 'ready' | 'failed'>('loading');
  protected readonly loadError = signal<string | null>(null);
  protected readonly detail = signal<ProcessDetail | null>(null);
  /** Whether the canvas shows the draft (else the published version). */
  protected readonly editingDraft = signal(false);
  protected readonly dirty = signal(false);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly problems = signal<ListedProblem[]>([]);
  protected readonly checking = signal(false);
  protected readonly checkFailed = signal(false);
  protected readonly simulating = signal(false);
  protected readonly announcement = signal('');
  protected readonly published = signal<number | null>(null);
  protected readonly publishOpen = signal(false);
  protected readonly publishing = signal(false);
  protected readonly publishMessage = signal<string | null>(null);
  protected readonly publishProblems = signal<ListedProblem[]>([]);
  protected readonly exportError = signal<string | null>(null);

  protected readonly title = computed(() => this.detail()?.name || this.key());
  protected readonly errorCount = computed(() => this.problems().filter((p) => p.category === 'error').length);
  protected readonly nextVersion = computed(() => (this.detail()?.published?.version ?? 0) + 1);
  /** Publishing needs something new (a draft or unsaved changes), a finished check and no errors. */
  protected readonly canPublish = computed(
    () => this.canEdit() && this.state() === 'ready' && (this.dirty() || this.editingDraft()) && !this.checking() && this.errorCount() === 0,
  );
  protected readonly publishHint = computed(() => {
    if (!this.canEdit() || this.state() !== 'ready') return '';
    if (this.checking()) return 'Checking…';
    const errors = this.errorCount();
    if (errors) return `Fix ${errors} ${errors === 1 ? 'error' : 'errors'} to publish`;
    if (!this.dirty() && !this.editingDraft()) return 'No changes to publish';
    return '';
  });
  protected readonly documentUrl = computed(() => this.library.documentUrl(this.key(), this.editingDraft() ? 'draft' : undefined));
  protected readonly when = formatWhen;

  private modeler: Modeler | null = null;
  private readonly config: SafepathConfig = {
    roles: [],
    forms: [],
    formLink: (name) => this.router.serializeUrl(this.router.createUrlTree(['/processes', this.key(), 'forms', name])),
    openForm: (name) => void this.router.navigate(['/processes', this.key(), 'forms', name]),
  };
  /** Counts changes, so a save that raced with an edit does not mark the diagram saved. */
  private changes = 0;
  private lintTimer: ReturnType<typeof setTimeout> | null = null;
  private lintRun = 0;
  /** When the person last typed in the properties panel (its changes reach the diagram a little later). */
  private lastPanelInput = 0;

  constructor() {
    afterNextRender(() => void this.open());
  }

  ngOnDestroy(): void {
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.lintRun++;
    this.modeler?.destroy();
    this.modeler = null;
  }

  /** Used by the route's unsaved-changes guard. */
  canLeave(): boolean {
    return !this.dirty() || confirm('This process has changes that are not saved. Leave without saving them?');
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.dirty()) event.preventDefault();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void this.save();
    }
  }

  private async open(): Promise<void> {
    const key = this.key();
    try {
      const [detail, roles, forms] = await Promise.all([
        this.library.get(key),
        this.library.roles().catch(() => []),
        this.library.forms(key).catch(() => []),
        loadModelerStyles(),
      ]);
      const xml = detail.draft?.xml ?? detail.published?.xml;
      if (!xml) throw new Error(`${key} has neither a draft nor a published version.`);
      this.config.roles = roles;
      this.config.forms = forms.map((f) => ({ name: f.name, formId: f.formId }));
      this.detail.set(detail);
      this.editingDraft.set(detail.draft !== null);
      const modeler = createSafepathModeler({ container: this.canvasHost().nativeElement, propertiesParent: this.propertiesHost().nativeElement, config: this.config });
      this.modeler = modeler;
      this.propertiesHost().nativeElement.addEventListener('input', () => (this.lastPanelInput = performance.now()), true);
      performance.mark(`${IMPORT_MEASURE}:start`);
      const { warnings } = await modeler.importXML(xml);
      performance.measure(IMPORT_MEASURE, `${IMPORT_MEASURE}:start`);
      showWhole(modeler.get<Canvas>('canvas'));
      performance.mark(READY_MARK);
      this.listen(modeler);
      this.state.set('ready');
      this.announce(`${detail.name || key} opened${warnings.length ? ` with ${warnings.length} import warnings` : ''}.`);
      void this.lintNow();
    } catch (error) {
      this.loadError.set(error instanceof Error && !('status' in error) ? error.message : errorMessage(error, 'The process could not be opened.'));
      this.state.set('failed');
    }
  }

  private listen(modeler: Modeler): void {
    const eventBus = modeler.get<EventBus>('eventBus');
    eventBus.on('commandStack.changed', () => {
      this.changes++;
      this.dirty.set(true);
      this.scheduleLint();
    });
    eventBus.on('tokenSimulation.toggleMode', (event: { active: boolean }) => this.simulating.set(event.active));
  }

  /** Saves the diagram as the draft (PUT); the answer's problems replace the shown ones. */
  protected async save(): Promise<boolean> {
    if (!this.modeler || !this.canEdit() || this.saving()) return false;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      // Ctrl+S (or a click on Save) right after typing in the panel: let the typing reach the diagram first.
      const pending = this.lastPanelInput + PANEL_DEBOUNCE_MS - performance.now();
      if (pending > 0) await new Promise((resolve) => setTimeout(resolve, pending));
      const changesAtStart = this.changes;
      const { xml } = await this.modeler.saveXML({ format: true });
      const result = await this.library.saveDraft(this.key(), xml!);
      if (this.changes === changesAtStart) this.dirty.set(false);
      this.editingDraft.set(true);
      this.detail.update((d) => d && { ...d, draft: { xml: xml!, updatedAt: result.updatedAt, updatedBy: this.auth.user()?.displayName ?? '' } });
      if (this.changes === changesAtStart) {
        // The server checked exactly this XML: a check still pending would only repeat it.
        this.cancelLint();
        this.checkFailed.set(false);
        this.showProblems(result.problems);
      }
      this.announce('Draft saved.');
      return true;
    } catch (error) {
      this.saveError.set(errorMessage(error, 'The draft could not be saved.'));
      return false;
    } finally {
      this.saving.set(false);
    }
  }

  /** Checks the diagram now (also runs shortly after every change). */
  protected check(): void {
    void this.lintNow();
  }

  private scheduleLint(): void {
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.checking.set(true);
    this.lintTimer = setTimeout(() => void this.lintNow(), LINT_DELAY_MS);
  }

  private cancelLint(): void {
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.lintTimer = null;
    this.lintRun++;
    this.checking.set(false);
  }

  private async lintNow(): Promise<void> {
    if (!this.modeler) return;
    if (this.lintTimer) clearTimeout(this.lintTimer);
    this.lintTimer = null;
    const run = ++this.lintRun;
    this.checking.set(true);
    try {
      const { xml } = await this.modeler.saveXML();
      const problems = await this.library.lint(xml!);
      if (run !== this.lintRun) return;
      this.checkFailed.set(false);
      this.showProblems(problems);
    } catch {
      if (run === this.lintRun) this.checkFailed.set(true);
    } finally {
      if (run === this.lintRun) this.checking.set(false);
    }
  }

  private showProblems(problems: Problem[]): void {
    this.problems.set(this.describe(problems));
    this.modeler?.get<ProblemMarkers>('problemMarkers').show(problems);
  }

  private describe(problems: Problem[]): ListedProblem[] {
    const registry = this.modeler?.get<ElementRegistry>('elementRegistry');
    return [...problems]
      .sort((a, b) => (a.category === b.category ? 0 : a.category === 'error' ? -1 : 1))
      .map((p) => {
        const element = p.elementId ? registry?.get(p.elementId) : undefined;
        const name = (element?.businessObject?.name as string | undefined)?.trim();
        return { ...p, elementId: element ? p.elementId : null, elementLabel: name || p.elementId };
      });
  }

  /** Selects a problem's element and scrolls it into view. */
  protected focusElement(id: string): void {
    const modeler = this.modeler;
    const element = modeler?.get<ElementRegistry>('elementRegistry').get(id);
    if (!modeler || !element) return;
    const canvas = modeler.get<Canvas>('canvas');
    canvas.scrollToElement(element);
    modeler.get<Selection>('selection').select(element);
    canvas.focus();
  }

  protected openPublish(): void {
    if (!this.canPublish()) return;
    this.publishMessage.set(null);
    this.publishProblems.set([]);
    this.publishOpen.set(true);
  }

  protected closePublish(): void {
    this.publishOpen.set(false);
  }

  /** Saves unsaved changes, then publishes the draft as the next version. */
  protected async publish(comment: string): Promise<void> {
    if (this.publishing()) return;
    this.publishing.set(true);
    this.publishMessage.set(null);
    this.publishProblems.set([]);
    try {
      if ((this.dirty() || !this.editingDraft()) && !(await this.save())) {
        this.publishMessage.set(this.saveError() ?? 'The draft could not be saved.');
        return;
      }
      const { version } = await this.library.publish(this.key(), comment);
      const detail = await this.library.get(this.key()).catch(() => null);
      if (detail) this.detail.set(detail);
      this.editingDraft.set(false);
      this.published.set(version);
      this.publishOpen.set(false);
      this.announce(`Version ${version} published.`);
    } catch (error) {
      if (error instanceof PublishRefused) {
        this.publishMessage.set(error.message);
        this.publishProblems.set(this.describe(error.problems));
        if (error.problems.length) this.showProblems(error.problems);
      } else {
        this.publishMessage.set(errorMessage(error, 'The version could not be published.'));
      }
    } finally {
      this.publishing.set(false);
    }
  }

  protected toggleSimulation(): void {
    this.modeler?.get<{ toggleMode(active?: boolean): void }>('toggleMode').toggleMode();
  }

  protected async exportBpmn(): Promise<void> {
    await this.export(async (m) => new Blob([(await m.saveXML({ format: true })).xml!], { type: 'application/xml' }), 'bpmn');
  }

  protected async exportSvg(): Promise<void> {
    await this.export(async (m) => new Blob([(await m.saveSVG()).svg], { type: 'image/svg+xml' }), 'svg');
  }

  protected async exportPng(): Promise<void> {
    await this.export(async (m) => svgToPng((await m.saveSVG()).svg), 'png');
  }

  private async export(make: (modeler: Modeler) => Promise<Blob>, extension: string): Promise<void> {
    if (!this.modeler) return;
    this.exportError.set(null);
    try {
      download(await make(this.modeler), `${this.key()}.${extension}`);
      this.announce(`${extension.toUpperCase()} file downloaded.`);
    } catch (error) {
      this.exportError.set(error instanceof Error ? error.message : `The ${extension.toUpperCase()} file could not be made.`);
    }
  }

  private announce(text: string): void {
    // The same text twice in a row would not be read again: clear first.
    this.announcement.set('');
    setTimeout(() => this.announcement.set(text), 50);
  }
}

/**
 * Fits the diagram in the canvas; a diagram that would become too small to read opens at
 * {@link MIN_OPENING_SCALE} instead, showing its start (left, top) beside the palette.
 */
function showWhole(canvas: Canvas): void {
  canvas.zoom('fit-viewport', 'auto');
  const { scale, inner, outer } = canvas.viewbox();
  if (scale >= MIN_OPENING_SCALE) return;
  const s = MIN_OPENING_SCALE;
  canvas.viewbox({ x: inner.x - PALETTE_ROOM / s, y: inner.y - 40 / s, width: outer.width / s, height: outer.height / s });
}
