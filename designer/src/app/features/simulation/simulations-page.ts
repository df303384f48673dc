import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { problemMessage } from '../inbox/inbox-api';
import { formatDateTime } from '../inbox/time-format';
import { ProcessLibraryService, type ProcessSummary } from '../library/process-library.service';
import {
  type AttemptSummary,
  type ScenarioSummary,
  SimulationApi,
  type SimulationState,
  type SimulationSummary,
  formatSimulatedTime,
  scenarioLabel,
} from './simulation-api';

/**
 * Training: the caller's simulations (run or taken part in) to resume or end; the organisation's
 * scenarios to practise (everyone) or replay (trainers, who may also delete recorded ones and see
 * their results); the processes a trainer can start a free simulation of; finished practices
 * (a trainee's own, a trainer's: everyone's), each linking to its comparison.
 */
@Component({
  selector: 'sp-simulations-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './simulations-page.html',
  styleUrl: './simulations-page.css',
})
export class SimulationsPage {
  private readonly api = inject(SimulationApi);
  private readonly library = inject(ProcessLibraryService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  protected readonly canRun = computed(() => this.auth.user()?.permissions.includes('simulation:run') ?? false);
  protected readonly loading = signal(true);
  protected readonly processes = signal<ProcessSummary[]>([]);
  protected readonly running = signal<SimulationSummary[]>([]);
  protected readonly scenarios = signal<ScenarioSummary[]>([]);
  /** Finished practices shown; null while loading. */
  protected readonly attempts = signal<AttemptSummary[] | null>(null);
  protected readonly attemptsMessage = signal<string | null>(null);
  /** The scenario the results are filtered to ('' for all). */
  protected readonly resultsFor = signal('');
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly status = signal('');
  /** What is being started or ended: a process key, 'replay:<key>', 'practise:<key>', a simulation id. */
  protected readonly busy = signal<string | null>(null);
  protected readonly formatSimulatedTime = formatSimulatedTime;
  protected readonly formatDateTime = formatDateTime;
  protected readonly labelOf = scenarioLabel;
  private readonly names = computed(() => new Map(this.processes().map((p) => [p.key, p.name || p.key])));
  private readonly resultsHeading = viewChild<ElementRef<HTMLElement>>('resultsHeading');
  /** Counts result loads, so a slow answer for an older filter is dropped. */
  private resultLoads = 0;

  constructor() {
    void this.load();
    void this.loadAttempts();
  }

  protected nameOf(key: string): string {
    return this.names().get(key) ?? key;
  }

  /**
   * A count with its noun: "1 step", "33 steps". The scenarios table counts the steps that complete
   * a task (what a practice is scored on) apart from time jumps, messages and automatic steps.
   */
  protected plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
  }

  protected modeText(sim: SimulationSummary): string {
    if (sim.mode === 'replay') return 'Replay of a scenario';
    if (sim.mode === 'practice') return 'Practice';
    return 'Free simulation';
  }

  protected roleText(sim: SimulationSummary): string {
    if (sim.role !== 'participant') return 'you run it';
    return sim.owner ? `invited by ${sim.owner.name}` : 'you take part';
  }

  private async load(): Promise<void> {
    // The process names are a nicety: a trainee may not be able to list the library.
    const [processes, running, scenarios] = await Promise.allSettled([this.library.list(), this.api.list(), this.api.scenarios()]);
    if (processes.status === 'fulfilled') this.processes.set(processes.value.filter((p) => p.publishedVersion !== null || p.draft !== null));
    if (running.status === 'fulfilled') this.running.set(running.value);
    if (scenarios.status === 'fulfilled') this.scenarios.set(scenarios.value);
    const failed = [running, scenarios].find((r) => r.status === 'rejected');
    if (failed?.status === 'rejected') this.message.set(problemMessage(failed.reason, 'Training could not be loaded. Reload the page to try again.'));
    else if (processes.status === 'rejected' && this.canRun()) this.message.set(problemMessage(processes.reason, 'The processes could not be loaded. Reload the page to try again.'));
    this.loading.set(false);
  }

  private async loadAttempts(): Promise<void> {
    const load = ++this.resultLoads;
    this.attemptsMessage.set(null);
    try {
      const attempts = await this.api.attempts(this.resultsFor() || undefined);
      if (load !== this.resultLoads) return;
      this.attempts.set([...attempts].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt)));
    } catch (error) {
      if (load === this.resultLoads) this.attemptsMessage.set(problemMessage(error, 'The results could not be loaded. Reload the page to try again.'));
    }
  }

  protected filterResults(scenarioKey: string): void {
    this.resultsFor.set(scenarioKey);
    this.attempts.set(null);
    void this.loadAttempts();
  }

  /** "Results" of a scenario: the results below, filtered to it. */
  protected showResults(scenarioKey: string): void {
    this.filterResults(scenarioKey);
    setTimeout(() => this.resultsHeading()?.nativeElement.focus(), 0);
  }

  protected start(process: ProcessSummary): Promise<void> {
    return this.open(process.key, 'The simulation could not be started.', () =>
      this.api.start(process.key, process.draft ? 'draft' : (process.publishedVersion ?? undefined)),
    );
  }

  protected replay(scenario: ScenarioSummary): Promise<void> {
    return this.open(`replay:${scenario.key}`, 'The replay could not be started.', () => this.api.replay(scenario.key));
  }

  protected practise(scenario: ScenarioSummary): Promise<void> {
    return this.open(`practise:${scenario.key}`, 'The practice could not be started.', () => this.api.practise(scenario.key));
  }

  /** Starts a simulation and opens it. */
  private async open(busy: string, failure: string, starting: () => Promise<SimulationState>): Promise<void> {
    if (this.busy() !== null) return;
    this.busy.set(busy);
    this.message.set(null);
    try {
      const state = await starting();
      await this.router.navigate(['/simulations', state.id]);
    } catch (error) {
      this.message.set(problemMessage(error, failure));
    } finally {
      this.busy.set(null);
    }
  }

  protected async end(sim: SimulationSummary): Promise<void> {
    if (this.busy() !== null) return;
    this.busy.set(sim.id);
    try {
      await this.api.end(sim.id);
      this.running.update((list) => list.filter((s) => s.id !== sim.id));
      this.status.set(`The simulation of ${sim.scenarioName || this.nameOf(sim.processKey)} has ended.`);
    } catch (error) {
      this.message.set(problemMessage(error, 'The simulation could not be ended.'));
    } finally {
      this.busy.set(null);
    }
  }

  /** Asks before deleting (key) or stops asking (null), keeping the focus on the row's buttons. */
  protected askDelete(key: string | null, row: string): void {
    this.confirmingDelete.set(key);
    setTimeout(() => document.getElementById(key === null ? `delete-${row}` : `delete-yes-${row}`)?.focus(), 0);
  }

  protected async deleteScenario(scenario: ScenarioSummary): Promise<void> {
    if (this.busy() !== null) return;
    this.busy.set(`delete:${scenario.key}`);
    try {
      await this.api.deleteScenario(scenario.key);
      this.scenarios.update((list) => list.filter((s) => s.key !== scenario.key));
      this.confirmingDelete.set(null);
      this.status.set(`The scenario “${scenarioLabel(scenario)}” has been deleted.`);
      if (this.resultsFor() === scenario.key) this.filterResults('');
      setTimeout(() => document.getElementById('scenarios-heading')?.focus(), 0);
    } catch (error) {
      this.message.set(problemMessage(error, 'The scenario could not be deleted.'));
    } finally {
      this.busy.set(null);
    }
  }
}
