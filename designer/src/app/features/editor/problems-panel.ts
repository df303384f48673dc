import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/** A lint problem as listed: with the name of the element it is about. */
export interface ListedProblem {
  elementId: string | null;
  elementLabel: string | null;
  message: string;
  category: 'error' | 'warn';
  rule: string;
}

/**
 * The list of lint problems under the diagram. Each problem about an element is a button that
 * selects the element on the canvas and scrolls it into view.
 */
@Component({
  selector: 'sp-problems-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="problems-heading">
      <h2 id="problems-heading">Problems</h2>
      <p class="summary" role="status">
        @if (checking()) {
          Checking…
        } @else if (failed()) {
          The check did not run. Use Check to try again.
        } @else if (problems().length === 0) {
          No problems found.
        } @else {
          {{ summary() }}
        }
      </p>
      @if (problems().length > 0) {
        <ul>
          @for (problem of problems(); track $index) {
            <li [class]="problem.category">
              <span class="category">{{ problem.category === 'error' ? 'Error' : 'Warning' }}</span>
              @if (problem.elementId) {
                <button type="button" class="link" (click)="focusElement.emit(problem.elementId)">
                  {{ problem.elementLabel || problem.elementId }}<span class="sp-visually-hidden">: show on the diagram</span>
                </button>
              } @else {
                <span class="whole">Whole process</span>
              }
              <span class="message">{{ problem.message }}</span>
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    :host { display: block; }
    h2 { font-size: 1.125rem; margin: 0 0 0.25rem; }
    .summary { margin: 0 0 0.5rem; color: var(--sp-muted); }
    ul { list-style: none; margin: 0; padding: 0; max-height: 12rem; overflow-y: auto; }
    li { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; padding: 0.375rem 0; border-bottom: 1px solid var(--sp-line); }
    .category { font-weight: 700; font-size: 0.8125rem; text-transform: uppercase; letter-spacing: 0.03em; min-width: 4.5rem; }
    .error .category { color: var(--sp-danger); }
    .warn .category { color: #7c2d12; }
    .link { font: inherit; font-weight: 600; color: var(--sp-focus); background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; }
    .whole { font-weight: 600; }
    .message { flex-basis: 100%; padding-left: 5.25rem; }
  `,
})
export class ProblemsPanel {
  readonly problems = input.required<ListedProblem[]>();
  readonly checking = input(false);
  readonly failed = input(false);
  /** The id of the element to show on the canvas. */
  readonly focusElement = output<string>();

  protected readonly summary = computed(() => {
    const errors = this.problems().filter((p) => p.category === 'error').length;
    const warnings = this.problems().length - errors;
    const parts = [];
    if (errors) parts.push(`${errors} ${errors === 1 ? 'error' : 'errors'}`);
    if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
    return `${parts.join(' and ')}${errors ? ': fix the errors before publishing.' : '.'}`;
  });
}
