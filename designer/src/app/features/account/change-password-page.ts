import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { ChangePasswordError } from '../../core/session';

/** The server's rule (server/src/security/passwords.ts), repeated so the page can say it up front. */
const MIN_LENGTH = 12;

type Field = 'currentPassword' | 'newPassword' | 'confirmPassword';

interface Problem {
  message: string;
  field: Field | null;
}

/**
 * Change your own password: current, new and the new one again. The server checks the current
 * password and the rules and ends the person's other sessions; its reasons are shown as given.
 */
@Component({
  selector: 'sp-change-password-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Change your password</h1>
    <p class="lead">
      Use at least ${MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.
      Changing your password signs you out of Safepath everywhere else.
    </p>

    @if (problem(); as problem) {
      <p class="sp-error" role="alert" id="password-error">{{ problem.message }}</p>
    }
    @if (changed()) {
      <p class="sp-success" role="status">Your password has been changed. You are still signed in here.</p>
    }

    <form (submit)="submit($event)" novalidate>
      <div class="sp-field">
        <label for="current-password">Current password</label>
        <input #current id="current-password" name="currentPassword" type="password" autocomplete="current-password" required
          [attr.aria-invalid]="invalid('currentPassword')" [attr.aria-describedby]="describedBy('currentPassword')" />
      </div>
      <div class="sp-field">
        <label for="new-password">New password</label>
        <p class="sp-hint" id="new-password-hint">At least ${MIN_LENGTH} characters, not containing your username.</p>
        <input #next id="new-password" name="newPassword" type="password" autocomplete="new-password" required minlength="${MIN_LENGTH}"
          [attr.aria-invalid]="invalid('newPassword')" [attr.aria-describedby]="describedBy('newPassword', 'new-password-hint')" />
      </div>
      <div class="sp-field">
        <label for="confirm-password">New password again</label>
        <input #confirm id="confirm-password" name="confirmPassword" type="password" autocomplete="new-password" required
          [attr.aria-invalid]="invalid('confirmPassword')" [attr.aria-describedby]="describedBy('confirmPassword')" />
      </div>
      <div class="actions">
        <button type="submit" class="sp-button" [attr.aria-disabled]="busy()">{{ busy() ? 'Changing password…' : 'Change password' }}</button>
        <a routerLink="/processes">Cancel</a>
      </div>
    </form>
  `,
  styles: `
    :host { display: block; max-width: 36rem; }
    .actions { display: flex; align-items: center; gap: 1.5rem; margin-top: 0.5rem; }
  `,
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthService);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly changed = signal(false);
  protected readonly busy = signal(false);
  private readonly currentField = viewChild.required<ElementRef<HTMLInputElement>>('current');
  private readonly newField = viewChild.required<ElementRef<HTMLInputElement>>('next');
  private readonly confirmField = viewChild.required<ElementRef<HTMLInputElement>>('confirm');
  private readonly fields: Record<Field, () => ElementRef<HTMLInputElement>> = {
    currentPassword: this.currentField,
    newPassword: this.newField,
    confirmPassword: this.confirmField,
  };

  protected invalid(field: Field): true | null {
    return this.problem()?.field === field ? true : null;
  }

  protected describedBy(field: Field, hint?: string): string | null {
    const ids = [hint, this.problem()?.field === field ? 'password-error' : undefined].filter((id) => id !== undefined);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const value = (field: Field) => this.fields[field]().nativeElement.value;
    this.problem.set(null);
    this.changed.set(false);
    const local = this.check(value('currentPassword'), value('newPassword'), value('confirmPassword'));
    if (local !== null) return this.show(local);
    this.busy.set(true);
    try {
      await this.auth.changePassword(value('currentPassword'), value('newPassword'));
      for (const field of Object.values(this.fields)) field().nativeElement.value = '';
      this.changed.set(true);
    } catch (error) {
      this.show(error instanceof ChangePasswordError ? { message: error.message, field: error.field } : { message: 'The password could not be changed. Try again in a moment.', field: null });
    } finally {
      this.busy.set(false);
    }
  }

  private check(current: string, next: string, confirm: string): Problem | null {
    if (current === '') return { message: 'Enter your current password.', field: 'currentPassword' };
    if (next.length < MIN_LENGTH) return { message: `The new password must have at least ${MIN_LENGTH} characters.`, field: 'newPassword' };
    if (next !== confirm) return { message: 'The new passwords do not match. Type the same new password twice.', field: 'confirmPassword' };
    return null;
  }

  private show(problem: Problem): void {
    this.problem.set(problem);
    if (problem.field !== null) this.fields[problem.field]().nativeElement.focus();
  }
}
