import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { problemMessage } from '../inbox/inbox-api';
import { ProcessLibraryService, type ProcessSummary } from '../library/process-library.service';
import { SimulationApi, type SimulationSummary, formatSimulatedTime } from './simulation-api';

/**
 * Training: the organisation's processes, each with "Start a simulation" (the published version,
 * or the draft when there is one), and the trainer's own running simulations to resume or end.
 */
@Component({
  selector: 'sp-simulations-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Training simulations</h1>
    <p class="intro">
      Walk through a process as a practice case. A simulation runs the real process with its own clock; nothing
      reaches a real inbox, case list or report, and it is deleted when you end it.
    </p>
    @if (message(); as message) {
      <p class="sp-error" role="alert">{{ message }}</p>
    }

    <section aria-labelledby="running-heading">
      <h2 id="running-heading">Your simulations</h2>
      @if (loading()) {
        <p>Loading…</p>
      } @else if (running().length === 0) {
        <p class="muted">You have no simulations running.</p>
      } @else {
        <ul class="running">
          @for (sim of running(); track sim.id) {
            <li>
              <span class="name">{{ nameOf(sim.processKey) }}</span>
              <span class="meta">{{ sim.version === 'draft' ? 'Draft' : 'Version ' + sim.version }} · simulated time {{ formatSimulatedTime(sim.clock) }}{{ sim.ended ? ' · finished' : '' }}</span>
              <a class="sp-button" [routerLink]="['/simulations', sim.id]" [attr.aria-label]="'Resume simulation of ' + nameOf(sim.processKey)">Resume</a>
              <button type="button" class="sp-button sp-button-secondary" (click)="end(sim)" [attr.aria-disabled]="busy() !== null"
                [attr.aria-label]="'End simulation of ' + nameOf(sim.processKey)">End</button>
            </li>
          }
        </ul>
      }
    </section>

    <section aria-labelledby="processes-heading">
      <h2 id="processes-heading">Processes</h2>
      @if (!loading() && processes().length === 0) {
        <p class="muted">Your organisation has no processes yet.</p>
      }
      <ul class="processes">
        @for (process of processes(); track process.key) {
          <li>
            <span class="name">{{ process.name || process.key }}</span>
            <span class="meta">
              @if (process.draft) {
                Runs the draft (last edited by {{ process.draft.updatedBy }}).
              } @else {
                Runs published version {{ process.publishedVersion }}.
              }
            </span>
            <button type="button" class="sp-button" (click)="start(process)" [attr.aria-disabled]="busy() !== null"
              [attr.aria-label]="'Start a simulation of ' + (process.name || process.key)">
              {{ busy() === process.key ? 'Starting…' : 'Start a simulation' }}
            </button>
          </li>
        }
      </ul>
    </section>
    <p class="status" role="status">{{ status() }}</p>
  `,
  styles: `
    .intro { max-width: 70ch; }
    h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.75rem 0; border-bottom: 1px solid var(--sp-line); }
    .name { font-weight: 600; flex: 1 1 14rem; }
    .meta { color: var(--sp-muted); flex: 2 1 16rem; }
    .muted { color: var(--sp-muted); }
    a.sp-button { text-decoration: none; }
    .status { margin: 1rem 0 0; color: var(--sp-success); font-weight: 600; }
  `,
})
export class SimulationsPage {
  private readonly api = inject(SimulationApi);
  private readonly library = inject(ProcessLibraryService);
  private readonly router = inject(Router);

  protected readonly loading = signal(true);
  protected readonly processes = signal<ProcessSummary[]>([]);
  protected readonly running = signal<SimulationSummary[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly formatSimulatedTime = formatSimulatedTime;
  private readonly names = computed(() => new Map(this.processes().map((p) => [p.key, p.name || p.key])));

  constructor() {
    void this.load();
  }

  protected nameOf(key: string): string {
    return this.names().get(key) ?? key;
  }

  private async load(): Promise<void> {
    try {
      const [processes, running] = await Promise.all([this.library.list(), this.api.list()]);
      this.processes.set(processes.filter((p) => p.publishedVersion !== null || p.draft !== null));
      this.running.set(running);
    } catch (error) {
      this.message.set(problemMessage(error, 'The processes could not be loaded. Reload the page to try again.'));
    } finally {
      this.loading.set(false);
    }
  }

  protected async start(process: ProcessSummary): Promise<void> {
    if (this.busy() !== null) return;
    this.busy.set(process.key);
    this.message.set(null);
    try {
      const state = await this.api.start(process.key, process.draft ? 'draft' : (process.publishedVersion ?? undefined));
      await this.router.navigate(['/simulations', state.id]);
    } catch (error) {
      this.message.set(problemMessage(error, 'The simulation could not be started.'));
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
      this.status.set(`The simulation of ${this.nameOf(sim.processKey)} has ended.`);
    } catch (error) {
      this.message.set(problemMessage(error, 'The simulation could not be ended.'));
    } finally {
      this.busy.set(null);
    }
  }
}
