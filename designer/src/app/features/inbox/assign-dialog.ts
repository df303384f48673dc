import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';

/** What the manager chose in the dialog. */
export interface AssignChoice {
  userId: string;
  reason: string;
}

/**
 * A modal dialog in which a manager gives a task to a colleague: the colleague's username (with
 * suggestions) and, where the action is recorded with one, a reason. Escape or Cancel closes it.
 */
@Component({
  selector: 'sp-assign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog aria-labelledby="assign-heading" (close)="closed()">
      <form (submit)="submit($event)" novalidate>
        <h2 id="assign-heading">{{ heading() }}</h2>
        @if (taskName()) {
          <p class="task">Task: <strong>{{ taskName() }}</strong></p>
        }
        @if (problem(); as problem) {
          <p class="sp-error" role="alert" id="assign-error">{{ problem }}</p>
        }
        <div class="sp-field">
          <label for="assign-user">Colleague's username</label>
          <p class="sp-hint" id="assign-user-hint">For example cmg.caseworker. Suggestions come from your organisation's tasks.</p>
          <input #user id="assign-user" name="userId" type="text" list="assign-suggestions" autocomplete="off" spellcheck="false" required
            aria-describedby="assign-user-hint" [attr.aria-invalid]="problem() && !reasonMissing() ? true : null" />
          <datalist id="assign-suggestions">
            @for (name of suggestions(); track name) {
              <option [value]="name"></option>
            }
          </datalist>
        </div>
        @if (askReason()) {
          <div class="sp-field">
            <label for="assign-reason">Reason</label>
            <p class="sp-hint" id="assign-reason-hint">Recorded in the case's audit trail.</p>
            <textarea #reason id="assign-reason" name="reason" rows="3" required aria-describedby="assign-reason-hint"
              [attr.aria-invalid]="reasonMissing() ? true : null"></textarea>
          </div>
        }
        <div class="actions">
          <button type="submit" class="sp-button">{{ confirmLabel() }}</button>
          <button type="button" class="sp-button sp-button-secondary" (click)="dialog.close()">Cancel</button>
        </div>
      </form>
    </dialog>
  `,
  styles: `
    dialog { width: min(100% - 2rem, 30rem); border: 1px solid var(--sp-line); border-radius: 0.5rem; padding: 1.25rem 1.5rem; }
    dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    .task { margin: 0 0 1rem; }
    textarea { font: inherit; padding: 0.5rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; }
    textarea[aria-invalid='true'] { border-color: var(--sp-danger); }
    .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
  `,
})
export class AssignDialog {
  readonly heading = input('Assign to a colleague');
  readonly confirmLabel = input('Assign');
  readonly taskName = input<string | null>(null);
  readonly suggestions = input<readonly string[]>([]);
  /** Whether a reason is asked for (reassigning from the case view is audited with one). */
  readonly askReason = input(false);
  readonly chosen = output<AssignChoice>();

  protected readonly problem = signal<string | null>(null);
  protected readonly reasonMissing = signal(false);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly user = viewChild.required<ElementRef<HTMLInputElement>>('user');
  private readonly reason = viewChild<ElementRef<HTMLTextAreaElement>>('reason');
  private opener: HTMLElement | null = null;

  open(): void {
    this.problem.set(null);
    this.reasonMissing.set(false);
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.user().nativeElement.value = '';
    const reason = this.reason();
    if (reason) reason.nativeElement.value = '';
    this.dialog().nativeElement.showModal();
    this.user().nativeElement.focus();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  /** Shows the server's refusal inside the dialog. */
  fail(message: string): void {
    this.problem.set(message);
  }

  protected closed(): void {
    // Focus goes back to the button that opened the dialog.
    this.opener?.focus();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const userId = this.user().nativeElement.value.trim();
    const reason = this.reason()?.nativeElement.value.trim() ?? '';
    this.reasonMissing.set(false);
    if (userId === '') {
      this.problem.set("Enter the colleague's username.");
      this.user().nativeElement.focus();
      return;
    }
    if (this.askReason() && reason === '') {
      this.problem.set('Give a reason: it is kept with the case.');
      this.reasonMissing.set(true);
      this.reason()?.nativeElement.focus();
      return;
    }
    this.problem.set(null);
    this.chosen.emit({ userId, reason });
  }
}
