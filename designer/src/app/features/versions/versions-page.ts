import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { DiagramViewer } from './diagram-viewer';
import { type LibraryProcess, type ProcessVersion, type ProcessVersionWithXml, ProcessVersionsApi, type Published } from './process-versions.api';
import { RestoreDialog } from './restore-dialog';
import { formatDateTime, serverMessage } from './server-message';
import { VersionCompare, type VersionRef, versionWords } from './version-compare';

/** `?compare=1,2` or `?compare=2,draft` → the older and the newer side; null when malformed. */
export function parseCompare(value: string | undefined): { older: VersionRef; newer: VersionRef } | null {
  const refs = (value ?? '').split(',').map((part): VersionRef | null => {
    const text = part.trim();
    if (text === 'draft') return 'draft';
    return /^[1-9]\d*$/.test(text) ? Number(text) : null;
  });
  if (refs.length !== 2 || refs[0] === null || refs[1] === null || refs[0] === refs[1]) return null;
  const rank = (ref: VersionRef) => (ref === 'draft' ? Number.POSITIVE_INFINITY : ref);
  const [a, b] = refs as [VersionRef, VersionRef];
  return rank(a) < rank(b) ? { older: a, newer: b } : { older: b, newer: a };
}

type LoadState = 'loading' | 'ready' | 'failed';

/**
 * A process's version history (/processes/:key/versions): every published version with who
 * published it, when and why; view one read-only, compare two (or one with the current draft,
 * `?compare=A,B`), and restore an old one by publishing it again.
 */
@Component({
  selector: 'sp-versions-page',
  imports: [RouterLink, DiagramViewer, RestoreDialog, VersionCompare],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav aria-label="Breadcrumb" class="crumbs">
      <ol>
        <li><a routerLink="/processes">Process library</a></li>
        <li><a [routerLink]="['/processes', key()]">{{ title() }}</a></li>
        @if (comparing()) {
          <li><a [routerLink]="['/processes', key(), 'versions']">History</a></li>
          <li aria-current="page">Compare</li>
        } @else {
          <li aria-current="page">History</li>
        }
      </ol>
    </nav>

    @if (compare() !== undefined) {
      @if (comparing(); as c) {
        <h1>{{ title() }}: {{ versionWords(c.older) }} compared with {{ versionWords(c.newer) }}</h1>
        <sp-version-compare [key]="key()" [older]="c.older" [newer]="c.newer" />
      } @else {
        <h1>Compare versions of {{ title() }}</h1>
        <p class="sp-error" role="alert">
          The address does not name two different versions to compare (for example <code>?compare=1,2</code> or <code>?compare=2,draft</code>).
        </p>
      }
      <p><a [routerLink]="['/processes', key(), 'versions']">Back to the history of {{ title() }}</a></p>
    } @else {
      <h1>History of {{ title() }}</h1>
      <p class="lead">
        Each published version, who published it, when and why. Cases keep running on the version they started on;
        @if (canEdit()) {
          restoring an old version publishes it again as a new version for new cases.
        } @else {
          new cases start on the newest version.
        }
      </p>

      <div aria-live="polite">
        @if (notice(); as message) {
          <p class="sp-success" role="status" tabindex="-1" #noticeMessage>{{ message }}</p>
        }
      </div>

      @switch (state()) {
        @case ('loading') {
          <p>Loading the history…</p>
        }
        @case ('failed') {
          <p class="sp-error" role="alert">{{ failure() }} <button type="button" class="link-button" (click)="load()">Try again</button></p>
        }
        @default {
          @if (versions().length === 0 && !process()?.draft) {
            <p>This process has not been published yet.</p>
          } @else {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="history-caption">
              <table>
                <caption id="history-caption">Versions of {{ title() }}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Published</th>
                    <th scope="col">By</th>
                    <th scope="col">Comment</th>
                    <th scope="col"><span class="sp-visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  @if (process()?.draft; as draft) {
                    <tr class="draft">
                      <th scope="row"><span class="badge badge-draft">Draft</span></th>
                      <td>Changed {{ when(draft.updatedAt) }}</td>
                      <td>{{ draft.updatedBy ?? '' }}</td>
                      <td class="muted">Not published yet</td>
                      <td class="actions">
                        <button type="button" class="link-button" (click)="startCompare('draft')">Compare with…<span class="sp-visually-hidden"> (the draft)</span></button>
                      </td>
                    </tr>
                  }
                  @for (v of versions(); track v.version; let first = $first) {
                    <tr>
                      <th scope="row">
                        Version {{ v.version }}
                        @if (first) {
                          <span class="badge">Current</span>
                        }
                      </th>
                      <td>{{ when(v.publishedAt) }}</td>
                      <td>{{ v.publishedBy ?? '' }}</td>
                      <td>
                        @if (v.comment) {
                          {{ v.comment }}
                        } @else {
                          <span class="muted">No comment</span>
                        }
                      </td>
                      <td class="actions">
                        <button type="button" class="link-button" (click)="view(v)">View<span class="sp-visually-hidden"> version {{ v.version }}</span></button>
                        <button type="button" class="link-button" (click)="startCompare(v.version)">Compare with…<span class="sp-visually-hidden"> (version {{ v.version }})</span></button>
                        @if (canEdit() && !first) {
                          <button type="button" class="link-button" (click)="restoreDialog.open(v.version)">Restore<span class="sp-visually-hidden"> version {{ v.version }}</span></button>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>

            @if (choices().length >= 2) {
              <form class="compare-form" (submit)="compareChosen($event)" aria-labelledby="compare-heading" novalidate>
                <h2 id="compare-heading">Compare two versions</h2>
                <div class="compare-fields">
                  <div class="sp-field">
                    <label for="compare-from">Compare</label>
                    <select id="compare-from" #compareFrom (change)="from.set(compareFrom.value)">
                      @for (choice of choices(); track choice.value) {
                        <option [value]="choice.value" [selected]="choice.value === from()">{{ choice.label }}</option>
                      }
                    </select>
                  </div>
                  <div class="sp-field">
                    <label for="compare-to">with</label>
                    <select id="compare-to" #compareTo (change)="to.set(compareTo.value)" [attr.aria-invalid]="sameChoice()" aria-describedby="compare-error">
                      @for (choice of choices(); track choice.value) {
                        <option [value]="choice.value" [selected]="choice.value === to()">{{ choice.label }}</option>
                      }
                    </select>
                  </div>
                  <button type="submit" class="sp-button">Compare</button>
                </div>
                <p id="compare-error" [class.sp-error]="sameChoice()" [attr.role]="sameChoice() ? 'alert' : null">
                  @if (sameChoice()) {
                    Choose two different versions.
                  }
                </p>
              </form>
            }
          }
        }
      }

      @if (viewing(); as v) {
        <section class="viewing" aria-labelledby="viewing-heading">
          <div class="viewing-head">
            <h2 id="viewing-heading" tabindex="-1" #viewingHeading>Version {{ v.version }} of {{ title() }}</h2>
            <button type="button" class="sp-button sp-button-secondary" (click)="closeView()">Close<span class="sp-visually-hidden"> version {{ v.version }}</span></button>
          </div>
          <p class="muted">Published {{ when(v.publishedAt) }}{{ v.publishedBy ? ' by ' + v.publishedBy : '' }}@if (v.comment) {: “{{ v.comment }}”}. Read only.</p>
          <sp-diagram-viewer [xml]="v.xml" [label]="'Diagram of version ' + v.version + ' (read only)'" />
        </section>
      } @else if (viewFailure(); as message) {
        <p class="sp-error" role="alert">{{ message }}</p>
      }

      <sp-restore-dialog #restoreDialog [key]="key()" [hasDraft]="!!process()?.draft" (restored)="restored($event)" />
    }
  `,
  styles: `
    :host { --sp-wide: max(100%, min(100vw - 4rem, 110rem)); display: block; width: var(--sp-wide); margin-left: calc(50% - var(--sp-wide) / 2); }
    .crumbs ol { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; list-style: none; padding: 0; margin: 0 0 0.5rem; font-size: 0.9375rem; }
    .crumbs li + li::before { content: '›'; margin-right: 0.5rem; color: var(--sp-muted); }
    .lead { max-width: 70ch; }
    .table-scroll { overflow-x: auto; }
    table { width: 100%; border-collapse: collapse; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
    th, td { padding: 0.5rem 0.75rem; text-align: left; border-bottom: 1px solid var(--sp-line); vertical-align: top; }
    thead th { color: var(--sp-muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; white-space: nowrap; }
    .draft { background: #fffbeb; }
    .muted { color: var(--sp-muted); }
    .badge {
      display: inline-block; margin-left: 0.375rem; padding: 0 0.5rem; border-radius: 1rem; font-size: 0.8125rem; font-weight: 600;
      background: var(--sp-tint); color: var(--sp-brand); border: 1px solid var(--sp-brand);
    }
    .badge-draft { margin-left: 0; background: #fff4d6; color: #6b4500; border-color: #b7791f; }
    .actions { white-space: nowrap; }
    .actions .link-button + .link-button { margin-left: 1rem; }
    .link-button { font: inherit; color: var(--sp-focus); background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; }
    .compare-form { margin-top: 2rem; }
    .compare-fields { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 1rem; }
    .compare-fields .sp-button { margin-bottom: 1.25rem; }
    select { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; background: var(--sp-paper); color: var(--sp-ink); min-width: 16rem; }
    select[aria-invalid='true'] { border-color: var(--sp-danger); }
    #compare-error:empty { display: none; }
    .viewing { margin-top: 2rem; }
    .viewing-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem; }
    .viewing h2 { margin: 0; }
    .viewing h2:focus { outline: none; }
    [role='status']:focus { outline: none; }
  `,
})
export class VersionsPage {
  private readonly api = inject(ProcessVersionsApi);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  /** The process key (route parameter). */
  readonly key = input.required<string>();
  /** `?compare=A,B`: two versions (or a version and `draft`) to compare. */
  readonly compare = input<string | undefined>();

  protected readonly versionWords = versionWords;
  protected readonly when = formatDateTime;
  protected readonly canEdit = computed(() => this.auth.user()?.permissions.includes('definition:deploy') === true);
  protected readonly comparing = computed(() => parseCompare(this.compare()));

  protected readonly state = signal<LoadState>('loading');
  protected readonly failure = signal('');
  protected readonly process = signal<LibraryProcess | null>(null);
  protected readonly versions = signal<ProcessVersion[]>([]);
  protected readonly title = computed(() => this.process()?.name || this.key());
  protected readonly notice = signal<string | null>(null);

  protected readonly viewing = signal<ProcessVersionWithXml | null>(null);
  protected readonly viewFailure = signal<string | null>(null);
  private viewOpener: HTMLElement | null = null;

  /** The compare form: `draft` or a version number, as the select's value. */
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly sameChoice = signal(false);
  protected readonly choices = computed(() => [
    ...(this.process()?.draft ? [{ value: 'draft', label: 'Current draft' }] : []),
    ...this.versions().map((v) => ({ value: String(v.version), label: `Version ${v.version} (${this.when(v.publishedAt)})` })),
  ]);

  private readonly compareFrom = viewChild<ElementRef<HTMLSelectElement>>('compareFrom');
  private readonly viewingHeading = viewChild<ElementRef<HTMLElement>>('viewingHeading');
  private readonly noticeMessage = viewChild<ElementRef<HTMLElement>>('noticeMessage');

  constructor() {
    effect(() => {
      this.key();
      untracked(() => void this.load());
    });
  }

  /** (Re)loads the process (for its name and draft) and its versions. */
  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [process, versions] = await Promise.all([this.api.process(this.key()), this.api.versions(this.key())]);
      this.process.set(process);
      this.versions.set([...versions].sort((a, b) => b.version - a.version));
      this.preselect(this.choices()[1]?.value ?? '', this.choices()[0]?.value ?? '');
      this.state.set('ready');
    } catch (error) {
      this.failure.set(serverMessage(error, 'The history could not be loaded.'));
      this.state.set('failed');
    }
  }

  private preselect(from: string, to: string): void {
    this.from.set(from);
    this.to.set(to);
    this.sameChoice.set(false);
  }

  /** "Compare with…" on a row: that version first, the newest other one second; focus the form. */
  protected startCompare(ref: VersionRef): void {
    const value = String(ref);
    const other = this.choices().find((c) => c.value !== value)?.value ?? '';
    this.preselect(value, other);
    setTimeout(() => {
      const select = this.compareFrom()?.nativeElement;
      select?.scrollIntoView({ block: 'center' });
      select?.focus();
    });
  }

  protected compareChosen(event: Event): void {
    event.preventDefault();
    const [from, to] = [this.from(), this.to()];
    if (from === to || !from || !to) {
      this.sameChoice.set(true);
      return;
    }
    this.sameChoice.set(false);
    void this.router.navigate(['/processes', this.key(), 'versions'], { queryParams: { compare: `${from},${to}` } });
  }

  /** Shows one version read-only below the table. */
  protected async view(version: ProcessVersion): Promise<void> {
    this.viewOpener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.viewFailure.set(null);
    try {
      this.viewing.set(await this.api.version(this.key(), version.version));
      setTimeout(() => this.viewingHeading()?.nativeElement.focus());
    } catch (error) {
      this.viewing.set(null);
      this.viewFailure.set(serverMessage(error, `Version ${version.version} could not be loaded.`));
    }
  }

  protected closeView(): void {
    this.viewing.set(null);
    this.viewOpener?.focus();
    this.viewOpener = null;
  }

  protected async restored(event: { from: number; published: Published }): Promise<void> {
    await this.load();
    this.notice.set(
      `Version ${event.from} was published again as version ${event.published.version}. New cases start on version ${event.published.version}; cases already running stay on their version.`,
    );
    setTimeout(() => this.noticeMessage()?.nativeElement.focus());
  }
}
