import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { BpmnCanvas, type DiagramNames } from '../dashboard/bpmn-canvas';
import { AssignDialog, type AssignChoice } from '../inbox/assign-dialog';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { formatDateTime, formatDuration } from '../inbox/time-format';
import { CaseApi, type CaseView, type TimelineEntry } from './case-api';
import { type ReasonChoice, ReasonDialog } from './reason-dialog';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

const STATE_TEXT: Record<string, string> = {
  ACTIVE: 'Open',
  SUSPENDED: 'Paused',
  COMPLETED: 'Finished',
  EXTERNALLY_TERMINATED: 'Cancelled',
  INTERNALLY_TERMINATED: 'Ended early',
};

/**
 * One case: the diagram with where it is now, the timeline of every step (who, when, how long,
 * on time or late), what has been recorded (sensitive values hidden from those who may not read
 * them), problems with Retry, and the manager's actions (reassign, change a due date, cancel),
 * each with a reason for the audit trail.
 */
@Component({
  selector: 'sp-case-page',
  imports: [RouterLink, BpmnCanvas, AssignDialog, ReasonDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-page.html',
  styleUrl: './case-page.css',
})
export class CasePage {
  private readonly api = inject(CaseApi);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);

  /** The case id (route parameter). */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly view = signal<CaseView | null>(null);
  protected readonly names = signal<DiagramNames>(new Map());
  protected readonly message = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly acting = signal<TimelineEntry | null>(null);
  protected readonly formatDateTime = formatDateTime;
  protected readonly duration = formatDuration;

  protected readonly isManager = computed(() => {
    const roles = this.auth.user()?.roles ?? [];
    return roles.includes('manager') || roles.includes('platform-admin');
  });
  protected readonly active = computed(() => {
    const state = this.view()?.case.state;
    return state === undefined || state === null || state === 'ACTIVE' || state === 'SUSPENDED';
  });
  protected readonly stateText = computed(() => STATE_TEXT[this.view()?.case.state ?? 'ACTIVE'] ?? this.view()?.case.state ?? 'Open');
  protected readonly openTasks = computed(() =>
    (this.view()?.timeline ?? []).filter((e) => e.kind === 'step' && !e.end && !e.canceled && typeof e.taskId === 'string'),
  );
  protected readonly currentNames = computed(() => {
    const view = this.view();
    if (view === null) return [];
    const fromTimeline = new Map(view.timeline.filter((e) => e.kind === 'step' && e.name && e.activityId).map((e) => [e.activityId!, e.name!]));
    return view.currentActivityIds.map((id) => this.names().get(id) ?? fromTimeline.get(id) ?? id);
  });
  protected readonly hiddenCount = computed(() => (this.view()?.variables ?? []).filter((v) => v.redacted).length);
  protected readonly people = computed(() =>
    [...new Set((this.view()?.timeline ?? []).flatMap((e) => [e.assignee, e.actor]).filter((a): a is string => !!a))].sort(),
  );

  private readonly reassignDialog = viewChild.required<AssignDialog>('reassignDialog');
  private readonly dueDialog = viewChild.required<ReasonDialog>('dueDialog');
  private readonly cancelDialog = viewChild.required<ReasonDialog>('cancelDialog');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string, quiet = false): Promise<void> {
    if (!quiet) this.state.set('loading');
    try {
      const view = await this.api.get(id);
      this.view.set(view);
      this.state.set('ready');
      this.title.setTitle(`Case ${view.case.businessKey ?? ''} · Safepath`);
    } catch (error) {
      const status = statusOf(error);
      this.state.set(status === 404 || status === 403 ? 'not-found' : 'failed');
      this.title.setTitle(`${status === 404 || status === 403 ? 'Case not found' : 'Case'} · Safepath`);
    }
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected nameOf(activityId: string | null): string {
    if (activityId === null) return 'A step';
    return this.names().get(activityId) ?? this.view()?.timeline.find((e) => e.kind === 'step' && e.activityId === activityId)?.name ?? activityId;
  }

  /** "areYouSafe" → "Are you safe". */
  protected label(name: string): string {
    const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** A recorded value as text: yes/no, dates in words, lists and objects as JSON. */
  protected show(value: unknown, type: string | null = null): string {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'string' && (type === 'Date' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value))) return formatDateTime(value);
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  protected openReassign(entry: TimelineEntry): void {
    this.acting.set(entry);
    this.reassignDialog().open();
  }

  protected openDue(entry: TimelineEntry): void {
    this.acting.set(entry);
    this.dueDialog().open(entry.due ?? null);
  }

  protected async reassign(choice: AssignChoice): Promise<void> {
    const entry = this.acting();
    if (!entry?.taskId) return;
    await this.run(
      () => this.api.reassign(entry.taskId!, choice.userId, choice.reason),
      `“${entry.name}” reassigned to ${choice.userId}.`,
      (message) => this.reassignDialog().fail(message),
      () => this.reassignDialog().close(),
    );
  }

  protected async changeDue(choice: ReasonChoice): Promise<void> {
    const entry = this.acting();
    if (!entry?.taskId || choice.due === null) return;
    await this.run(
      () => this.api.changeDue(entry.taskId!, choice.due!, choice.reason),
      `Due date of “${entry.name}” changed to ${formatDateTime(choice.due)}.`,
      (message) => this.dueDialog().fail(message),
      () => this.dueDialog().close(),
    );
  }

  protected async cancel(choice: ReasonChoice): Promise<void> {
    await this.run(
      () => this.api.cancel(this.id(), choice.reason),
      'The case has been cancelled.',
      (message) => this.cancelDialog().fail(message),
      () => this.cancelDialog().close(),
    );
  }

  protected async retry(incidentId: string): Promise<void> {
    await this.run(
      () => this.api.retryIncident(this.id(), incidentId),
      'Retried: the step runs again.',
      (message) => this.problem.set(message),
      () => undefined,
    );
  }

  private async run(action: () => Promise<void>, done: string, fail: (message: string) => void, close: () => void): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await action();
      close();
      this.message.set(done);
      await this.load(this.id(), true);
    } catch (error) {
      fail(problemMessage(error, 'That did not work. Try again in a moment.'));
    } finally {
      this.busy.set(false);
    }
  }
}
