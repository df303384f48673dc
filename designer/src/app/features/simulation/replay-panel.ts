import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { SimulationScenario, SimulationTask } from './simulation-api';
import { stepInWords } from './step-words';

/**
 * The owner's controls for replaying a scenario: the next step in words (its note for trainees,
 * the step and the answers it will give, or the time jump), "Play next step" and "Play to the end".
 */
@Component({
  selector: 'sp-replay-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = scenario();
    <section aria-labelledby="replay-heading" class="replay">
      <h2 id="replay-heading">Replay the scenario</h2>
      @if (next(); as next) {
        <div class="next-step" data-testid="replay-next-step">
          <p class="count">Next: step {{ (s.cursor ?? 0) + 1 }} of {{ s.stepCount }}</p>
          @if (s.nextStep?.note; as note) {
            <p class="note">{{ note }}</p>
          }
          <p>{{ next.text }}</p>
          @if (next.answers.length > 0) {
            <dl>
              @for (answer of next.answers; track $index) {
                <div><dt>{{ answer.label }}</dt><dd>{{ answer.value }}</dd></div>
              }
            </dl>
          }
        </div>
        <div class="buttons">
          <button type="button" class="sp-button" (click)="play.emit(false)" [attr.aria-disabled]="busy()">Play next step</button>
          <button type="button" class="sp-button sp-button-secondary" (click)="play.emit(true)" [attr.aria-disabled]="busy()">Play to the end</button>
        </div>
      } @else {
        <p data-testid="replay-next-step">Every step of the scenario has been played ({{ s.stepCount }} of {{ s.stepCount }}).</p>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .next-step { padding: 0.75rem 1rem; border-left: 4px solid var(--sp-focus); background: #eef2ff; }
    .next-step p { margin: 0 0 0.5rem; }
    .count { font-weight: 600; }
    .note { font-style: italic; }
    dl { margin: 0; display: grid; gap: 0.25rem; }
    dl div { display: grid; grid-template-columns: minmax(8rem, 1fr) 2fr; gap: 0.5rem; }
    dt { font-weight: 600; }
    dd { margin: 0; overflow-wrap: anywhere; }
    .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
  `,
})
export class ReplayPanel {
  readonly scenario = input.required<SimulationScenario>();
  /** The open steps (for the next step's name and its fields' labels). */
  readonly tasks = input.required<readonly SimulationTask[]>();
  /** Names a diagram element. */
  readonly nameOf = input.required<(activityId: string) => string>();
  readonly busy = input(false);
  /** Play the next step (false) or every remaining one (true). */
  readonly play = output<boolean>();

  protected readonly next = computed(() => {
    const step = this.scenario().nextStep;
    return step ? stepInWords(step, this.tasks(), this.nameOf()) : null;
  });
}
