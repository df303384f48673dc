import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type SimulationScenario, scenarioLabel } from './simulation-api';

/**
 * The scenario's story for the person walking it: the set-up, then the notes of the steps so far
 * (what happens, in words). Notes never carry the answers; in practice the trainee decides those.
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
        <h3>So far</h3>
        <ol data-testid="story-notes">
          @for (item of notes(); track item.index) {
            <li>{{ item.note }}</li>
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
  `,
})
export class StoryPanel {
  readonly scenario = input.required<SimulationScenario>();

  protected readonly label = computed(() => scenarioLabel(this.scenario()));
  protected readonly notes = computed(() => (this.scenario().story ?? []).filter((item) => item.note !== null && item.note !== ''));
}
