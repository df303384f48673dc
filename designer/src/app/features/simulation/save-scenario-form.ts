import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { problemMessage } from '../inbox/inbox-api';
import { SimulationApi, scenarioLabel } from './simulation-api';

/**
 * "Save as scenario": records what was done in the simulation so far (answers and time jumps, in
 * order) as a scenario of the organisation, which trainers can replay and trainees can practise.
 */
@Component({
  selector: 'sp-save-scenario-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="save-heading">
      <h2 id="save-heading">Keep this walk-through</h2>
      <p class="muted">Saves the {{ stepCount() }} step{{ stepCount() === 1 ? '' : 's' }} done so far, with their answers, for replays and practice.</p>
      <form (submit)="$event.preventDefault(); save()" novalidate>
        <div class="sp-field">
          <label for="scenario-name">Scenario name</label>
          <input id="scenario-name" #name type="text" maxlength="200" autocomplete="off"
            [attr.aria-invalid]="problem() ? 'true' : null" [attr.aria-describedby]="problem() ? 'scenario-name-problem' : null" />
          @if (problem(); as problem) {
            <p id="scenario-name-problem" class="problem">{{ problem }}</p>
          }
        </div>
        <div class="sp-field">
          <label for="scenario-summary">Summary (optional)</label>
          <p id="scenario-summary-hint" class="sp-hint">The set-up in plain words, shown before a trainee starts. Never include real case details.</p>
          <textarea id="scenario-summary" #summary rows="3" maxlength="2000" aria-describedby="scenario-summary-hint"></textarea>
        </div>
        <button type="submit" class="sp-button sp-button-secondary" [attr.aria-disabled]="busy()">{{ busy() ? 'Saving…' : 'Save as scenario' }}</button>
      </form>
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .muted { color: var(--sp-muted); margin: 0 0 0.75rem; }
    .sp-field { margin-bottom: 0.75rem; }
    textarea { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; color: var(--sp-ink); background: var(--sp-paper); resize: vertical; }
    .sp-field input[aria-invalid='true'] { border-color: var(--sp-danger); }
    .problem { margin: 0; color: var(--sp-danger); font-weight: 600; }
  `,
})
export class SaveScenarioForm {
  private readonly api = inject(SimulationApi);

  readonly simulationId = input.required<string>();
  /** How many steps the simulation has recorded. */
  readonly stepCount = input.required<number>();
  /** A result in words for the page's status message. */
  readonly announce = output<string>();

  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly name = viewChild.required<ElementRef<HTMLInputElement>>('name');
  private readonly summary = viewChild.required<ElementRef<HTMLTextAreaElement>>('summary');

  protected async save(): Promise<void> {
    if (this.busy()) return;
    const name = this.name().nativeElement.value.trim();
    if (name === '') return this.refuse('Enter a name for the scenario.');
    if (this.stepCount() === 0) return this.refuse('Nothing has been done yet: complete a step or move the clock first.');
    this.problem.set(null);
    this.busy.set(true);
    try {
      const saved = await this.api.saveScenario(this.simulationId(), name, this.summary().nativeElement.value.trim());
      this.name().nativeElement.value = '';
      this.summary().nativeElement.value = '';
      this.announce.emit(`Saved as scenario “${scenarioLabel(saved)}” with ${saved.stepCount} step${saved.stepCount === 1 ? '' : 's'}.`);
    } catch (error) {
      this.refuse(problemMessage(error, 'The scenario could not be saved.'));
    } finally {
      this.busy.set(false);
    }
  }

  private refuse(message: string): void {
    this.problem.set(message);
    this.name().nativeElement.focus();
  }
}
