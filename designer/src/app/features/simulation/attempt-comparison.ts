import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AttemptComparison, ComparisonStatus } from './simulation-api';
import { formatAnswer } from './step-words';

const STATUS: Record<ComparisonStatus, { icon: string; text: string }> = {
  matched: { icon: '✓', text: 'Matched: done as the scenario does it' },
  different: { icon: '≠', text: 'Different: some answers differ from the scenario' },
  missed: { icon: '✗', text: 'Missed: the scenario does this step, the attempt did not' },
  extra: { icon: '+', text: 'Extra: done in the attempt, not in the scenario' },
};

/**
 * A practice attempt next to its scenario: the score, then each step (matched, different, missed
 * or extra, in words as well as colour) with the answers that differ, free-text answers side by
 * side (not scored) and what the procedure says at that step; the branch decisions; the steps
 * only one of the two paths went through. Used after "Finish and compare" and on an attempt's page.
 */
@Component({
  selector: 'sp-attempt-comparison',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = result();
    <section class="comparison" aria-labelledby="result-heading">
      <h2 id="result-heading" tabindex="-1">{{ heading() }}</h2>
      <p class="score" data-testid="comparison-score">
        <strong>{{ r.matched }} of {{ r.total }}</strong> steps matched the scenario ({{ r.score }}%).
      </p>

      <h3>Step by step</h3>
      @if (r.steps.length === 0) {
        <p class="muted">The scenario has no steps to compare.</p>
      }
      <ol class="steps">
        @for (step of r.steps; track $index) {
          <li class="step" [class]="step.status" data-testid="comparison-step" [attr.data-status]="step.status" [attr.data-task-key]="step.taskKey">
            <h4>{{ step.name || step.taskKey }}</h4>
            <p class="status"><span class="icon" aria-hidden="true">{{ statusOf(step.status).icon }}</span> {{ statusOf(step.status).text }}</p>
            @if (step.differences.length > 0) {
              <table>
                <caption>Answers that differ</caption>
                <thead><tr><th scope="col">Question</th><th scope="col">The scenario</th><th scope="col">{{ words().answer }}</th></tr></thead>
                <tbody>
                  @for (d of step.differences; track d.field) {
                    <tr data-testid="comparison-difference" [attr.data-field]="d.field">
                      <th scope="row">{{ d.label }}</th><td>{{ answer(d.expected) }}</td><td>{{ answer(d.given) }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            }
            @if (step.freeText.length > 0) {
              <table>
                <caption>Written answers (not scored)</caption>
                <thead><tr><th scope="col">Question</th><th scope="col">The scenario</th><th scope="col">{{ words().answer }}</th></tr></thead>
                <tbody>
                  @for (d of step.freeText; track d.field) {
                    <tr><th scope="row">{{ d.label }}</th><td>{{ answer(d.expected) }}</td><td>{{ answer(d.given) }}</td></tr>
                  }
                </tbody>
              </table>
            }
            @if (step.guidance) {
              <details class="guidance" [open]="step.status !== 'matched'">
                <summary>What the procedure says here</summary>
                @for (paragraph of paragraphs(step.guidance); track $index) {
                  <p>{{ paragraph }}</p>
                }
              </details>
            }
          </li>
        }
      </ol>

      <h3>Branch decisions</h3>
      @if (r.decisions.length === 0) {
        <p class="muted">No decision point was passed.</p>
      } @else {
        <table>
          <caption class="sp-visually-hidden">Branch decisions: the scenario's and {{ words().theirs }}</caption>
          <thead><tr><th scope="col">Decision</th><th scope="col">The scenario went</th><th scope="col">{{ words().went }}</th><th scope="col">Same?</th></tr></thead>
          <tbody>
            @for (d of r.decisions; track $index) {
              <tr data-testid="comparison-decision" [attr.data-same]="d.same">
                <th scope="row">{{ d.gatewayName || d.gatewayId }}</th>
                <td>{{ d.expected ?? 'not reached' }}</td>
                <td>{{ d.yours ?? 'not reached' }}</td>
                <td [class.differs]="!d.same">{{ d.same ? 'Same' : 'Different' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }

      <h3>Path differences</h3>
      @let paths = namedPaths();
      @if (paths.expectedOnly.length === 0 && paths.yoursOnly.length === 0) {
        <p>The attempt went through the same steps as the scenario.</p>
      } @else {
        <div class="paths">
          <div>
            <p class="path-title">Only in the scenario's path</p>
            @if (paths.expectedOnly.length === 0) {
              <p class="muted">None.</p>
            }
            <ul data-testid="path-expected-only">
              @for (node of paths.expectedOnly; track node.id) {
                <li>{{ node.name }}</li>
              }
            </ul>
          </div>
          <div>
            <p class="path-title">{{ words().path }}</p>
            @if (paths.yoursOnly.length === 0) {
              <p class="muted">None.</p>
            }
            <ul data-testid="path-yours-only">
              @for (node of paths.yoursOnly; track node.id) {
                <li>{{ node.name }}</li>
              }
            </ul>
          </div>
        </div>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    h2:focus { outline: none; }
    h3 { font-size: 1.0625rem; margin: 1.25rem 0 0.5rem; }
    h4 { font-size: 1rem; margin: 0 0 0.25rem; }
    .score { font-size: 1.125rem; margin: 0 0 1rem; }
    .muted { color: var(--sp-muted); }
    .steps { list-style: none; margin: 0; padding: 0; }
    .step { padding: 0.75rem 1rem; margin-bottom: 0.75rem; border: 1px solid var(--sp-line); border-left: 6px solid var(--sp-muted); border-radius: 0.25rem; }
    .step.matched { border-left-color: var(--sp-success); }
    .step.different { border-left-color: #8a5a00; }
    .step.missed, .step.extra { border-left-color: var(--sp-danger); }
    .status { margin: 0 0 0.5rem; font-weight: 600; }
    .icon { display: inline-block; min-width: 1.25rem; }
    table { width: 100%; border-collapse: collapse; margin: 0.5rem 0; }
    caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }
    th, td { padding: 0.375rem 0.5rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--sp-line); }
    thead th { color: var(--sp-muted); font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; }
    td.differs { font-weight: 600; color: var(--sp-danger); }
    .guidance { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-left: 4px solid var(--sp-brand); background: var(--sp-tint); }
    .guidance summary { cursor: pointer; font-weight: 600; }
    .guidance p { margin: 0.5rem 0 0; max-width: 70ch; }
    .paths { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
    .path-title { font-weight: 600; margin: 0 0 0.25rem; }
    .paths ul { margin: 0; padding-left: 1.25rem; }
  `,
})
export class AttemptComparisonView {
  /** The comparison the server made. */
  readonly result = input.required<AttemptComparison>();
  /** The section's heading ("Your result", or whose result a trainer is looking at). */
  readonly heading = input('Your result');
  /** The trainee's name when someone else (a trainer) reads the attempt; null (the default): the trainee's own view, "your". */
  readonly trainee = input<string | null>(null);

  /** How the headings name the attempt: the trainee's own ("Your answer"), or by their name for a trainer. */
  protected readonly words = computed(() => {
    const trainee = this.trainee();
    if (trainee === null) return { answer: 'Your answer', went: 'You went', path: 'Only in your path', theirs: 'yours' };
    return { answer: `${trainee}'s answer`, went: `${trainee} went`, path: `Only in ${trainee}'s path`, theirs: `${trainee}'s` };
  });

  protected readonly answer = formatAnswer;
  /** The path differences people can read: named elements only (unnamed joins are plumbing, not steps). */
  protected readonly namedPaths = computed(() => {
    const { expectedOnly, yoursOnly } = this.result().pathDifference;
    const named = (nodes: typeof expectedOnly) => nodes.filter((node) => node.name);
    return { expectedOnly: named(expectedOnly), yoursOnly: named(yoursOnly) };
  });

  protected statusOf(status: ComparisonStatus): { icon: string; text: string } {
    return STATUS[status] ?? { icon: '?', text: status };
  }

  protected paragraphs(text: string): string[] {
    return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  }
}
