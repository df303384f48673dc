import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { Router } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { OIDC_LOGIN_URL, type SignInFailure, SignInError, type SignInOptions, safeReturnUrl } from '../../core/session';

type Problem = SignInFailure | 'missing' | 'sso';

const MESSAGES: Record<Problem, string> = {
  'wrong-credentials': 'Wrong username or password. Check them and try again.',
  'locked-out': 'Too many failed attempts: this account is locked for a few minutes. Wait, then try again, or ask your Safepath administrator.',
  unavailable: 'Safepath could not be reached. Check your connection and try again in a moment.',
  missing: 'Enter your username and password.',
  sso: 'Signing in with your organisation account did not work. Start again, or sign in with your Safepath username and password.',
};

/** The single sign-on button's text when the server does not name it (OIDC_LABEL's default). */
const DEFAULT_OIDC_LABEL = 'Sign in with your organisation account';

/**
 * The sign-in page: username and password, or the organisation's single sign-on when the server
 * offers it. Says plainly that Safepath holds sensitive information and is for authorised staff.
 */
@Component({
  selector: 'sp-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="layout">
      <section class="card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in to Safepath</h1>
        <div class="notice">
          <p><strong>Authorised staff only.</strong></p>
          <p>
            Safepath holds sensitive information about people affected by domestic abuse. Use only
            your own account, and only for your work. What you see and change is recorded.
          </p>
        </div>

        @if (message(); as message) {
          <p class="sp-error" role="alert" id="sign-in-error">{{ message }}</p>
        }

        <form (submit)="submit($event)" novalidate>
          <div class="sp-field">
            <label for="username">Username</label>
            <input
              #username
              id="username"
              name="username"
              type="text"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              required
              [attr.aria-invalid]="invalid() ? true : null"
              [attr.aria-describedby]="invalid() ? 'sign-in-error' : null"
            />
          </div>
          <div class="sp-field">
            <label for="password">Password</label>
            <input
              #password
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              [attr.aria-invalid]="invalid() ? true : null"
              [attr.aria-describedby]="invalid() ? 'sign-in-error' : null"
            />
          </div>
          <button type="submit" class="sp-button" [attr.aria-disabled]="busy()">{{ busy() ? 'Signing in…' : 'Sign in' }}</button>
        </form>

        @if (options().oidc) {
          <p class="or"><span>or</span></p>
          <a class="sp-button sp-button-secondary sso" [href]="oidcLoginHref()">{{ options().oidcLabel || defaultOidcLabel }}</a>
        }

        <p class="help">Forgotten your password, or locked out? Ask your organisation's Safepath administrator.</p>
      </section>
    </div>
  `,
  styles: `
    .layout { display: flex; justify-content: center; padding: 1rem 0 2rem; }
    .card { width: min(100%, 28rem); padding: 1.5rem 2rem 2rem; border: 1px solid var(--sp-line); border-radius: 0.5rem; }
    h1 { margin: 0 0 1rem; font-size: 1.75rem; }
    .notice { margin: 0 0 1.5rem; padding: 0.75rem 1rem; border-left: 4px solid var(--sp-brand); background: var(--sp-tint); }
    .notice p { margin: 0; }
    .notice p + p { margin-top: 0.25rem; }
    form .sp-button { width: 100%; margin-top: 0.5rem; }
    .or { display: flex; align-items: center; gap: 0.75rem; margin: 1.25rem 0; color: var(--sp-muted); }
    .or::before, .or::after { content: ''; flex: 1; border-top: 1px solid var(--sp-line); }
    .sso { display: block; text-align: center; }
    .help { margin: 1.5rem 0 0; color: var(--sp-muted); font-size: 0.9375rem; }
  `,
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Where to go afterwards (`?returnUrl=`), set by the guard that sent the person here. */
  readonly returnUrl = input<string | undefined>();
  /** `?error=sso`: the server sent the person back here after a failed single sign-on. */
  readonly error = input<string | undefined>();

  protected readonly defaultOidcLabel = DEFAULT_OIDC_LABEL;
  /** Single sign-on, coming back to the same page as a password sign-in would. */
  protected readonly oidcLoginHref = computed(() => {
    const target = safeReturnUrl(this.returnUrl());
    return target === '/' ? OIDC_LOGIN_URL : `${OIDC_LOGIN_URL}?returnTo=${encodeURIComponent(target)}`;
  });
  protected readonly options = signal<SignInOptions>({ oidc: false });
  private readonly failure = signal<Problem | null>(null);
  /** Once the form is used, a single sign-on failure from before is old news. */
  private readonly formUsed = signal(false);
  protected readonly message = computed(() => {
    const failure = this.failure() ?? (this.error() === 'sso' && !this.formUsed() ? 'sso' : null);
    return failure === null ? null : MESSAGES[failure];
  });
  /** Whether the fields themselves are the problem (not the network). */
  protected readonly invalid = computed(() => this.failure() === 'wrong-credentials' || this.failure() === 'missing');
  protected readonly busy = signal(false);
  private readonly usernameField = viewChild.required<ElementRef<HTMLInputElement>>('username');
  private readonly passwordField = viewChild.required<ElementRef<HTMLInputElement>>('password');

  constructor() {
    void this.auth.options().then((options) => this.options.set(options));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const username = this.usernameField().nativeElement;
    const password = this.passwordField().nativeElement;
    this.failure.set(null);
    this.formUsed.set(true);
    if (username.value.trim() === '' || password.value === '') {
      this.failure.set('missing');
      (username.value.trim() === '' ? username : password).focus();
      return;
    }
    this.busy.set(true);
    try {
      await this.auth.signIn(username.value.trim(), password.value);
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.failure.set(error instanceof SignInError ? error.reason : 'unavailable');
      password.value = '';
      password.focus();
    } finally {
      this.busy.set(false);
    }
  }
}
