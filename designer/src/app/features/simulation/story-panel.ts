import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type SimulationScenario, scenarioLabel } from './simulation-api';

/**
 * The scenario's story for the trainee practising it: the set-up, then the notes of its steps (what
 * happens, in words; never the answers, which the trainee decides). The story unfolds: the server
 * sends the notes only as far as the trainee's next decision, whose note is marked "Now:"; once the
 * practice is finished, the whole story.
 */
@Component({
  selector: 'sp-story-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = scenario();
    <section aria-labelledby="story-heading" class="story">
      <h2 id="story-heading">The story: {{ label() }}</h2>
      @if (s.summary) {
        <p data-testid="story-summary">{{ s.summary }}</p>
      }
      @if (notes().length > 0) {
        <h3>{{ finished() ? 'The whole story' : 'The story so far' }}</h3>
        <ol data-testid="story-notes">
          @for (item of notes(); track item.index) {
            @if (item.index === now()) {
              <li class="now" data-testid="story-now"><strong>Now:</strong> {{ item.note }}</li>
            } @else {
              <li>{{ item.note }}</li>
            }
          }
        </ol>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    .story { padding: 0.75rem 1rem; border-left: 4px solid var(--sp-brand); background: var(--sp-tint); }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
    p { margin: 0; max-width: 70ch; }
    ol { margin: 0; padding-left: 1.5rem; }
    li { margin-bottom: 0.25rem; max-width: 70ch; }
    li.now { margin-top: 0.5rem; padding: 0.375rem 0.5rem; background: var(--sp-paper); border: 2px solid var(--sp-brand); border-radius: 0.25rem; }
  `,
})
export class StoryPanel {
  readonly scenario = input.required<SimulationScenario>();
  /** The tasks the trainee has completed so far (task keys, in order). */
  readonly done = input<readonly string[]>([]);
  /** Whether the practice is finished (the story is then told whole). */
  readonly finished = input(false);

  protected readonly label = computed(() => scenarioLabel(this.scenario()));
  protected readonly notes = computed(() => (this.scenario().story ?? []).filter((item) => item.note !== null && item.note !== ''));
  /**
   * The index of the trainee's next decision: the scenario's first task step they have not done
   * (matched by task, as the server reveals the story); null once finished or all are done.
   */
  protected readonly now = computed(() => {
    if (this.finished()) return null;
    const done = [...this.done()];
    for (const item of this.scenario().story ?? []) {
      if (item.kind !== 'complete') continue;
      const at = done.indexOf(item.taskKey ?? '');
      if (at < 0) return item.index;
      done.splice(at, 1);
    }
    return null;
  });
}
