import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { InboxApi, problemMessage, statusOf } from '../inbox/inbox-api';
import type { CompletedNotice } from '../inbox/inbox-page';
import { formatDateTime, groupLabel, overdueText, workingTimeLeftText } from '../inbox/time-format';
import { SignpostingPanel } from './signposting-panel';
import { StepForm } from './step-form';
import { TaskApi, type TaskPageData } from './task-api';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

/**
 * One task: the case summary, the step's guidance, its form (validated in the browser and again
 * by the server), the signposting the step needs, the deadline in working hours and the case's
 * history. Save a draft or complete; afterwards the inbox says where the case went next.
 */
@Component({
  selector: 'sp-task-page',
  imports: [RouterLink, SignpostingPanel, StepForm],
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

  private readonly stepForm = viewChild(StepForm);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
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
      this.stepForm()?.showMessage(problemMessage(error, 'The task could not be claimed.'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async saveDraft(): Promise<void> {
    const task = this.task();
    if (task === null || this.busy() !== null) return;
    this.busy.set('draft');
    try {
      await this.api.saveDraft(task.id, this.stepForm()?.values() ?? {});
      this.say(`Draft saved at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. You can come back to it later.`);
    } catch (error) {
      this.stepForm()?.showMessage(problemMessage(error, 'The draft could not be saved.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** Completes the task with the answers the browser has checked, then goes back to the inbox. */
  protected readonly completeTask = async (values: Record<string, unknown>): Promise<void> => {
    const task = this.task();
    if (task === null) return;
    this.busy.set('complete');
    try {
      if (!task.assignee) await this.inbox.claim(task.id);
      const { nextTasks } = await this.api.complete(task.id, values);
      const completed: CompletedNotice = { title: `Task “${task.name ?? task.taskKey}” completed.`, nextTasks };
      await this.router.navigate(['/inbox'], { state: { completed } });
    } finally {
      this.busy.set(null);
    }
  };

  private say(message: string): void {
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
