import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { BpmnCanvas, type DiagramNode } from '../dashboard/bpmn-canvas';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { groupLabel } from '../inbox/time-format';
import { StepForm } from '../task/step-form';
import { AttemptComparisonView } from './attempt-comparison';
import { ExplanationPanel } from './explanation-panel';
import { ParticipantsPanel } from './participants-panel';
import { ReplayPanel } from './replay-panel';
import { SaveScenarioForm } from './save-scenario-form';
import {
  type Advance,
  SimulationApi,
  type SimulationState,
  type SimulationTask,
  formatSimulatedTime,
  scenarioLabel,
} from './simulation-api';
import { StoryPanel } from './story-panel';
import { doneText, stepInWords } from './step-words';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';
type Busy = 'complete' | 'advance' | 'replay' | 'finish' | 'end' | null;

/** How often a shared simulation is read again, so each screen shows the others' steps. */
const POLL_MS = 2500;

/**
 * One training simulation, walked through: the simulated time and a "not a real case" banner
 * always at the top, with the mode (free, replaying a scenario, practising one); the diagram with
 * where the case is and the path so far; the current step's guidance and form as staff would see
 * them; the clock moved by an hour, a working day or to the next deadline, with what fired; what
 * happens next and why; the pending deadlines; End simulation.
 *
 * The owner of a replay plays the scenario's steps; a trainer invites colleagues and hands them
 * steps, which then show (and only those) on the participant's own screen. A practice ends with
 * "Finish and compare" and the comparison with the scenario. While others take part, the page
 * reads the simulation again every few seconds.
 */
@Component({
  selector: 'sp-simulation-page',
  imports: [
    RouterLink,
    StepForm,
    BpmnCanvas,
    ExplanationPanel,
    ReplayPanel,
    StoryPanel,
    ParticipantsPanel,
    SaveScenarioForm,
    AttemptComparisonView,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './simulation-page.html',
  styleUrl: './simulation-page.css',
})
export class SimulationPage {
  private readonly api = inject(SimulationApi);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly auth = inject(AuthService);

  /** The simulation's id (route parameter). */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly sim = signal<SimulationState | null>(null);
  protected readonly xml = signal<string | null>(null);
  protected readonly nodes = signal<ReadonlyMap<string, DiagramNode>>(new Map());
  protected readonly chosenTaskId = signal<string | null>(null);
  /** What the last clock move fired, in words. */
  protected readonly firedLines = signal<string[] | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<Busy>(null);

  protected readonly formatSimulatedTime = formatSimulatedTime;
  private readonly me = computed(() => this.auth.user()?.userId ?? null);
  protected readonly canRun = computed(() => this.auth.user()?.permissions.includes('simulation:run') ?? false);
  /** Everything but completing handed steps is the owner's. */
  protected readonly isOwner = computed(() => this.sim()?.viewerIsOwner !== false);
  protected readonly mode = computed(() => this.sim()?.mode ?? 'free');
  /** A practice that has been finished and compared: its steps are over. */
  protected readonly practiceOver = computed(() => this.mode() === 'practice' && (this.sim()?.result ?? null) !== null);
  /** Steps the viewer works on here: the owner's unhanded ones; a participant's handed ones. */
  protected readonly workable = computed(() =>
    (this.sim()?.tasks ?? []).filter((t) => (this.isOwner() ? !t.handedTo : t.mayComplete)),
  );
  /** Open steps someone else has: shown, not worked on. */
  protected readonly elsewhere = computed(() => {
    const mine = new Set(this.workable().map((t) => t.id));
    return (this.sim()?.tasks ?? []).filter((t) => !mine.has(t.id));
  });
  protected readonly task = computed<SimulationTask | null>(() => {
    const tasks = this.workable();
    return tasks.find((t) => t.id === this.chosenTaskId()) ?? tasks[0] ?? null;
  });
  /**
   * The task's form as form-js reads it (the server sends the components; the viewer needs the root
   * type). Equal by content, so reading the simulation again does not clear answers being typed.
   */
  protected readonly schema = computed(
    () => {
      const schema = this.task()?.formSchema;
      return schema ? { type: 'default', ...schema } : null;
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  protected readonly modeLine = computed(() => {
    const sim = this.sim();
    const scenario = sim?.scenario;
    if (!sim || !scenario || this.mode() === 'free') return 'Free simulation';
    const name = `“${scenarioLabel(scenario)}”`;
    if (this.mode() === 'practice') return `Practising ${name}${sim.result ? ' (finished)' : ''}`;
    const cursor = scenario.cursor ?? 0;
    return cursor >= scenario.stepCount
      ? `Replaying ${name}: all ${scenario.stepCount} steps played`
      : `Replaying ${name}: step ${cursor + 1} of ${scenario.stepCount} next`;
  });
  protected readonly logLength = computed(() => this.sim()?.log?.length ?? 0);
  /** The tasks completed so far (task keys, in order), for the story's "Now:". */
  protected readonly doneTasks = computed(
    () => (this.sim()?.log ?? []).flatMap((step) => (step.kind === 'complete' ? [step.taskKey] : [])),
    { equal: (a, b) => a.join(' ') === b.join(' ') },
  );
  /** Names a diagram element (for the replay's next step). */
  protected readonly nameOfFn = (activityId: string) => this.nameOf(activityId);
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
  /** Deadlines running, earliest first; a step's due date and its deadline timer at the same moment show once. */
  protected readonly pending = computed(() => {
    const seen = new Set<string>();
    return [...(this.sim()?.pendingTimers ?? [])]
      .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''))
      .map((timer) => ({ ...timer, label: this.timerLabel(timer.activityId) }))
      .filter((timer) => {
        const key = `${timer.label}|${timer.due}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  });

  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');
  /** Counts the viewer's actions, so a reading started before one is not applied after it. */
  private actions = 0;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    const timer = setInterval(() => void this.poll(), POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      const sim = await this.api.get(id);
      this.sim.set(sim);
      this.state.set('ready');
      this.title.setTitle(sim.mode === 'practice' ? 'Practice · Safepath' : 'Training simulation · Safepath');
      this.xml.set(await this.api.xml(sim.processKey, sim.version).catch(() => null));
    } catch (error) {
      const status = statusOf(error);
      this.state.set(status === 404 ? 'not-found' : 'failed');
    }
  }

  /**
   * Reads the simulation again while others take part (a participant always; the owner once they
   * have invited someone), and says what the others did or handed over.
   */
  private async poll(): Promise<void> {
    const sim = this.sim();
    if (this.state() !== 'ready' || sim === null || this.busy() !== null || document.visibilityState === 'hidden') return;
    if (this.isOwner() && (sim.participants ?? []).length === 0) return;
    const seen = this.actions;
    let next: SimulationState;
    try {
      next = await this.api.get(sim.id);
    } catch (error) {
      if (statusOf(error) === 404 && seen === this.actions) this.state.set('not-found');
      return;
    }
    const current = this.sim();
    if (seen !== this.actions || this.busy() !== null || current === null) return;
    if (JSON.stringify({ ...next, fired: undefined }) === JSON.stringify({ ...current, fired: undefined })) return;
    const before = new Set(this.workable().map((t) => t.id));
    this.sim.set(next);
    const news = (next.log ?? [])
      .slice((current.log ?? []).length)
      .filter((step) => step.by?.id !== this.me())
      .map((step) => doneText(step, this.nameOfFn));
    const handed = this.isOwner() ? [] : this.workable().filter((t) => !before.has(t.id)).map((t) => `“${t.name ?? t.taskKey}” is handed to you.`);
    if (news.length > 0 || handed.length > 0) this.say([...news, ...handed].join(' '));
  }

  /** The simulation as a panel's action (invite, hand over) left it. */
  protected updated(next: SimulationState): void {
    this.actions++;
    this.sim.set(next);
  }

  protected announce(message: string): void {
    this.say(message);
  }

  protected reload(): void {
    void this.load(this.id());
  }

  protected diagramLoaded(nodes: ReadonlyMap<string, DiagramNode>): void {
    this.nodes.set(nodes);
  }

  protected choose(task: SimulationTask): void {
    this.chosenTaskId.set(task.id);
  }

  protected groupsOf(task: SimulationTask): string {
    return task.candidateGroups.map(groupLabel).join(', ') || 'nobody in particular';
  }

  protected nameOf(activityId: string): string {
    return this.nodes().get(activityId)?.name ?? activityId;
  }

  /** Completes the step in the simulation with the answers the browser has checked. */
  protected readonly completeStep = async (values: Record<string, unknown>): Promise<void> => {
    const sim = this.sim();
    const task = this.task();
    if (sim === null || task === null) return;
    this.busy.set('complete');
    this.actions++;
    try {
      const before = new Set(sim.tasks.map((t) => t.id));
      const next = await this.api.complete(sim.id, task.id, values);
      this.sim.set(next);
      this.chosenTaskId.set(null);
      this.firedLines.set(null);
      const opened = next.tasks.filter((t) => !before.has(t.id)).map((t) => this.taskText(t));
      this.say(`“${task.name ?? task.taskKey}” completed.${opened.length > 0 ? ` Next: ${opened.join('; ')}.` : next.ended ? ' The case has reached its end.' : ''}`);
      setTimeout(() => this.stepHeading()?.nativeElement.focus(), 0);
    } finally {
      this.busy.set(null);
    }
  };

  protected async completeExternal(externalTaskId: string): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    this.busy.set('complete');
    this.actions++;
    try {
      this.sim.set(await this.api.completeExternal(sim.id, externalTaskId));
      this.say('The automatic step was completed.');
    } catch (error) {
      this.say(problemMessage(error, 'The automatic step could not be completed.'));
    } finally {
      this.busy.set(null);
    }
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
    this.actions++;
    try {
      const before = new Set(sim.tasks.map((t) => t.id));
      const next = await this.api.advance(sim.id, by);
      this.sim.set(next);
      const lines = this.firedSince(next, before);
      this.firedLines.set(lines);
      this.say(`Simulated time is now ${formatSimulatedTime(next.clock)}. ${lines.length === 0 ? 'Nothing fell due.' : `${lines.length} deadline${lines.length === 1 ? '' : 's'} passed.`}`);
    } catch (error) {
      this.say(problemMessage(error, 'The clock could not be moved.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** Plays the replay's next scenario step (or all the rest) and says what it did. */
  protected async play(all: boolean): Promise<void> {
    const sim = this.sim();
    const step = sim?.scenario?.nextStep ?? null;
    if (sim === null || step === null || this.busy() !== null) return;
    const words = stepInWords(step, sim.tasks, this.nameOfFn).done;
    const from = (sim.scenario?.cursor ?? 0) + 1;
    this.busy.set('replay');
    this.actions++;
    try {
      const before = new Set(sim.tasks.map((t) => t.id));
      const next = await this.api.playNext(sim.id, all);
      this.sim.set(next);
      this.chosenTaskId.set(null);
      const lines = (next.fired ?? []).length > 0 ? this.firedSince(next, before) : [];
      this.firedLines.set(lines.length > 0 ? lines : null);
      const ended = next.ended ? ' The case has reached its end.' : '';
      if (all) {
        const fired = lines.length === 0 ? '' : ` ${lines.length} timer${lines.length === 1 ? '' : 's'} fired.`;
        this.say(`Steps ${from} to ${next.scenario?.stepCount ?? from} played.${fired}${ended}`);
      } else {
        const fired = lines.map((line) => ` ${line}.`).join('');
        this.say(`Step ${from} played: ${words}${fired}${ended}`);
      }
    } catch (error) {
      this.say(problemMessage(error, 'The step could not be played.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** Ends a practice: the server compares it with the scenario and keeps the attempt. */
  protected async finish(): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    this.busy.set('finish');
    this.actions++;
    try {
      const attempt = await this.api.finish(sim.id);
      // Read again: a finished practice tells the whole story.
      const finished = await this.api.get(sim.id).catch(() => null);
      this.sim.set(finished ?? { ...sim, result: attempt.result });
      this.firedLines.set(null);
      this.say(`Your attempt is saved: ${attempt.matched} of ${attempt.total} steps matched the scenario.`);
      setTimeout(() => document.getElementById('result-heading')?.focus(), 0);
    } catch (error) {
      this.say(problemMessage(error, 'The practice could not be finished.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** What a clock move fired, in words, with the steps it opened. */
  private firedSince(next: SimulationState, before: ReadonlySet<string>): string[] {
    const lines = (next.fired ?? []).map((f) => this.firedText(f.activityId, f.outcome));
    const opened = next.tasks.filter((t) => !before.has(t.id)).map((t) => this.taskText(t));
    if (opened.length > 0) {
      if (lines.length > 0) lines[lines.length - 1] += ` → ${opened.join('; ')}`;
      else lines.push(`New: ${opened.join('; ')}`);
    }
    return lines;
  }

  protected async end(): Promise<void> {
    const sim = this.sim();
    if (sim === null || this.busy() !== null) return;
    this.busy.set('end');
    this.actions++;
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

  private say(message: string): void {
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
