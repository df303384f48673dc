import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';

/**
 * A modal dialog that asks before an action that cannot be undone (disable a person, revoke a
 * token): what will happen, a red button that says it, and Cancel, which has the focus first.
 * The page does the work on `confirmed` and then calls {@link done} or {@link fail}.
 */
@Component({
  selector: 'sp-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog [attr.aria-labelledby]="id() + '-heading'" [attr.aria-describedby]="id() + '-text'" (close)="closed()">
      <h2 [id]="id() + '-heading'">{{ heading() }}</h2>
      <div [id]="id() + '-text'" class="text"><ng-content /></div>
      @if (problem(); as problem) {
        <p class="sp-error" role="alert">{{ problem }}</p>
      }
      <div class="actions">
        <button type="button" class="sp-button" [class.danger]="danger()" [attr.aria-disabled]="busy()" (click)="confirm()">{{ confirmLabel() }}</button>
        <button #cancel type="button" class="sp-button sp-button-secondary" (click)="close()">Cancel</button>
      </div>
    </dialog>
  `,
  styles: `
    dialog { width: min(100% - 2rem, 32rem); border: 1px solid var(--sp-line); border-radius: 0.5rem; padding: 1.25rem 1.5rem; }
    dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    h2 { margin: 0 0 0.75rem; font-size: 1.25rem; }
    .text { margin-bottom: 1rem; }
    .actions { display: flex; gap: 0.75rem; flex-wrap: wrap; }
    .danger { background: var(--sp-danger); border-color: var(--sp-danger); }
    .danger:hover { background: #7f1616; }
  `,
})
export class ConfirmDialog {
  /** Prefix of the dialog's element ids (unique on the page). */
  readonly id = input.required<string>();
  readonly heading = input.required<string>();
  readonly confirmLabel = input.required<string>();
  /** Whether the action takes something away (red confirm button). */
  readonly danger = input(true);
  readonly confirmed = output<void>();

  protected readonly problem = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly cancel = viewChild.required<ElementRef<HTMLButtonElement>>('cancel');
  private opener: HTMLElement | null = null;

  open(): void {
    this.problem.set(null);
    this.busy.set(false);
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.dialog().nativeElement.showModal();
    this.cancel().nativeElement.focus();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  /**
   * The action worked: the dialog closes. The focus goes back to the button that opened it, unless
   * `returnFocus` is false because the page moves it (to what the action showed or put in its place).
   */
  done(returnFocus = true): void {
    this.busy.set(false);
    if (!returnFocus) this.opener = null;
    this.close();
  }

  /** The server refused: its message is shown in the dialog. */
  fail(message: string): void {
    this.busy.set(false);
    this.problem.set(message);
  }

  protected confirm(): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.confirmed.emit();
  }

  protected closed(): void {
    // Focus goes back to the button that opened the dialog, when it is still on the page.
    if (this.opener?.isConnected) this.opener.focus();
  }
}
