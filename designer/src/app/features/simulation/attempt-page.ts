import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { statusOf } from '../inbox/inbox-api';
import { formatDateTime } from '../inbox/time-format';
import { AttemptComparisonView } from './attempt-comparison';
import { type Attempt, SimulationApi, scenarioLabel } from './simulation-api';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';

/** One finished practice (/simulations/attempts/:id): who, which scenario, when, and its comparison. */
@Component({
  selector: 'sp-attempt-page',
  imports: [RouterLink, AttemptComparisonView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back"><a routerLink="/simulations"><span aria-hidden="true">← </span>All training simulations</a></p>
    @switch (state()) {
      @case ('loading') {
        <p>Loading the result…</p>
      }
      @case ('not-found') {
        <h1>Result not found</h1>
        <p>This result does not exist, or it is not yours to see.</p>
      }
      @case ('failed') {
        <h1>Practice result</h1>
        <p class="sp-error" role="alert">The result could not be loaded. Check your connection, then <button type="button" (click)="reload()">try again</button>.</p>
      }
      @default {
        @if (attempt(); as attempt) {
          <h1>Practice result: {{ label() }}</h1>
          <p class="meta">
            {{ mine() ? 'Your practice' : 'Practice by ' + attempt.trainee.name }}, started {{ formatDateTime(attempt.startedAt) }},
            finished {{ formatDateTime(attempt.finishedAt) }}.
          </p>
          <sp-attempt-comparison [result]="attempt.result" [heading]="mine() ? 'Your result' : 'Result of ' + attempt.trainee.name"
            [trainee]="mine() ? null : attempt.trainee.name" />
        }
      }
    }
  `,
  styles: `
    .back { margin: 0 0 0.75rem; }
    h1 { margin: 0 0 0.25rem; }
    .meta { color: var(--sp-muted); margin: 0 0 1.5rem; }
  `,
})
export class AttemptPage {
  private readonly api = inject(SimulationApi);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);

  /** The attempt's id (route parameter). */
  readonly id = input.required<string>();

  protected readonly state = signal<LoadState>('loading');
  protected readonly attempt = signal<Attempt | null>(null);
  protected readonly formatDateTime = formatDateTime;
  protected readonly mine = computed(() => this.attempt()?.trainee.id === this.auth.user()?.userId);
  protected readonly label = computed(() => {
    const attempt = this.attempt();
    return attempt ? scenarioLabel({ key: attempt.scenarioKey, name: attempt.scenarioName }) : '';
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected reload(): void {
    void this.load(this.id());
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      const attempt = await this.api.attempt(id);
      this.attempt.set(attempt);
      this.title.setTitle(`Practice result: ${attempt.scenarioName} · Safepath`);
      this.state.set('ready');
    } catch (error) {
      const status = statusOf(error);
      this.state.set(status === 404 || status === 403 ? 'not-found' : 'failed');
    }
  }
}
