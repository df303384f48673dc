import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { groupLabel } from '../inbox/time-format';
import { type FormProblem, FormViewer } from '../task/form-viewer';
import { type Advance, SimulationApi, type SimulationState, type SimulationTask, formatSimulatedTime } from './simulation-api';
import { type DiagramNode, SimulationDiagram } from './simulation-diagram';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';
type Busy = 'complete' | 'advance' | 'end' | null;

/**
 * One training simulation, walked through: the simulated time and a "not a real case" banner
 * always at the top; the diagram with where the case is and the path so far; the current step's
 * guidance and form as staff would see them; the clock moved by an hour, a working day or to the
 * next deadline, with what fired; the pending deadlines; End simulation.
 */
@Component({
  selector: 'sp-simulation-page',
  imports: [RouterLink, FormViewer, SimulationDiagram],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './simulation-page.html',
  styleUrl: './simulation-page.css',
})
export class SimulationPage {
  private readonly api = inject(SimulationApi);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  /** The simulation's id (route parameter). */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly sim = signal<SimulationState | null>(null);
  protected readonly xml = signal<string | null>(null);
  protected readonly nodes = signal<ReadonlyMap<string, DiagramNode>>(new Map());
  protected readonly chosenTaskId = signal<string | null>(null);
  protected readonly problems = signal<FormProblem[]>([]);
  protected readonly serverMessage = signal<string | null>(null);
  /** What the last clock move fired, in words. */
  protected readonly firedLines = signal<string[] | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<Busy>(null);

  protected readonly formatSimulatedTime = formatSimulatedTime;
  protected readonly task = computed<SimulationTask | null>(() => {
    const tasks = this.sim()?.tasks ?? [];
    return tasks.find((t) => t.id === this.chosenTaskId()) ?? tasks[0] ?? null;
  });
  /** The task's form as form-js reads it (the server sends the components; the viewer needs the root type). */
  protected readonly schema = computed(() => {
    const schema = this.task()?.formSchema;
    return schema ? { type: 'default', ...schema } : null;
  });
  protected readonly guidance = computed(() => (this.task()?.guidance ?? '').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== ''));
  protected readonly processName = computed(() => {
    const sim = this.sim();
    if (sim === null) return '';
    return this.nodes().get(sim.processKey)?.name ?? sim.processKey;
  });
  protected readonly positionText = computed(() => {
    const sim = this.sim();
    const position = (sim?.position ?? []).filter((id) => id !== sim?.processKey);
    return position.length === 0 ? 'nowhere (the case has ended)' : position.map((id) => this.nameOf(id)).join(', ');
  });
  protected readonly pathNames = computed(() => {
    const names: string[] = [];
    for (const id of this.sim()?.path ?? []) {
      const name = this.nodes().get(id)?.name;
      if (name && names[names.length - 1] !== name) names.push(name);
    }
    return names;
  });
  protected readonly pending = computed(() =>
    [...(this.sim()?.pendingTimers ?? [])]
      .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''))
      .map((timer) => ({ ...timer, label: this.timerLabel(timer.activityId) })),
  );

  private readonly form = viewChild<FormViewer>('form');
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');
  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      const sim = await this.api.get(id);
      this.sim.set(sim);
      this.state.set('ready');
      this.title.setTitle(`Training simulation · Safepath`);
      this.xml.set(await this.api.xml(sim.processKey, sim.version).catch(() => null));
    } catch (error) {
      const status = statusOf(error);
      this.state.set(status === 404 ? 'not-found' : 'failed');
    }
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected diagramLoaded(nodes: ReadonlyMap<string, DiagramNode>): void {
    this.nodes.set(nodes);
  }

  protected choose(task: SimulationTask): void {
    this.chosenTaskId.set(task.id);
    this.problems.set([]);
    this.serverMessage.set(null);
  }

  protected groupsOf(task: SimulationTask): string {
    return task.candidateGroups.map(groupLabel).join(', ') || 'nobody in particular';
  }

  protected nameOf(activityId: string): string {
    return this.nodes().get(activityId)?.name ?? activityId;
  }

  /** Validates the answers in the browser, then completes the step in the simulation. */
  protected async complete(): Promise<void> {
    const sim = this.sim();
    const task = this.task();
    if (sim === null || task === null || this.busy() !== null) return;
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
      const before = new Set(sim.tasks.map((t) => t.id));
      const next = await this.api.complete(sim.id, task.id, result.values);
      this.sim.set(next);
      this.chosenTaskId.set(null);
      this.firedLines.set(null);
      const opened = next.tasks.filter((t) => !before.has(t.id)).map((t) => this.taskText(t));
      this.say(`“${task.name ?? task.taskKey}” completed.${opened.length > 0 ? ` Next: ${opened.join('; ')}.` : next.ended ? ' The case has reached its end.' : ''}`);
      setTimeout(() => this.stepHeading()?.nativeElement.focus(), 0);
    } catch (error) {
      const message = problemMessage(error, 'The step could not be completed.');
      this.serverMessage.set(message);
      if (statusOf(error) === 400 && form) this.problems.set(form.showServerProblems(message));
      this.focusSummary();
    } finally {
      this.busy.set(null);
    }
  }

  protected async completeExternal(externalTaskId: string): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    this.busy.set('complete');
    try {
      this.sim.set(await this.api.completeExternal(sim.id, externalTaskId));
      this.say('The automatic step was completed.');
    } catch (error) {
      this.say(problemMessage(error, 'The automatic step could not be completed.'));
    } finally {
      this.busy.set(null);
    }
  }

  protected formChanged(): void {
    if (this.problems().length === 0 || this.serverMessage() !== null) return;
    this.problems.set(this.form()?.check() ?? []);
  }

  protected focusField(problem: FormProblem): void {
    if (problem.fieldId !== null) this.form()?.focusField(problem.fieldId);
  }

  /** Moves the simulated clock and lists what fired on the way. */
  protected async advance(by: Advance): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    if ('toNextDeadline' in by && sim.pendingTimers.length === 0) {
      this.say('There is no deadline pending.');
      return;
    }
    this.busy.set('advance');
    try {
      const before = new Set(sim.tasks.map((t) => t.id));
      const next = await this.api.advance(sim.id, by);
      this.sim.set(next);
      const lines = (next.fired ?? []).map((f) => this.firedText(f.activityId, f.outcome));
      const opened = next.tasks.filter((t) => !before.has(t.id)).map((t) => this.taskText(t));
      if (opened.length > 0) {
        if (lines.length > 0) lines[lines.length - 1] += ` → ${opened.join('; ')}`;
        else lines.push(`New: ${opened.join('; ')}`);
      }
      this.firedLines.set(lines);
      this.say(`Simulated time is now ${formatSimulatedTime(next.clock)}. ${lines.length === 0 ? 'Nothing fell due.' : `${lines.length} deadline${lines.length === 1 ? '' : 's'} passed.`}`);
    } catch (error) {
      this.say(problemMessage(error, 'The clock could not be moved.'));
    } finally {
      this.busy.set(null);
    }
  }

  protected async end(): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    this.busy.set('end');
    try {
      await this.api.end(sim.id);
      await this.router.navigate(['/simulations']);
    } catch (error) {
      this.say(problemMessage(error, 'The simulation could not be ended.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** "escalation of the safe contact" → its name and who would get it. */
  private taskText(task: SimulationTask): string {
    return `${task.name ?? task.taskKey} for ${this.groupsOf(task)}`;
  }

  /** A pending timer's label: the step a deadline sits on, else the timer's own name. */
  private timerLabel(activityId: string): string {
    const node = this.nodes().get(activityId);
    const host = node?.attachedTo ? this.nodes().get(node.attachedTo)?.name : null;
    return host ?? node?.name ?? activityId;
  }

  private firedText(activityId: string, outcome: string): string {
    const node = this.nodes().get(activityId);
    const prefix = node?.attachedTo ? 'Deadline passed' : 'Timer fired';
    return `${prefix}: ${this.timerLabel(activityId)}${outcome === 'fired' ? '' : ` (${outcome})`}`;
  }

  private focusSummary(): void {
    setTimeout(() => this.summary()?.nativeElement.focus(), 0);
  }

  private say(message: string): void {
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
