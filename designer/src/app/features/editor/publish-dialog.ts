import { ChangeDetectionStrategy, Component, ElementRef, effect, input, output, signal, viewChild } from '@angular/core';
import type { ListedProblem } from './problems-panel';

/**
 * "Publish a new version": a modal dialog asking what changed. Publishing is offered only when
 * the draft has no errors; problems the server still finds are listed here.
 */
@Component({
  selector: 'sp-publish-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="publish-heading" aria-describedby="publish-explanation" (cancel)="onCancel($event)">
      <form method="dialog" (submit)="submit($event)" novalidate>
        <h2 id="publish-heading">Publish version {{ nextVersion() }}</h2>
        <p id="publish-explanation">
          New cases will follow version {{ nextVersion() }} of <strong>{{ processName() }}</strong>.
          Cases already running stay on the version they started with.
        </p>
        @if (message(); as message) {
          <div class="sp-error" role="alert">
            <p>{{ message }}</p>
            @if (problems().length > 0) {
              <ul>
                @for (problem of problems(); track $index) {
                  <li>{{ problem.elementLabel || problem.elementId || 'Process' }}: {{ problem.message }}</li>
                }
              </ul>
            }
          </div>
        }
        <div class="sp-field">
          <label for="publish-comment">What changed</label>
          <p class="sp-hint" id="publish-comment-hint">Shown in the version history, e.g. "Escalate missed safe contact to the housing manager".</p>
          <textarea #comment id="publish-comment" name="comment" rows="3" required aria-describedby="publish-comment-hint"
            [attr.aria-invalid]="missingComment() ? true : null" (input)="missingComment.set(false)"></textarea>
          @if (missingComment()) {
            <p class="field-error" role="alert">Say what changed in this version.</p>
          }
        </div>
        <div class="buttons">
          <button type="submit" class="sp-button" [attr.aria-disabled]="busy()">{{ busy() ? 'Publishing…' : 'Publish' }}</button>
          <button type="button" class="sp-button sp-button-secondary" (click)="cancel.emit()">Cancel</button>
        </div>
      </form>
    </dialog>
  `,
  styles: `
    dialog { width: min(36rem, 100vw - 2rem); border: none; border-radius: 0.5rem; padding: 1.5rem; box-shadow: 0 12px 40px rgb(0 0 0 / 0.3); }
    dialog::backdrop { background: rgb(15 23 42 / 0.5); }
    h2 { margin-top: 0; }
    textarea { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; resize: vertical; }
    textarea[aria-invalid='true'] { border-color: var(--sp-danger); }
    .field-error { margin: 0; color: var(--sp-danger); font-weight: 600; }
    .buttons { display: flex; gap: 1rem; }
    .sp-error p { margin: 0; }
    .sp-error ul { margin: 0.5rem 0 0; font-weight: 400; }
  `,
})
export class PublishDialog {
  readonly open = input.required<boolean>();
  readonly processName = input.required<string>();
  readonly nextVersion = input.required<number>();
  readonly busy = input(false);
  /** Why the server refused (with its problems), or null. */
  readonly message = input<string | null>(null);
  readonly problems = input<ListedProblem[]>([]);
  readonly publish = output<string>();
  readonly cancel = output<void>();

  protected readonly missingComment = signal(false);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly comment = viewChild.required<ElementRef<HTMLTextAreaElement>>('comment');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.open() && !dialog.open) {
        this.comment().nativeElement.value = '';
        this.missingComment.set(false);
        dialog.showModal();
        this.comment().nativeElement.focus();
      } else if (!this.open() && dialog.open) {
        dialog.close();
      }
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    const comment = this.comment().nativeElement.value.trim();
    if (!comment) {
      this.missingComment.set(true);
      this.comment().nativeElement.focus();
      return;
    }
    this.publish.emit(comment);
  }

  /** Escape: the page decides (it keeps the dialog open while publishing). */
  protected onCancel(event: Event): void {
    event.preventDefault();
    if (!this.busy()) this.cancel.emit();
  }
}
