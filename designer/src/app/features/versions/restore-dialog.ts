import { ChangeDetectionStrategy, Component, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { ProcessVersionsApi, type Published } from './process-versions.api';
import { serverMessage } from './server-message';

/**
 * Asks before restoring an old version (a modal `<dialog>`: focus stays inside, Escape cancels),
 * with the comment the new version is published with. Restoring publishes the old XML again as
 * a new version; running cases stay on the version they started on.
 */
@Component({
  selector: 'sp-restore-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" aria-labelledby="restore-heading" aria-describedby="restore-text" (close)="closed()">
      @if (version(); as v) {
        <form (submit)="restore($event)" novalidate>
          <h2 id="restore-heading">Restore version {{ v }}?</h2>
          <p id="restore-text">
            Version {{ v }} is published again as a new version, and new cases start on it. Cases already running stay on the version they started on.
            @if (hasDraft()) {
              The current draft is kept.
            }
          </p>
          <div class="sp-field">
            <label for="restore-comment">Comment for the new version</label>
            <p class="sp-hint" id="restore-comment-hint">Say why, for the history: people read it when they compare versions.</p>
            <textarea id="restore-comment" #comment rows="3" aria-describedby="restore-comment-hint" [attr.aria-invalid]="missingComment()"
              [value]="'Restored version ' + v"></textarea>
          </div>
          @if (failure(); as message) {
            <p class="sp-error" role="alert">{{ message }}</p>
          }
          <div class="buttons">
            <button type="submit" class="sp-button" [attr.aria-disabled]="busy()">Restore version {{ v }}</button>
            <button type="button" class="sp-button sp-button-secondary" (click)="cancel()">Cancel</button>
          </div>
        </form>
      }
    </dialog>
  `,
  styles: `
    .dialog { max-width: min(36rem, 100vw - 2rem); padding: 1.5rem; border: 2px solid var(--sp-brand); border-radius: 0.5rem; color: var(--sp-ink); }
    .dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    h2 { margin-top: 0; }
    textarea { font: inherit; padding: 0.5rem 0.625rem; border: 2px solid var(--sp-muted); border-radius: 0.25rem; resize: vertical; }
    textarea[aria-invalid='true'] { border-color: var(--sp-danger); }
    .buttons { display: flex; flex-wrap: wrap; gap: 1rem; }
  `,
})
export class RestoreDialog {
  private readonly api = inject(ProcessVersionsApi);

  readonly key = input.required<string>();
  /** Whether the process has a draft (it is kept; the dialog says so). */
  readonly hasDraft = input(false);
  /** The new version, once published. */
  readonly restored = output<{ from: number; published: Published }>();

  protected readonly version = signal<number | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly missingComment = signal(false);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly comment = viewChild<ElementRef<HTMLTextAreaElement>>('comment');

  /** Opens the dialog for `version`; the comment field has focus. */
  open(version: number): void {
    this.version.set(version);
    this.failure.set(null);
    this.missingComment.set(false);
    this.dialog().nativeElement.showModal();
    // The form renders with the version; focus its comment once it is there.
    setTimeout(() => this.comment()?.nativeElement.focus());
  }

  protected cancel(): void {
    this.dialog().nativeElement.close();
  }

  protected closed(): void {
    this.busy.set(false);
  }

  protected async restore(event: Event): Promise<void> {
    event.preventDefault();
    const version = this.version();
    if (version === null || this.busy()) return;
    const comment = this.comment()?.nativeElement.value.trim() ?? '';
    if (comment === '') {
      this.missingComment.set(true);
      this.failure.set('Write a comment: it is shown in the history.');
      this.comment()?.nativeElement.focus();
      return;
    }
    this.missingComment.set(false);
    this.failure.set(null);
    this.busy.set(true);
    try {
      const published = await this.api.restore(this.key(), version, comment);
      this.dialog().nativeElement.close();
      this.restored.emit({ from: version, published });
    } catch (error) {
      this.failure.set(serverMessage(error, `Version ${version} could not be restored.`));
    } finally {
      this.busy.set(false);
    }
  }
}
