import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import DmnModeler, { type DmnView } from 'dmn-js/lib/Modeler';
import diagramCss from 'dmn-js/dist/assets/diagram-js.css' with { loader: 'text' };
import sharedCss from 'dmn-js/dist/assets/dmn-js-shared.css' with { loader: 'text' };
import drdCss from 'dmn-js/dist/assets/dmn-js-drd.css' with { loader: 'text' };
import tableCss from 'dmn-js/dist/assets/dmn-js-decision-table.css' with { loader: 'text' };
import tableControlsCss from 'dmn-js/dist/assets/dmn-js-decision-table-controls.css' with { loader: 'text' };
import literalCss from 'dmn-js/dist/assets/dmn-js-literal-expression.css' with { loader: 'text' };
import boxedCss from 'dmn-js/dist/assets/dmn-js-boxed-expression.css' with { loader: 'text' };
import boxedControlsCss from 'dmn-js/dist/assets/dmn-js-boxed-expression-controls.css' with { loader: 'text' };
import dmnFontCss from 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css' with { loader: 'text' };
import { AuthService } from '../../core/auth.service';
import type { MayHaveUnsavedChanges } from '../editor/unsaved-changes.guard';
import { useStylesheet } from '../versions/lazy-styles';
import { serverMessage, serverProblems } from '../versions/server-message';
import { type Decision, type DecisionSummary, DecisionsApi } from './decisions.api';

type LoadState = 'loading' | 'ready' | 'failed';
type PublishState = { step: 'idle' } | { step: 'publishing' } | { step: 'published'; version: number } | { step: 'failed'; message: string; problems: string[] };

const VIEW_WORDS: Record<string, string> = { drd: 'decision requirements diagram', decisionTable: 'decision table', literalExpression: 'literal expression', boxedExpression: 'boxed expression' };

/**
 * A DMN decision (/decisions/:key) in the dmn-js editor, opened on its decision table: edit the
 * rules' cells, then publish the file as a new version with a comment. Processes that call the
 * decision (business rule tasks, binding latest) use the new version from their next
 * evaluation. Without a key, the page lists the organisation's decisions.
 */
@Component({
  selector: 'sp-decision-editor-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
  template: `
    <nav aria-label="Breadcrumb" class="crumbs">
      <ol>
        <li><a routerLink="/processes">Process library</a></li>
        @if (key()) {
          <li><a routerLink="/decisions">Decisions</a></li>
          <li aria-current="page">{{ title() }}</li>
        } @else {
          <li aria-current="page">Decisions</li>
        }
      </ol>
    </nav>

    @if (key()) {
      <h1>Decision “{{ title() }}”</h1>
      @if (decision(); as d) {
        <p class="lead">
          Version {{ d.version }} is in use. Change the rules in the table (select a cell and type), then publish: processes use the new version from their next evaluation,
          and the history keeps every version.
        </p>
      }
      @if (state() === 'failed') {
        <p class="sp-error" role="alert">{{ failure() }}</p>
      } @else if (state() === 'loading') {
        <p>Loading the decision…</p>
      }
      <div [hidden]="state() !== 'ready'">
        @if (views().length > 1) {
          <div class="sp-field view-choice">
            <label for="dmn-view">Show</label>
            <select id="dmn-view" #viewSelect (change)="openView(viewSelect.value)">
              @for (view of views(); track view.id) {
                <option [value]="view.id" [selected]="view.id === activeView()">{{ view.label }}</option>
              }
            </select>
          </div>
        }
        <div #canvas class="dmn-host" role="region" [attr.aria-label]="'Editor of ' + title()"></div>
        <p class="unsaved" aria-live="polite">{{ edited() ? 'Unpublished changes' : '' }}</p>

        @if (canEdit()) {
          <form class="publish" (submit)="publish($event)" aria-labelledby="publish-heading" novalidate>
            <h2 id="publish-heading">Publish a new version</h2>
            <div class="sp-field">
              <label for="publish-comment">Comment</label>
              <p class="sp-hint" id="publish-comment-hint">What changed and why: it is kept in the history.</p>
              <textarea id="publish-comment" #comment rows="3" aria-describedby="publish-comment-hint" [attr.aria-invalid]="missingComment()"></textarea>
            </div>
            <div aria-live="polite">
              @switch (publishState().step) {
                @case ('published') {
                  <p class="sp-success" role="status">Published version {{ publishedVersion() }}.</p>
                }
                @case ('failed') {
                  @if (publishFailure(); as f) {
                    <div class="sp-error" role="alert">
                      <p>{{ f.message }}</p>
                      @if (f.problems.length > 0) {
                        <ul>
                          @for (problem of f.problems; track $index) {
                            <li>{{ problem }}</li>
                          }
                        </ul>
                      }
                    </div>
                  }
                }
              }
            </div>
            <button type="submit" class="sp-button" [attr.aria-disabled]="publishState().step === 'publishing'">Publish decision</button>
          </form>
        }
      </div>
    } @else {
      <h1>Decisions</h1>
      @switch (state()) {
        @case ('loading') {
          <p>Loading the decisions…</p>
        }
        @case ('failed') {
          <p class="sp-error" role="alert">{{ failure() }}</p>
        }
        @default {
          @if (decisions().length === 0) {
            <p>Your organisation has no deployed decisions.</p>
          } @else {
            <ul>
              @for (d of decisions(); track d.key) {
                <li><a [routerLink]="['/decisions', d.key]">{{ d.name || d.key }}</a> (version {{ d.version }})</li>
              }
            </ul>
          }
        }
      }
    }
  `,
  styles: `
    :host { --sp-wide: max(100%, min(100vw - 4rem, 110rem)); display: block; width: var(--sp-wide); margin-left: calc(50% - var(--sp-wide) / 2); }
    .crumbs ol { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; list-style: none; padding: 0; margin: 0 0 0.5rem; font-size: 0.9375rem; }
    .crumbs li + li::before { content: '›'; margin-right: 0.5rem; color: var(--sp-muted); }
    .lead { max-width: 75ch; }
    .view-choice { max-width: 30rem; }
    select { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; background: var(--sp-paper); color: var(--sp-ink); }
    .dmn-host { min-height: 24rem; border: 1px solid var(--sp-line); border-radius: 0.25rem; overflow: auto; padding: 0.5rem; background: #fff; }
    .unsaved { min-height: 1.5em; font-weight: 600; color: #6b4500; }
    .publish { max-width: 40rem; margin-top: 1rem; }
    textarea { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; resize: vertical; }
    textarea[aria-invalid='true'] { border-color: var(--sp-danger); }
    .sp-error p { margin: 0; }
    .sp-error ul { margin: 0.5rem 0 0; font-weight: 400; }
  `,
})
export class DecisionEditorPage implements MayHaveUnsavedChanges {
  private readonly api = inject(DecisionsApi);
  private readonly auth = inject(AuthService);

  /** The decision key (its id in the DMN file), from the route; none lists the decisions. */
  readonly key = input<string | undefined>();

  protected readonly canEdit = computed(() => this.auth.user()?.permissions.includes('definition:deploy') === true);
  protected readonly state = signal<LoadState>('loading');
  protected readonly failure = signal('');
  protected readonly decisions = signal<DecisionSummary[]>([]);
  protected readonly decision = signal<Decision | null>(null);
  protected readonly title = signal('');
  protected readonly views = signal<{ id: string; label: string }[]>([]);
  protected readonly activeView = signal<string | null>(null);
  protected readonly edited = signal(false);
  protected readonly missingComment = signal(false);
  protected readonly publishState = signal<PublishState>({ step: 'idle' });
  protected readonly publishedVersion = computed(() => {
    const s = this.publishState();
    return s.step === 'published' ? s.version : null;
  });
  protected readonly publishFailure = computed(() => {
    const s = this.publishState();
    return s.step === 'failed' ? s : null;
  });

  private readonly canvas = viewChild<ElementRef<HTMLDivElement>>('canvas');
  private readonly comment = viewChild<ElementRef<HTMLTextAreaElement>>('comment');
  private modeler: DmnModeler | null = null;
  private dmnViews: DmnView[] = [];
  private importing = false;
  private readonly rendered = signal(false);

  constructor() {
    for (const [id, css] of Object.entries({ diagramCss, sharedCss, drdCss, tableCss, tableControlsCss, literalCss, boxedCss, boxedControlsCss, dmnFontCss })) {
      useStylesheet(`dmn-js-${id}`, css);
    }
    afterNextRender(() => this.rendered.set(true));
    effect(() => {
      const [key, rendered] = [this.key(), this.rendered()];
      if (rendered) untracked(() => void this.load(key));
    });
    inject(DestroyRef).onDestroy(() => this.modeler?.destroy());
  }

  private async load(key: string | undefined): Promise<void> {
    this.state.set('loading');
    this.publishState.set({ step: 'idle' });
    this.edited.set(false);
    try {
      if (key === undefined) {
        this.decisions.set(await this.api.list());
        this.state.set('ready');
        return;
      }
      this.title.set(key);
      const decision = await this.api.get(key);
      this.decision.set(decision);
      await this.show(decision);
      this.state.set('ready');
    } catch (error) {
      this.failure.set(serverMessage(error, 'The decision could not be loaded.'));
      this.state.set('failed');
    }
  }

  private async show(decision: Decision): Promise<void> {
    const container = this.canvas()?.nativeElement;
    if (!container) return;
    if (!this.modeler) {
      this.modeler = new DmnModeler({ container });
      this.modeler.on('views.changed', () => this.viewsChanged());
    }
    this.importing = true;
    try {
      await this.modeler.importXML(decision.xml);
    } finally {
      this.importing = false;
    }
    const views = this.modeler.getViews();
    const own = views.find((v) => v.element.id === decision.key && v.type !== 'drd');
    this.title.set(own?.element.name || decision.key);
    const first = own ?? views.find((v) => v.type === 'decisionTable') ?? views[0];
    if (first && first !== this.modeler.getActiveView()) await this.modeler.open(first);
    this.edited.set(false);
    this.viewsChanged();
  }

  /** Keeps the view choice current and follows edits in the active view. */
  private viewsChanged(): void {
    if (!this.modeler) return;
    this.dmnViews = this.modeler.getViews();
    const label = (v: DmnView) => (v.type === 'drd' ? 'Decision requirements diagram' : `${v.element.name || v.element.id} (${VIEW_WORDS[v.type] ?? v.type})`);
    this.views.set(this.dmnViews.map((v) => ({ id: `${v.type}:${v.element.id}`, label: label(v) })));
    const active = this.modeler.getActiveView();
    this.activeView.set(active ? `${active.type}:${active.element.id}` : null);
    const viewer = this.modeler.getActiveViewer();
    const tracked = viewer as unknown as { spTracked?: boolean } | undefined;
    if (viewer && tracked && !tracked.spTracked) {
      tracked.spTracked = true;
      viewer.on('elements.changed', () => {
        if (!this.importing) this.edited.set(true);
      });
    }
  }

  protected async openView(id: string): Promise<void> {
    const view = this.dmnViews.find((v) => `${v.type}:${v.element.id}` === id);
    if (view && this.modeler) await this.modeler.open(view);
  }

  /** Asks before leaving with edits that are not published (in-app navigation). */
  canLeave(): boolean {
    return !this.edited() || confirm('This decision has changes that are not published. Leave and lose them?');
  }

  /** Lets the browser ask before a reload or closing the tab loses unpublished edits. */
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.edited()) event.preventDefault();
  }

  /** Publishes the edited DMN file as a new version of the decision. */
  protected async publish(event: Event): Promise<void> {
    event.preventDefault();
    const key = this.key();
    if (!this.modeler || !key || this.publishState().step === 'publishing') return;
    const comment = this.comment()?.nativeElement.value.trim() ?? '';
    if (comment === '') {
      this.missingComment.set(true);
      this.publishState.set({ step: 'failed', message: 'Write a comment: it is kept in the history.', problems: [] });
      this.comment()?.nativeElement.focus();
      return;
    }
    this.missingComment.set(false);
    this.publishState.set({ step: 'publishing' });
    try {
      const { xml } = await this.modeler.saveXML({ format: true });
      const { version } = await this.api.publish(key, xml, comment);
      this.decision.update((d) => (d ? { ...d, xml, version } : d));
      this.edited.set(false);
      const field = this.comment()?.nativeElement;
      if (field) field.value = '';
      this.publishState.set({ step: 'published', version });
    } catch (error) {
      const problems = serverProblems(error).map((p) => (p.elementId ? `${p.elementId}: ${p.message}` : p.message));
      this.publishState.set({ step: 'failed', message: serverMessage(error, 'The decision could not be published.'), problems });
    }
  }
}
