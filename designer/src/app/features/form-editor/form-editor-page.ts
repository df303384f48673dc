import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Form } from '@bpmn-io/form-js-viewer';
// The editor's self-contained build. @bpmn-io/form-js-editor's ES module pins preact <=10.15.1
// (a nested copy) while it renders @bpmn-io/form-js-viewer's components, which use the
// application's newer preact: two preacts in one tree break every hook ("reading 'context'").
// The UMD build carries the editor, the viewer parts it renders and one preact; its exports map
// offers it only under a "umd" condition, hence the path.
import { FormEditor } from '../../../../../node_modules/@bpmn-io/form-js/dist/form-editor.umd.js';
import formCss from '@bpmn-io/form-js-viewer/dist/assets/form-js.css' with { loader: 'text' };
import formEditorCss from '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css' with { loader: 'text' };
import { AuthService } from '../../core/auth.service';
import type { MayHaveUnsavedChanges } from '../editor/unsaved-changes.guard';
import { useStylesheet } from '../versions/lazy-styles';
import { formatDateTime, serverMessage } from '../versions/server-message';
import { type FormSchema, type ProcessForm, ProcessFormsApi } from './process-forms.api';

type LoadState = 'loading' | 'ready' | 'failed';
type SaveState = { step: 'clean' } | { step: 'dirty' } | { step: 'saving' } | { step: 'saved'; at: string } | { step: 'failed'; message: string };

/** How long the preview waits after the last edit before it redraws (ms). */
const PREVIEW_DELAY = 250;

/**
 * A form of a process (/processes/:key/forms/:name) in the @bpmn-io/form-js editor (palette,
 * form, properties panel), with a live preview in the form-js viewer as a case worker will see
 * it. Save stores the form in the process's draft; it reaches cases when the draft is published.
 * Without a form name, the page lists the process's forms.
 */
@Component({
  selector: 'sp-form-editor-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
  template: `
    <nav aria-label="Breadcrumb" class="crumbs">
      <ol>
        <li><a routerLink="/processes">Process library</a></li>
        <li><a [routerLink]="['/processes', key()]">{{ processTitle() }}</a></li>
        @if (name(); as formName) {
          <li aria-current="page">Form {{ formName }}</li>
        } @else {
          <li aria-current="page">Forms</li>
        }
      </ol>
    </nav>

    @if (name()) {
      <div class="head">
        <h1>Form “{{ formTitle() }}” <span class="of">of {{ processTitle() }}</span></h1>
        <div class="actions">
          <button type="button" class="sp-button" (click)="save()" [attr.aria-disabled]="!canEdit() || saveState().step === 'saving' || state() !== 'ready'">Save form</button>
          <a class="sp-button sp-button-secondary" [routerLink]="['/processes', key()]">Back to the process editor</a>
        </div>
      </div>
      <p class="lead">
        Saving keeps the form in the draft of the process: running cases are not affected until a policy lead publishes the draft as a new version.
        Add fields from the palette (drag them, or focus one and press Enter), select a field to edit its label, key and validation on the right.
      </p>
      <div class="status" aria-live="polite">
        @switch (saveState().step) {
          @case ('dirty') {
            <p class="unsaved">Unsaved changes</p>
          }
          @case ('saving') {
            <p>Saving…</p>
          }
          @case ('saved') {
            <p class="sp-success" role="status">Saved to the draft at {{ savedAt() }}.</p>
          }
          @case ('failed') {
            <p class="sp-error" role="alert">{{ saveFailure() }}</p>
          }
        }
      </div>
      @if (state() === 'failed') {
        <p class="sp-error" role="alert">{{ failure() }}</p>
      } @else if (state() === 'loading') {
        <p>Loading the form…</p>
      }
      <div class="workspace" [hidden]="state() !== 'ready'">
        <section class="editor-pane" aria-labelledby="editor-heading">
          <h2 id="editor-heading">Editor</h2>
          <div #editorHost class="editor-host"></div>
        </section>
        <section class="properties-pane" aria-labelledby="properties-heading">
          <h2 id="properties-heading">Selected field</h2>
          <div #propertiesHost class="properties-host"></div>
        </section>
        <section class="preview-pane" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p class="sp-hint">As a case worker sees it. Try it: nothing you enter here is saved.</p>
          <div #previewHost class="preview-host" data-testid="form-preview"></div>
        </section>
      </div>
      @if (otherForms().length > 0) {
        <section class="others" aria-labelledby="others-heading">
          <h2 id="others-heading">Other forms of this process</h2>
          <ul>
            @for (form of otherForms(); track form.name) {
              <li><a [routerLink]="['/processes', key(), 'forms', form.name]">{{ form.name }}</a></li>
            }
          </ul>
        </section>
      }
    } @else {
      <h1>Forms of {{ processTitle() }}</h1>
      @switch (state()) {
        @case ('loading') {
          <p>Loading the forms…</p>
        }
        @case ('failed') {
          <p class="sp-error" role="alert">{{ failure() }}</p>
        }
        @default {
          @if (forms().length === 0) {
            <p>No step of this process uses a form.</p>
          } @else {
            <ul>
              @for (form of forms(); track form.name) {
                <li><a [routerLink]="['/processes', key(), 'forms', form.name]">{{ form.name }}</a></li>
              }
            </ul>
          }
        }
      }
      <p><a [routerLink]="['/processes', key()]">Back to the process editor</a></p>
    }
  `,
  styles: `
    :host { --sp-wide: max(100%, min(100vw - 4rem, 110rem)); display: block; width: var(--sp-wide); margin-left: calc(50% - var(--sp-wide) / 2); }
    .crumbs ol { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; list-style: none; padding: 0; margin: 0 0 0.5rem; font-size: 0.9375rem; }
    .crumbs li + li::before { content: '›'; margin-right: 0.5rem; color: var(--sp-muted); }
    .head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1.5rem; }
    .head h1 { margin: 0.5rem 0; }
    .of { display: block; font-size: 1rem; font-weight: 400; color: var(--sp-muted); }
    .actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
    .lead { max-width: 75ch; }
    .status p { margin: 0 0 1rem; }
    .unsaved { font-weight: 600; color: #6b4500; }
    .workspace { display: grid; grid-template-columns: minmax(0, 1.7fr) minmax(18rem, 1fr) minmax(18rem, 1fr); gap: 1.25rem; }
    .workspace[hidden] { display: none; }
    @media (max-width: 90rem) { .workspace { grid-template-columns: minmax(0, 1.5fr) minmax(18rem, 1fr); } .preview-pane { grid-column: 1 / -1; } }
    @media (max-width: 50rem) { .workspace { grid-template-columns: minmax(0, 1fr); } }
    h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
    .editor-host { height: 40rem; border: 1px solid var(--sp-line); border-radius: 0.25rem; overflow: hidden; }
    .properties-host { height: 40rem; border: 1px solid var(--sp-line); border-radius: 0.25rem; overflow: auto; }
    /* form-js's own DOM: keep the palette whole, let long labels wrap, and fill the panel's column. */
    :host ::ng-deep .editor-host .fjs-palette-container { flex-shrink: 0; }
    :host ::ng-deep .editor-host :is(.fjs-form-editor, .fjs-form-container, .fjs-form) { min-width: 0; }
    :host ::ng-deep .fjs-container .fjs-form-field-label { white-space: normal; }
    :host ::ng-deep .properties-host .fjs-properties-container { --properties-panel-width: 100%; height: 100%; border-left: none; }
    .preview-host { border: 1px solid var(--sp-line); border-radius: 0.25rem; padding: 0.5rem; max-height: 40rem; overflow: auto; }
    .others { margin-top: 2rem; }
  `,
})
export class FormEditorPage implements MayHaveUnsavedChanges {
  private readonly api = inject(ProcessFormsApi);
  private readonly auth = inject(AuthService);

  /** The process key (route parameter). */
  readonly key = input.required<string>();
  /** The form's resource name, e.g. `tc_escalation.form` (route parameter). */
  readonly name = input<string | undefined>();

  protected readonly canEdit = computed(() => this.auth.user()?.permissions.includes('definition:deploy') === true);
  protected readonly state = signal<LoadState>('loading');
  protected readonly failure = signal('');
  protected readonly processTitle = signal('');
  protected readonly forms = signal<ProcessForm[]>([]);
  protected readonly form = computed(() => this.forms().find((f) => f.name === this.name()) ?? null);
  protected readonly formTitle = computed(() => this.form()?.formId ?? this.name() ?? '');
  protected readonly otherForms = computed(() => this.forms().filter((f) => f.name !== this.name()));
  protected readonly saveState = signal<SaveState>({ step: 'clean' });
  protected readonly savedAt = computed(() => {
    const s = this.saveState();
    return s.step === 'saved' ? formatDateTime(s.at) : '';
  });
  protected readonly saveFailure = computed(() => {
    const s = this.saveState();
    return s.step === 'failed' ? s.message : '';
  });

  private readonly editorHost = viewChild<ElementRef<HTMLDivElement>>('editorHost');
  private readonly previewHost = viewChild<ElementRef<HTMLDivElement>>('previewHost');
  private readonly propertiesHost = viewChild<ElementRef<HTMLDivElement>>('propertiesHost');
  private editor: FormEditor | null = null;
  private preview: Form | null = null;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private importing = false;
  private readonly rendered = signal(false);

  constructor() {
    useStylesheet('form-js', formCss);
    useStylesheet('form-js-editor', formEditorCss);
    afterNextRender(() => this.rendered.set(true));
    effect(() => {
      const [key, name, rendered] = [this.key(), this.name(), this.rendered()];
      if (rendered) untracked(() => void this.load(key, name));
    });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.previewTimer);
      this.editor?.destroy();
      this.preview?.destroy();
    });
  }

  private async load(key: string, name: string | undefined): Promise<void> {
    this.state.set('loading');
    this.saveState.set({ step: 'clean' });
    try {
      const [title, forms] = await Promise.all([this.api.processName(key).catch(() => null), this.api.forms(key)]);
      this.processTitle.set(title || key);
      this.forms.set(forms);
      if (name === undefined) {
        this.state.set('ready');
        return;
      }
      const form = forms.find((f) => f.name === name);
      if (!form) {
        this.failure.set(`This process has no form named ${name}. It may have been renamed; choose one of its forms below.`);
        this.state.set('failed');
        return;
      }
      await this.open(form.schema);
      this.state.set('ready');
    } catch (error) {
      this.failure.set(serverMessage(error, 'The form could not be loaded.'));
      this.state.set('failed');
    }
  }

  /** Shows the schema in the editor and the preview (creating them the first time). */
  private async open(schema: FormSchema): Promise<void> {
    const editorHost = this.editorHost()?.nativeElement;
    const previewHost = this.previewHost()?.nativeElement;
    const propertiesHost = this.propertiesHost()?.nativeElement;
    if (!editorHost || !previewHost || !propertiesHost) return;
    if (!this.editor) {
      this.editor = new FormEditor({ container: editorHost, propertiesPanel: { parent: propertiesHost }, exporter: { name: 'Safepath designer', version: '1' } });
      this.editor.on('commandStack.changed', () => this.edited());
    }
    if (!this.preview) {
      // The viewer is a chunk of its own: the editor's bundle is large enough already.
      const { Form: FormViewer } = await import('@bpmn-io/form-js-viewer');
      this.preview = new FormViewer({ container: previewHost });
    }
    this.importing = true;
    try {
      await this.editor.importSchema(structuredClone(schema));
    } finally {
      this.importing = false;
    }
    await this.preview.importSchema(structuredClone(schema));
  }

  private edited(): void {
    if (this.importing || !this.editor) return;
    this.saveState.set({ step: 'dirty' });
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.refreshPreview(), PREVIEW_DELAY);
  }

  private async refreshPreview(): Promise<void> {
    if (!this.editor || !this.preview) return;
    try {
      await this.preview.importSchema(this.editor.saveSchema());
    } catch {
      // A half-edited field (e.g. an expression being typed) need not render; the next edit redraws.
    }
  }

  private unsaved(): boolean {
    const step = this.saveState().step;
    return step === 'dirty' || step === 'failed' || step === 'saving';
  }

  /** Asks before leaving with edits that are not saved (in-app navigation). */
  canLeave(): boolean {
    return !this.unsaved() || confirm('This form has changes that are not saved. Leave and lose them?');
  }

  /** Lets the browser ask before a reload or closing the tab loses unsaved edits. */
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.unsaved()) event.preventDefault();
  }

  /** Saves the edited schema into the process's draft. */
  protected async save(): Promise<void> {
    const name = this.name();
    if (!this.editor || !name || !this.canEdit() || this.saveState().step === 'saving') return;
    const schema = this.editor.saveSchema() as FormSchema;
    this.saveState.set({ step: 'saving' });
    try {
      await this.api.save(this.key(), name, schema);
      this.forms.update((forms) => forms.map((f) => (f.name === name ? { ...f, schema } : f)));
      this.saveState.set({ step: 'saved', at: new Date().toISOString() });
      clearTimeout(this.previewTimer);
      await this.refreshPreview();
    } catch (error) {
      this.saveState.set({ step: 'failed', message: serverMessage(error, 'The form could not be saved.') });
    }
  }
}
