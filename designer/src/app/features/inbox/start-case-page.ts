import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { FormProblemList } from '../task/form-problem-list';
import { type FormProblem, FormViewer } from '../task/form-viewer';
import { InboxApi, type StartableProcess, problemMessage, statusOf } from './inbox-api';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

/**
 * Starts a new case of one process: its start form (if the model has one) and an optional
 * reference; then straight to the case's first task when it is the starter's to do.
 *
 * Not an sp-step-form: here the error summary leads with what went wrong (the browser's check or
 * Safepath's refusal) and the reference sits between the summary and the form, so only the list of
 * problems is shared with the step form.
 */
@Component({
  selector: 'sp-start-case-page',
  imports: [RouterLink, FormViewer, FormProblemList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back"><a routerLink="/inbox"><span aria-hidden="true">← </span>Back to inbox</a></p>
    @switch (state()) {
      @case ('loading') {
        <p>Loading…</p>
      }
      @case ('not-found') {
        <h1>Process not found</h1>
        <p>You cannot start this process: it is not deployed for your organisation, or your role may not start it.</p>
      }
      @case ('failed') {
        <h1>Start a new case</h1>
        <p class="sp-error" role="alert">The process could not be loaded. Check your connection and reload the page.</p>
      }
      @default {
        @if (process(); as process) {
          <h1>Start: {{ process.name || process.key }}</h1>
          <div #summary tabindex="-1" class="summary-anchor">
            @if (problem(); as problem) {
              <div class="sp-error" role="alert">
                <p>{{ problem }}</p>
                @if (problems().length > 0) {
                  <sp-form-problem-list [problems]="problems()" (fieldChosen)="form()?.focusField($event)" />
                }
              </div>
            }
          </div>
          <div class="sp-field reference">
            <label for="business-key">Reference (optional)</label>
            <p class="sp-hint" id="business-key-hint">Your own reference for this case, such as a call or customer reference. Leave empty and Safepath gives one.</p>
            <input #reference id="business-key" name="businessKey" type="text" autocomplete="off" aria-describedby="business-key-hint" />
          </div>
          @if (process.formSchema; as schema) {
            <sp-form-viewer #form [schema]="schema" [label]="process.name ?? process.key" (changed)="formChanged()" />
          } @else {
            <p>This process has no start form: the case starts with its first step.</p>
          }
          <div class="actions">
            <button type="button" class="sp-button" (click)="start()" [attr.aria-disabled]="busy()">{{ busy() ? 'Starting…' : 'Start case' }}</button>
            <a routerLink="/inbox">Cancel</a>
          </div>
        }
      }
    }
  `,
  styles: `
    .back { margin: 0 0 0.75rem; }
    h1 { margin: 0 0 1rem; }
    .reference input { max-width: 24rem; }
    .summary-anchor:focus { outline: none; }
    .sp-error p { margin: 0; }
    .actions { display: flex; gap: 1rem; align-items: center; margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--sp-line); }
  `,
})
export class StartCasePage {
  private readonly api = inject(InboxApi);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  /** The process key (route parameter). */
  readonly key = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly process = signal<StartableProcess | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly problems = signal<FormProblem[]>([]);
  protected readonly busy = signal(false);
  protected readonly form = viewChild<FormViewer>('form');
  private readonly reference = viewChild<ElementRef<HTMLInputElement>>('reference');
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    effect(() => {
      const key = this.key();
      untracked(() => void this.load(key));
    });
  }

  private async load(key: string): Promise<void> {
    this.state.set('loading');
    try {
      const process = (await this.api.startable()).find((p) => p.key === key) ?? null;
      this.process.set(process);
      this.state.set(process === null ? 'not-found' : 'ready');
      this.title.setTitle(`Start: ${process?.name ?? key} · Safepath`);
    } catch {
      this.state.set('failed');
    }
  }

  /** After a first attempt, the summary follows the answers. */
  protected formChanged(): void {
    if (this.problems().length === 0) return;
    this.problems.set(this.form()?.check() ?? []);
    if (this.problems().length === 0) this.problem.set(null);
  }

  protected async start(): Promise<void> {
    const process = this.process();
    if (process === null || this.busy()) return;
    const form = this.form();
    const result = form ? form.submit() : ({ ok: true, values: {} } as const);
    if (!result.ok) {
      this.problem.set('Check the form: some answers are missing or not valid.');
      this.problems.set(result.problems);
      this.summary()?.nativeElement.focus();
      return;
    }
    this.problem.set(null);
    this.problems.set([]);
    this.busy.set(true);
    try {
      const businessKey = this.reference()?.nativeElement.value.trim() || undefined;
      const started = await this.api.startCase(process.key, result.values, businessKey);
      if (started.nextTaskId) await this.router.navigate(['/tasks', started.nextTaskId]);
      else await this.router.navigate(['/inbox'], {
          state: { completed: { title: `Case started: ${process.name ?? process.key}.`, detail: 'Its first task is with the people it is offered to.', nextTasks: [] } },
        });
    } catch (error) {
      const message = problemMessage(error, 'The case could not be started. Try again in a moment.');
      this.problem.set(message);
      if (statusOf(error) === 400 && form) this.problems.set(form.showServerProblems(message));
      this.summary()?.nativeElement.focus();
    } finally {
      this.busy.set(false);
    }
  }
}
