import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { InboxApi, problemMessage, statusOf } from '../inbox/inbox-api';
import type { CompletedNotice } from '../inbox/inbox-page';
import { formatDateTime, groupLabel, overdueText, workingTimeLeftText } from '../inbox/time-format';
import { type FormProblem, FormViewer } from './form-viewer';
import { SignpostingPanel } from './signposting-panel';
import { TaskApi, type TaskPageData } from './task-api';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

/**
 * One task: the case summary, the step's guidance, its form (validated in the browser and again
 * by the server), the signposting the step needs, the deadline in working hours and the case's
 * history. Save a draft or complete; afterwards the inbox says where the case went next.
 */
@Component({
  selector: 'sp-task-page',
  imports: [RouterLink, FormViewer, SignpostingPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './task-page.html',
  styleUrl: './task-page.css',
})
export class TaskPage {
  private readonly api = inject(TaskApi);
  private readonly inbox = inject(InboxApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  /** The task id (route parameter). */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly page = signal<TaskPageData | null>(null);
  protected readonly problems = signal<FormProblem[]>([]);
  protected readonly serverMessage = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<'complete' | 'draft' | 'claim' | null>(null);

  protected readonly formatDateTime = formatDateTime;
  protected readonly overdueText = overdueText;
  protected readonly workingTimeLeftText = workingTimeLeftText;
  protected readonly me = computed(() => this.auth.user()?.userId ?? null);
  protected readonly task = computed(() => this.page()?.task ?? null);
  protected readonly offeredTo = computed(() => (this.task()?.candidateGroups ?? []).map(groupLabel).join(', ') || 'nobody yet');
  protected readonly guidance = computed(() => (this.page()?.guidance ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== ''));
  protected readonly deadline = computed(() => {
    const page = this.page();
    if (page === null) return null;
    if (page.deadline) return { ...page.deadline, overdueForMs: page.deadline.overdueForMs ?? page.task.overdueForMs };
    if (page.task.due) return { due: page.task.due, workingHoursLeft: page.task.workingHoursLeft, overdue: page.task.overdue, overdueForMs: page.task.overdueForMs };
    return null;
  });

  private readonly form = viewChild<FormViewer>('form');
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
    this.problems.set([]);
    this.serverMessage.set(null);
    try {
      const page = await this.api.page(id);
      this.page.set(page);
      this.state.set('ready');
      this.title.setTitle(`${page.task.name ?? 'Task'} · Safepath`);
    } catch (error) {
      const status = statusOf(error);
      this.state.set(status === 404 || status === 403 ? 'not-found' : 'failed');
      this.title.setTitle(`${status === 404 || status === 403 ? 'Task not found' : 'Task'} · Safepath`);
    }
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected async claim(): Promise<void> {
    const task = this.task();
    if (task === null || this.busy() !== null) return;
    this.busy.set('claim');
    try {
      await this.inbox.claim(task.id);
      this.page.update((page) => (page === null ? page : { ...page, task: { ...page.task, assignee: this.me() } }));
      this.say('You claimed this task.');
    } catch (error) {
      this.serverMessage.set(problemMessage(error, 'The task could not be claimed.'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async saveDraft(): Promise<void> {
    const task = this.task();
    if (task === null || this.busy() !== null) return;
    this.busy.set('draft');
    try {
      await this.api.saveDraft(task.id, this.form()?.values() ?? {});
      this.say(`Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. You can come back to it later.`);
    } catch (error) {
      this.serverMessage.set(problemMessage(error, 'The draft could not be saved.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** Validates in the browser, then completes on the server and goes back to the inbox. */
  protected async complete(): Promise<void> {
    const task = this.task();
    if (task === null || this.busy() !== null) return;
    this.serverMessage.set(null);
    const form = this.form();
    const result = form ? form.submit() : ({ ok: true, values: {} } as const);
    if (!result.ok) {
      this.problems.set(result.problems);
      this.focusSummary();
      return;
    }
    this.problems.set([]);
    this.busy.set('complete');
    try {
      if (!task.assignee) await this.inbox.claim(task.id);
      const { nextTasks } = await this.api.complete(task.id, result.values);
      const completed: CompletedNotice = { title: `Task “${task.name ?? task.taskKey}” completed.`, nextTasks };
      await this.router.navigate(['/inbox'], { state: { completed } });
    } catch (error) {
      const message = problemMessage(error, 'The task could not be completed. Try again in a moment.');
      this.serverMessage.set(message);
      if (statusOf(error) === 400 && form) this.problems.set(form.showServerProblems(message));
      this.focusSummary();
    } finally {
      this.busy.set(null);
    }
  }

  /** After a first attempt, the summary follows the answers (problems fixed disappear). */
  protected formChanged(): void {
    if (this.problems().length === 0 || this.serverMessage() !== null) return;
    this.problems.set(this.form()?.check() ?? []);
  }

  protected focusField(problem: FormProblem): void {
    if (problem.fieldId !== null) this.form()?.focusField(problem.fieldId);
  }

  private focusSummary(): void {
    setTimeout(() => this.summary()?.nativeElement.focus(), 0);
  }

  private say(message: string): void {
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
