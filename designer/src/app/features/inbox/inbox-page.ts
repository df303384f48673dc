import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { AssignDialog, type AssignChoice } from './assign-dialog';
import { type DueWindow, InboxApi, type InboxCounts, type InboxTask, type InboxView, type StartableProcess, problemMessage } from './inbox-api';
import { type InboxEvent, InboxEvents } from './inbox-events';
import { INBOX_SHORTCUTS, isTypingOrModified } from './keyboard-shortcuts';
import { NotificationList } from './notification-list';
import { formatDateTime, groupLabel, overdueText, workingTimeLeftText } from './time-format';

/** What the task page hands over after completing a task (router state), shown once here. */
export interface CompletedNotice {
  /** What happened, as a sentence: "Task “Log the disclosure” completed." */
  title: string;
  /** Said instead of "no further tasks" when the next tasks are not known (a case just started). */
  detail?: string;
  nextTasks: { id: string; name: string | null; candidateGroups: string[]; assignee: string | null }[];
}

const VIEWS: readonly { id: InboxView; label: string }[] = [
  { id: 'mine', label: 'My tasks' },
  { id: 'team', label: 'My teams' },
  { id: 'all', label: 'All' },
];

const PAGE_SIZE = 50;

/**
 * The staff inbox: my tasks, my teams' tasks and (managers) every open task of the organisation,
 * overdue first. Claim, unclaim and assign from the list; start a new case; live updates from
 * the server; keyboard shortcuts (press ?).
 */
@Component({
  selector: 'sp-inbox-page',
  imports: [RouterLink, NotificationList, AssignDialog],
  providers: [InboxEvents],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  templateUrl: './inbox-page.html',
  styleUrl: './inbox-page.css',
})
export class InboxPage {
  private readonly api = inject(InboxApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly events = inject(InboxEvents);

  protected readonly shortcuts = INBOX_SHORTCUTS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly formatDateTime = formatDateTime;
  protected readonly overdueText = overdueText;
  protected readonly workingTimeLeftText = workingTimeLeftText;

  protected readonly me = computed(() => this.auth.user()?.userId ?? null);
  protected readonly isManager = computed(() => {
    const roles = this.auth.user()?.roles ?? [];
    return roles.includes('manager') || roles.includes('platform-admin');
  });
  protected readonly views = computed(() => VIEWS.filter((v) => v.id !== 'all' || this.isManager()));

  protected readonly view = signal<InboxView>('mine');
  protected readonly processKey = signal('');
  protected readonly taskKey = signal('');
  protected readonly dueWithin = signal<DueWindow | ''>('');
  protected readonly filtered = computed(() => this.processKey() !== '' || this.taskKey() !== '' || this.dueWithin() !== '');

  protected readonly tasks = signal<InboxTask[]>([]);
  protected readonly counts = signal<InboxCounts | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly selected = signal(-1);
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly startable = signal<StartableProcess[]>([]);
  /** Shown as a banner for a few seconds and announced politely to screen readers. */
  protected readonly liveMessage = signal('');
  protected readonly notice = signal<CompletedNotice | null>(null);
  protected readonly assigning = signal<InboxTask | null>(null);

  /** Every process and step seen so far, so the filters keep their options when a filter narrows the list. */
  private readonly seenProcesses = signal<ReadonlyMap<string, string>>(new Map());
  private readonly seenSteps = signal<ReadonlyMap<string, { processKey: string; label: string }>>(new Map());
  private readonly seenPeople = signal<ReadonlySet<string>>(new Set());

  protected readonly processOptions = computed(() =>
    [...this.seenProcesses()].map(([key, label]) => ({ key, label })).sort((a, b) => a.label.localeCompare(b.label)),
  );
  protected readonly stepOptions = computed(() =>
    [...this.seenSteps()]
      .filter(([, step]) => this.processKey() === '' || step.processKey === this.processKey())
      .map(([key, step]) => ({ key: key.split('\u0000')[1], label: step.label }))
      .filter((option, index, all) => all.findIndex((o) => o.key === option.key) === index)
      .sort((a, b) => a.label.localeCompare(b.label)),
  );
  protected readonly colleagues = computed(() => [...this.seenPeople()].sort());
  protected readonly caption = computed(() => VIEWS.find((v) => v.id === this.view())?.label ?? 'Tasks');
  protected readonly emptyText = computed(() => {
    if (this.filtered()) return 'No tasks match these filters.';
    if (this.view() === 'mine') return 'You have no tasks. Claim one from My teams, or start a new case.';
    if (this.view() === 'team') return "Your teams have no open tasks.";
    return 'Your organisation has no open tasks.';
  });

  private readonly notifications = viewChild.required<NotificationList>('notifications');
  private readonly assignDialog = viewChild.required<AssignDialog>('assignDialog');
  private readonly help = viewChild.required<ElementRef<HTMLDialogElement>>('help');
  private readonly start = viewChild<ElementRef<HTMLDetailsElement>>('start');
  private requestNumber = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private clearTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingEvents: InboxEvent[] = [];

  constructor() {
    const location = inject(Location);
    const state = location.getState() as { completed?: CompletedNotice } | null;
    if (state?.completed) {
      this.notice.set(state.completed);
      // Said once: a reload or Back does not repeat it.
      location.replaceState(location.path(), '', { ...state, completed: undefined });
    }
    void this.load();
    void this.loadStartable();
    this.events.subscribe((event) => this.onEvent(event));
  }

  protected countOf(view: InboxView): string {
    const counts = this.counts();
    return counts === null ? '' : String(counts[view]);
  }

  protected priorityText(priority: number): string {
    if (priority >= 75) return 'High';
    if (priority <= 25) return 'Low';
    return 'Normal';
  }

  protected groupsText(groups: readonly string[]): string {
    return groups.length === 0 ? 'nobody yet' : groups.map(groupLabel).join(', ');
  }

  /** Escape closes the "Start a new case" list and returns to its button. */
  protected closeStart(): void {
    const details = this.start()?.nativeElement;
    if (!details?.open) return;
    details.open = false;
    details.querySelector('summary')?.focus();
  }

  protected dismissNotice(): void {
    this.notice.set(null);
  }

  /** Whether the next task is the person's own or offered to one of their groups. */
  protected isMine(task: CompletedNotice['nextTasks'][number]): boolean {
    if (task.assignee) return task.assignee === this.me();
    const groups = this.auth.user()?.groups ?? [];
    return task.candidateGroups.some((g) => groups.includes(g));
  }

  protected sentTo(task: CompletedNotice['nextTasks'][number]): string {
    if (task.assignee) return task.assignee === this.me() ? 'you' : task.assignee;
    return this.groupsText(task.candidateGroups);
  }

  /** Fetches the current view with the current filters (a later call wins over an earlier one). */
  async load(): Promise<void> {
    const number = ++this.requestNumber;
    this.loading.set(true);
    const previousId = this.tasks()[this.selected()]?.id;
    try {
      const page = await this.api.list({
        view: this.view(),
        processKey: this.processKey() || undefined,
        taskKey: this.taskKey() || undefined,
        dueWithin: this.dueWithin() || undefined,
        maxResults: PAGE_SIZE,
      });
      if (number !== this.requestNumber) return;
      this.tasks.set(page.tasks);
      this.counts.set(page.counts);
      this.problem.set(null);
      this.remember(page.tasks);
      const index = previousId === undefined ? -1 : page.tasks.findIndex((t) => t.id === previousId);
      this.selected.set(index);
    } catch (error) {
      if (number !== this.requestNumber) return;
      this.problem.set(problemMessage(error, 'Your tasks could not be loaded.'));
    } finally {
      if (number === this.requestNumber) this.loading.set(false);
    }
  }

  private async loadStartable(): Promise<void> {
    try {
      const processes = await this.api.startable();
      this.startable.set(processes);
      this.seenProcesses.update((seen) => {
        const next = new Map(seen);
        for (const p of processes) if (!next.has(p.key)) next.set(p.key, p.name || p.key);
        return next;
      });
    } catch {
      // Starting cases is optional here; the list still works.
    }
  }

  private remember(tasks: readonly InboxTask[]): void {
    this.seenProcesses.update((seen) => {
      const next = new Map(seen);
      for (const t of tasks) next.set(t.processKey, t.processName || t.processKey);
      return next;
    });
    this.seenSteps.update((seen) => {
      const next = new Map(seen);
      for (const t of tasks) next.set(`${t.processKey}\u0000${t.taskKey}`, { processKey: t.processKey, label: t.name || t.taskKey });
      return next;
    });
    this.seenPeople.update((seen) => {
      const next = new Set(seen);
      for (const t of tasks) if (t.assignee) next.add(t.assignee);
      const me = this.me();
      if (me) next.add(me);
      return next;
    });
  }

  protected selectView(view: InboxView): void {
    if (this.view() === view) return;
    this.view.set(view);
    this.selected.set(-1);
    this.tasks.set([]);
    void this.load();
  }

  /** Left/Right/Home/End move between the tabs (the ARIA tabs pattern). */
  protected tabKey(event: KeyboardEvent): void {
    const views = this.views();
    const index = views.findIndex((v) => v.id === this.view());
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: views.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = views[(moves[event.key] + views.length) % views.length];
    this.selectView(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  protected setProcess(value: string): void {
    this.processKey.set(value);
    if (value !== '' && !this.stepOptions().some((o) => o.key === this.taskKey())) this.taskKey.set('');
    void this.load();
  }

  protected setStep(value: string): void {
    this.taskKey.set(value);
    void this.load();
  }

  protected setDue(value: string): void {
    this.dueWithin.set(value === 'overdue' || value === 'today' || value === 'week' ? value : '');
    void this.load();
  }

  protected clearFilters(): void {
    this.processKey.set('');
    this.taskKey.set('');
    this.dueWithin.set('');
    void this.load();
  }

  protected async claim(task: InboxTask): Promise<void> {
    await this.act(task, () => this.api.claim(task.id), `You claimed “${task.name}”.`, 'The task could not be claimed.');
  }

  protected async unclaim(task: InboxTask): Promise<void> {
    await this.act(task, () => this.api.unclaim(task.id), `“${task.name}” is back with the team.`, 'The task could not be unclaimed.');
  }

  protected openAssign(task: InboxTask): void {
    this.assigning.set(task);
    this.assignDialog().open();
  }

  protected async assign(choice: AssignChoice): Promise<void> {
    const task = this.assigning();
    if (task === null) return;
    try {
      await this.api.assign(task.id, choice.userId);
      this.assignDialog().close();
      this.announce(`“${task.name}” assigned to ${choice.userId}.`);
      await this.load();
    } catch (error) {
      this.assignDialog().fail(problemMessage(error, 'The task could not be assigned.'));
    }
  }

  private async act(task: InboxTask, action: () => Promise<void>, done: string, failed: string): Promise<void> {
    if (this.busy().has(task.id)) return;
    this.busy.update((ids) => new Set(ids).add(task.id));
    try {
      await action();
      this.announce(done);
      await this.load();
    } catch (error) {
      this.problem.set(problemMessage(error, failed));
      await this.load();
    } finally {
      this.busy.update((ids) => {
        const next = new Set(ids);
        next.delete(task.id);
        return next;
      });
    }
  }

  /** A live event: re-fetch shortly (several events in a burst cost one request), then say what changed. */
  private onEvent(event: InboxEvent): void {
    if (event.type === 'notification') {
      void this.notifications().reload();
      return;
    }
    this.pendingEvents.push(event);
    if (this.refreshTimer !== null) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      const events = this.pendingEvents.splice(0);
      const before = new Map(this.tasks().map((t) => [t.id, t]));
      void this.load().then(() => this.describe(events, before));
    }, 250);
  }

  private describe(events: readonly InboxEvent[], before: ReadonlyMap<string, InboxTask>): void {
    const now = new Map(this.tasks().map((t) => [t.id, t]));
    const messages: string[] = [];
    for (const event of events) {
      const task = (event.taskId && (now.get(event.taskId) ?? before.get(event.taskId))) || null;
      const name = task?.name ?? null;
      if (event.type === 'task-created') messages.push(name ? `New task: ${name}${task?.businessKey ? ` (case ${task.businessKey})` : ''}` : 'A new task has arrived');
      else if (event.type === 'task-overdue') messages.push(name ? `Now overdue: ${name}` : 'A task is now overdue');
      else if (event.type === 'task-claimed' && event.assignee && event.assignee !== this.me() && before.has(event.taskId ?? '')) {
        messages.push(`${name ?? 'A task'} was claimed by ${event.assignee}`);
      }
    }
    const unique = [...new Set(messages)];
    if (unique.length > 0) this.announce(unique.join('. ') + '.');
  }

  private announce(message: string): void {
    // Cleared first so that the same words twice are read twice.
    this.liveMessage.set('');
    if (this.clearTimer !== null) clearTimeout(this.clearTimer);
    setTimeout(() => this.liveMessage.set(message), 50);
    this.clearTimer = setTimeout(() => this.liveMessage.set(''), 10_000);
  }

  /** The page's single-key shortcuts; none fires while typing in a field or with a dialog open. */
  protected onKey(event: KeyboardEvent): void {
    if (isTypingOrModified(event)) return;
    const tasks = this.tasks();
    const current = tasks[this.selected()];
    switch (event.key) {
      case 'j':
      case 'k': {
        if (tasks.length === 0) return;
        const step = event.key === 'j' ? 1 : -1;
        const index = this.selected() < 0 ? (step === 1 ? 0 : tasks.length - 1) : Math.min(tasks.length - 1, Math.max(0, this.selected() + step));
        this.selected.set(index);
        document.getElementById(`task-${tasks[index].id}`)?.focus();
        break;
      }
      case 'Enter':
        // On the focused task link Enter already follows it; elsewhere it opens the selected task.
        if (current && !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)) void this.router.navigate(['/tasks', current.id]);
        else return;
        break;
      case 'c':
        if (current && !current.assignee) void this.claim(current);
        else return;
        break;
      case 'u':
        if (current && current.assignee && (current.assignee === this.me() || this.isManager())) void this.unclaim(current);
        else return;
        break;
      case 'a':
        if (current && this.isManager()) this.openAssign(current);
        else return;
        break;
      case '1':
      case '2':
      case '3': {
        const view = this.views()[Number(event.key) - 1];
        if (!view) return;
        this.selectView(view.id);
        break;
      }
      case 'r':
        void this.load();
        break;
      case '?':
        this.help().nativeElement.showModal();
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}
