import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { FormProblem } from './form-viewer';

/**
 * The list inside a form's error summary, shared by the step form and the start page so a problem
 * reads and behaves the same everywhere: each problem that belongs to a field is a button that
 * takes the person to that field ("Label: message"); a problem of the whole form is plain text.
 * The page around it says what the list is about and moves focus to the field.
 */
@Component({
  selector: 'sp-form-problem-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul>
      @for (problem of problems(); track $index) {
        <li>
          @if (problem.fieldId !== null) {
            <button type="button" class="link" (click)="fieldChosen.emit(problem.fieldId)">{{ problem.label }}: {{ problem.message }}</button>
          } @else {
            {{ problem.message }}
          }
        </li>
      }
    </ul>
  `,
  styles: `
    :host { display: block; }
    ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
    .link { font: inherit; font-weight: 600; padding: 0; background: none; border: none; color: inherit; text-decoration: underline; cursor: pointer; text-align: left; }
  `,
})
export class FormProblemList {
  /** The problems to list, in the form's order. */
  readonly problems = input.required<readonly FormProblem[]>();
  /** A problem's button was pressed: the id of its field. */
  readonly fieldChosen = output<string>();
}
