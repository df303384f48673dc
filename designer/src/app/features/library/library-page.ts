import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { readProcessKey } from './bpmn-file';
import { formatWhen } from './format';
import { ProcessLibraryService, type ProcessSummary, errorMessage } from './process-library.service';

type LoadState = 'loading' | 'ready' | 'failed';

/** Where an import stands: a replacement waits for the person to confirm it. */
type ImportState =
  | { step: 'idle' }
  | { step: 'busy'; fileName: string }
  | { step: 'confirm'; key: string; name: string; xml: string }
  | { step: 'done'; key: string; replaced: boolean }
  | { step: 'failed'; message: string };

/**
 * The start page: the organisation's process library. Each process with its published version
 * (when, by whom), any draft (who changed it last and when), and links to edit it, see its
 * history and read it as a document; policy leads also import .bpmn files here.
 */
@Component({
  selector: 'sp-library-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Process library</h1>
    <p class="lead">
      @if (auth.organisation(); as organisation) {
        The procedures of <strong>{{ organisation.name }}</strong> that Safepath runs.
      } @else {
        The procedures Safepath runs.
      }
      @if (canEdit()) {
        Edit a process to change it: your changes are kept as a draft, and running cases are not affected until you publish a new version.
      }
      Other systems use the Camunda&nbsp;7 compatible REST API described in the <a href="/api/docs">API documentation</a>.
    </p>

    <section aria-labelledby="processes-heading">
      <h2 id="processes-heading">Processes</h2>
      <div aria-live="polite">
        @switch (state()) {
          @case ('loading') {
            <p>Loading processes…</p>
          }
          @case ('failed') {
            <p class="sp-error" role="alert">
              The processes could not be loaded. Check your connection, then
              <button type="button" class="link-button" (click)="load()">try again</button>.
            </p>
          }
          @default {
            @if (sorted().length === 0) {
              <p>No processes are deployed for your organisation yet.@if (canEdit()) { Import a BPMN file below to start.} @else { A policy lead publishes them.}</p>
            } @else {
              <div class="table-scroll" tabindex="0" role="region" aria-label="Table of processes (scrolls sideways on small screens)">
                <table>
                  <caption class="sp-visually-hidden">Each process with its published version and draft</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Key</th>
                      <th scope="col">Version</th>
                      <th scope="col">Published</th>
                      <th scope="col">Draft</th>
                      <th scope="col"><span class="sp-visually-hidden">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (process of sorted(); track process.key) {
                      <tr>
                        <th scope="row">{{ process.name || process.key }}</th>
                        <td><code>{{ process.key }}</code></td>
                        <td>{{ process.publishedVersion ?? '–' }}</td>
                        <td>
                          @if (process.publishedAt) {
                            <span class="when">{{ when(process.publishedAt) }}</span>
                            @if (process.publishedBy) {
                              <span class="who">by {{ process.publishedBy }}</span>
                            }
                          } @else {
                            <span class="muted">Not published</span>
                          }
                        </td>
                        <td>
                          @if (process.draft; as draft) {
                            <span class="badge">Draft</span>
                            <span class="when">{{ when(draft.updatedAt) }}</span>
                            <span class="who">by {{ draft.updatedBy }}</span>
                          } @else {
                            <span class="muted">No draft</span>
                          }
                        </td>
                        <td class="actions">
                          <a [routerLink]="['/processes', process.key]">{{ canEdit() ? 'Edit' : 'View' }}<span class="sp-visually-hidden"> {{ process.name || process.key }}</span></a>
                          @if (process.publishedVersion !== null) {
                            <a [routerLink]="['/processes', process.key, 'versions']">History<span class="sp-visually-hidden"> of {{ process.name || process.key }}</span></a>
                          }
                          <a [href]="documentUrl(process)" target="_blank" rel="noopener">Document<span class="sp-visually-hidden"> of {{ process.name || process.key }} (opens in a new tab)</span></a>
                        </td>
                      </tr>
                    }
                  </tbody>
                </table>
              </div>
            }
          }
        }
      </div>
    </section>

    @if (canEdit()) {
      <section aria-labelledby="import-heading" class="import">
        <h2 id="import-heading">Import a BPMN file</h2>
        <p id="import-hint">A .bpmn file from Camunda Modeler or another Safepath. It becomes a draft; nothing runs until you publish it.</p>
        @switch (importState().step) {
          @case ('confirm') {
            @if (confirmation(); as c) {
              <div class="confirm" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
                <h3 id="confirm-heading">Replace the draft of {{ c.name }}?</h3>
                <p id="confirm-text">The library already has a process with the key <code>{{ c.key }}</code>. Importing the file replaces its draft; published versions and running cases stay as they are.</p>
                <div class="buttons">
                  <button #confirmButton type="button" class="sp-button" (click)="replaceDraft()">Replace the draft</button>
                  <button type="button" class="sp-button sp-button-secondary" (click)="cancelImport()">Cancel</button>
                </div>
              </div>
            }
          }
          @default {
            <div class="sp-field">
              <label for="import-file">BPMN file</label>
              <input #fileInput id="import-file" type="file" accept=".bpmn,.xml,application/xml,text/xml" aria-describedby="import-hint"
                (change)="fileChosen($event)" [disabled]="importState().step === 'busy'" />
            </div>
          }
        }
        <div aria-live="polite">
          @switch (importState().step) {
            @case ('busy') {
              <p>Importing…</p>
            }
            @case ('done') {
              @if (imported(); as done) {
                <p class="sp-success" role="status">
                  {{ done.replaced ? 'The draft was replaced.' : 'The process was imported as a draft.' }}
                  <a [routerLink]="['/processes', done.key]">Open {{ done.key }} in the editor</a>
                </p>
              }
            }
            @case ('failed') {
              <p class="sp-error" role="alert">{{ failure() }}</p>
            }
          }
        </div>
      </section>
    }
  `,
  styles: `
    .lead { max-width: 65ch; }
    .table-scroll { overflow-x: auto; }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 0.5rem 0.75rem; text-align: left; border-bottom: 1px solid var(--sp-line); vertical-align: top; }
    thead th { color: var(--sp-muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; min-width: 12rem; }
    td code { overflow-wrap: anywhere; }
    .when, .who { display: block; }
    .when, .muted { white-space: nowrap; }
    .who, .muted { color: var(--sp-muted); }
    .badge {
      display: inline-block; padding: 0 0.5rem; border-radius: 1rem; font-size: 0.8125rem; font-weight: 600;
      background: #fff4d6; color: #6b4500; border: 1px solid #b7791f;
    }
    .actions { white-space: nowrap; }
    .actions a + a { margin-left: 1rem; }
    .import { margin-top: 2.5rem; max-width: 40rem; }
    .confirm { padding: 1rem 1.25rem; border: 2px solid var(--sp-brand); border-radius: 0.25rem; background: var(--sp-tint); }
    .confirm h3 { margin-top: 0; }
    .buttons { display: flex; gap: 1rem; }
    .link-button { font: inherit; color: var(--sp-focus); background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; }
    input[type='file'] { font: inherit; }
  `,
})
export class LibraryPage {
  private readonly library = inject(ProcessLibraryService);
  protected readonly auth = inject(AuthService);
  /** Policy leads (definition:deploy) edit, import and publish; everyone else reads. */
  protected readonly canEdit = computed(() => this.auth.user()?.permissions.includes('definition:deploy') === true);

  protected readonly state = signal<LoadState>('loading');
  private readonly processes = signal<ProcessSummary[]>([]);
  protected readonly sorted = computed(() =>
    [...this.processes()].sort((a, b) => (a.name || a.key).localeCompare(b.name || b.key) || a.key.localeCompare(b.key)),
  );

  protected readonly importState = signal<ImportState>({ step: 'idle' });
  protected readonly confirmation = computed(() => {
    const s = this.importState();
    return s.step === 'confirm' ? s : null;
  });
  protected readonly imported = computed(() => {
    const s = this.importState();
    return s.step === 'done' ? s : null;
  });
  protected readonly failure = computed(() => {
    const s = this.importState();
    return s.step === 'failed' ? s.message : null;
  });
  private readonly confirmButton = viewChild<ElementRef<HTMLButtonElement>>('confirmButton');
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly when = formatWhen;

  constructor() {
    this.load();
  }

  /** (Re)loads the list; the template shows loading, failure and empty states. */
  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.processes.set(await this.library.list());
      this.state.set('ready');
    } catch {
      this.state.set('failed');
    }
  }

  protected documentUrl(process: ProcessSummary): string {
    return this.library.documentUrl(process.key, process.publishedVersion === null ? 'draft' : undefined);
  }

  /** Imports the chosen file as a new process, or asks before replacing an existing one's draft. */
  protected async fileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.importState.set({ step: 'busy', fileName: file.name });
    try {
      const xml = await file.text();
      const found = readProcessKey(xml);
      if (found === null) {
        this.importState.set({ step: 'failed', message: `${file.name} is not a BPMN file with an executable process (isExecutable="true").` });
        return;
      }
      const created = await this.library.import(xml);
      if (created === null) {
        const existing = this.processes().find((p) => p.key === found.key);
        this.importState.set({ step: 'confirm', key: found.key, name: existing?.name || found.name || found.key, xml });
        setTimeout(() => this.confirmButton()?.nativeElement.focus());
        return;
      }
      this.importState.set({ step: 'done', key: created.key, replaced: false });
      await this.load();
    } catch (error) {
      this.importState.set({ step: 'failed', message: errorMessage(error, `${file.name} could not be imported.`) });
    } finally {
      input.value = '';
    }
  }

  protected async replaceDraft(): Promise<void> {
    const c = this.confirmation();
    if (c === null) return;
    this.importState.set({ step: 'busy', fileName: c.key });
    try {
      await this.library.saveDraft(c.key, c.xml);
      this.importState.set({ step: 'done', key: c.key, replaced: true });
      await this.load();
    } catch (error) {
      this.importState.set({ step: 'failed', message: errorMessage(error, 'The draft could not be replaced.') });
    }
  }

  protected cancelImport(): void {
    this.importState.set({ step: 'idle' });
    setTimeout(() => this.fileInput()?.nativeElement.focus());
  }
}
