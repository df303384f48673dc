import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';

/** What the manager confirmed: the reason and, when asked for, the new due date (ISO). */
export interface ReasonChoice {
  reason: string;
  due: string | null;
}

/**
 * A modal dialog for a manager's action that is recorded with a reason (cancel a case, change a
 * due date): the reason, optionally a new date and time, and a confirm button that says what
 * will happen.
 */
@Component({
  selector: 'sp-reason-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="id() + '-heading'" (close)="opener?.focus()">
      <form (submit)="submit($event)" novalidate>
        <h2 [id]="id() + '-heading'">{{ heading() }}</h2>
        @if (explanation()) {<p>{{ explanation() }}</p>}
        @if (problem(); as problem) {
          <p class="sp-error" role="alert">{{ problem }}</p>
        }
        @if (askDue()) {
          <div class="sp-field">
            <label [for]="id() + '-due'">New due date and time</label>
            <input #due [id]="id() + '-due'" type="datetime-local" required [attr.aria-invalid]="problemField() === 'due' ? true : null" />
          </div>
        }
        <div class="sp-field">
          <label [for]="id() + '-reason'">Reason</label>
          <p class="sp-hint" [id]="id() + '-reason-hint'">Recorded in the case's audit trail.</p>
          <textarea #reason [id]="id() + '-reason'" rows="3" required [attr.aria-describedby]="id() + '-reason-hint'"
            [attr.aria-invalid]="problemField() === 'reason' ? true : null"></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="sp-button" [class.danger]="danger()">{{ confirmLabel() }}</button>
          <button type="button" class="sp-button sp-button-secondary" (click)="dialog.close()">{{ danger() ? 'Keep it' : 'Cancel' }}</button>
        </div>
      </form>
    </dialog>
  `,
  styles: `
    dialog { width: min(100% - 2rem, 30rem); border: 1px solid var(--sp-line); border-radius: 0.5rem; padding: 1.25rem 1.5rem; }
    dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    textarea, input[type='datetime-local'] { font: inherit; padding: 0.5rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; }
    [aria-invalid='true'] { border-color: var(--sp-danger); }
    .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
    .danger { background: var(--sp-danger); border-color: var(--sp-danger); }
    .danger:hover { background: #7f1616; }
  `,
})
export class ReasonDialog {
  /** Prefix of the dialog's element ids (unique on the page). */
  readonly id = input.required<string>();
  readonly heading = input.required<string>();
  readonly explanation = input('');
  readonly confirmLabel = input.required<string>();
  readonly askDue = input(false);
  /** Whether the action cannot be undone (red confirm button). */
  readonly danger = input(false);
  readonly confirmed = output<ReasonChoice>();

  protected readonly problem = signal<string | null>(null);
  protected readonly problemField = signal<'due' | 'reason' | null>(null);
  protected opener: HTMLElement | null = null;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly reason = viewChild.required<ElementRef<HTMLTextAreaElement>>('reason');
  private readonly due = viewChild<ElementRef<HTMLInputElement>>('due');

  /** Opens the dialog; `due` pre-fills the date (ISO). */
  open(due: string | null = null): void {
    this.problem.set(null);
    this.problemField.set(null);
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.reason().nativeElement.value = '';
    const field = this.due()?.nativeElement;
    if (field) field.value = due ? toLocalInput(due) : '';
    this.dialog().nativeElement.showModal();
    (field ?? this.reason().nativeElement).focus();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  fail(message: string): void {
    this.problem.set(message);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const reason = this.reason().nativeElement.value.trim();
    let due: string | null = null;
    if (this.askDue()) {
      const value = this.due()?.nativeElement.value ?? '';
      const date = new Date(value);
      if (value === '' || Number.isNaN(date.getTime())) {
        this.problem.set('Enter the new due date and time.');
        this.problemField.set('due');
        this.due()?.nativeElement.focus();
        return;
      }
      due = date.toISOString();
    }
    if (reason === '') {
      this.problem.set('Give a reason: it is kept with the case.');
      this.problemField.set('reason');
      this.reason().nativeElement.focus();
      return;
    }
    this.problem.set(null);
    this.problemField.set(null);
    this.confirmed.emit({ reason, due });
  }
}

/** An ISO instant as the value of a datetime-local input (the browser's time zone). */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
