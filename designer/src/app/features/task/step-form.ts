import { ChangeDetectionStrategy, Component, ElementRef, input, signal, viewChild } from '@angular/core';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { FormProblemList } from './form-problem-list';
import { type FormProblem, FormViewer } from './form-viewer';

/**
 * A step's form as staff work on it, shared by the live task page and the training walk-through so
 * both check and complete a step the same way: an error summary ("There are N problems with the
 * form", each problem a button to its field, then what Safepath said), the form (or a line saying
 * the step has none) and the Complete button. Anything placed inside the element (another button,
 * a status line) joins the Complete button's row.
 *
 * On Complete the answers are checked in the browser first; only valid answers go to the page's
 * `completeWith`. If that fails, its message is shown in the summary (a 400 also marks the fields
 * it names) and focus moves to the summary. After a first attempt, the summary follows the answers.
 */
@Component({
  selector: 'sp-step-form',
  imports: [FormViewer, FormProblemList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div #summary tabindex="-1" class="summary-anchor">
      @if (problems().length > 0 || message()) {
        <div class="sp-error summary" role="alert">
          @if (problems().length > 0) {
            <p>{{ problems().length === 1 ? 'There is a problem' : 'There are ' + problems().length + ' problems' }} with the form:</p>
            <sp-form-problem-list [problems]="problems()" (fieldChosen)="focusField($event)" />
          }
          @if (message(); as message) {
            <p class="server">{{ problems().length > 0 ? 'Safepath said: ' : '' }}{{ message }}</p>
          }
        </div>
      }
    </div>
    @if (schema(); as schema) {
      <sp-form-viewer #form [schema]="schema" [data]="data()" [label]="label()" (changed)="formChanged()" />
    } @else {
      <p>This step has no form. Complete it when you have done what it asks.</p>
    }
    <div class="actions">
      <button type="button" class="sp-button" (click)="complete()" [attr.aria-disabled]="busy()">
        {{ completing() ? 'Completing…' : completeLabel() }}
      </button>
      <ng-content />
    </div>
  `,
  styles: `
    :host { display: block; }
    .summary-anchor:focus { outline: none; }
    .summary p { margin: 0; }
    .summary .server { margin-top: 0.5rem; font-weight: 400; }
    .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; margin-top: 1rem; padding-top: 1rem; border-top: 1px solid var(--sp-line); }
  `,
})
export class StepForm {
  /** The step's form-js schema; null for a step without a form. */
  readonly schema = input.required<Record<string, unknown> | null>();
  /** Answers to show when the form opens, such as a saved draft (default: none). */
  readonly data = input<Record<string, unknown> | null>(null);
  /** What the form is for, as its accessible name (the step's name; default: none). */
  readonly label = input('');
  /** The Complete button's text (default "Complete"). */
  readonly completeLabel = input('Complete');
  /** Some action of the page is under way: Complete does nothing meanwhile (default false). */
  readonly busy = input(false);
  /** The step is being completed: the button says "Completing…" (default false). */
  readonly completing = input(false);
  /** Completes the step with the checked answers; a rejection is shown in the summary. */
  readonly completeWith = input.required<(values: Record<string, unknown>) => Promise<void>>();
  /** Said when `completeWith` fails without a message of its own (default "The step could not be completed."). */
  readonly failureText = input('The step could not be completed.');

  protected readonly problems = signal<FormProblem[]>([]);
  /** What Safepath said when it refused an action on this step. */
  protected readonly message = signal<string | null>(null);

  private readonly form = viewChild<FormViewer>('form');
  private readonly summary = viewChild<ElementRef<HTMLElement>>('summary');

  /** The answers as they are now, unchecked (for a draft). */
  values(): Record<string, unknown> {
    return this.form()?.values() ?? {};
  }

  /** Shows what Safepath said about another action on this step (claiming, saving a draft). */
  showMessage(message: string): void {
    this.message.set(message);
  }

  protected async complete(): Promise<void> {
    if (this.busy()) return;
    this.message.set(null);
    const form = this.form();
    const result = form ? form.submit() : ({ ok: true, values: {} } as const);
    if (!result.ok) {
      this.problems.set(result.problems);
      this.focusSummary();
      return;
    }
    this.problems.set([]);
    try {
      await this.completeWith()(result.values);
    } catch (error) {
      const message = problemMessage(error, this.failureText());
      this.message.set(message);
      if (statusOf(error) === 400 && form) this.problems.set(form.showServerProblems(message));
      this.focusSummary();
    }
  }

  /** After a first attempt, the summary follows the answers (problems fixed disappear). */
  protected formChanged(): void {
    if (this.problems().length === 0 || this.message() !== null) return;
    this.problems.set(this.form()?.check() ?? []);
  }

  protected focusField(fieldId: string): void {
    this.form()?.focusField(fieldId);
  }

  private focusSummary(): void {
    setTimeout(() => this.summary()?.nativeElement.focus(), 0);
  }
}
