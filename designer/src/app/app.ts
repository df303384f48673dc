import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { AuthService } from './core/auth.service';

/** Pages that need the full width: /processes/:key and everything below it, /decisions/:key. */
const WIDE_PAGES = /^\/(processes\/[^/?#]+|decisions\/[^/?#]+)/;

/**
 * The application shell: skip link, banner (with who is signed in, their organisation and Sign
 * out), the routed page and a footer. After each in-app navigation focus moves to the page, so a
 * keyboard or screen-reader user starts reading the new page rather than the old link.
 */
@Component({
  selector: 'sp-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#content">Skip to main content</a>
    <header class="banner">
      <a class="brand" [routerLink]="auth.signedIn() ? '/processes' : '/sign-in'"><span aria-hidden="true">◆</span> Safepath</a>
      @if (auth.user(); as user) {
        <nav aria-label="Main">
          @if (user.permissions.includes('task:work')) {
            <a routerLink="/inbox" routerLinkActive="active" ariaCurrentWhenActive="page">Inbox</a>
          }
          @if (user.permissions.includes('task:assign')) {
            <a routerLink="/dashboard" routerLinkActive="active" ariaCurrentWhenActive="page">Dashboard</a>
          }
          <a routerLink="/processes" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">Processes</a>
          @if (user.permissions.includes('simulation:run') || user.permissions.includes('simulation:practise')) {
            <a routerLink="/simulations" routerLinkActive="active" ariaCurrentWhenActive="page">Training</a>
          }
          @if (user.permissions.includes('users:manage')) {
            <a routerLink="/admin" routerLinkActive="active" ariaCurrentWhenActive="page">Administration</a>
          }
          <a href="/api/docs">API documentation</a>
        </nav>
        <div class="account">
          <p class="who">
            <span class="sp-visually-hidden">Signed in as </span>
            <span class="name">{{ user.displayName }}</span>
            <span class="organisation">{{ auth.organisation()?.name ?? 'All organisations' }}</span>
          </p>
          <a routerLink="/account/password" routerLinkActive="active" ariaCurrentWhenActive="page">Change password</a>
          <button type="button" class="sign-out" (click)="signOut()" [attr.aria-disabled]="signingOut()">Sign out</button>
        </div>
      }
    </header>
    <main id="content" tabindex="-1" #content [class.wide]="wide()">
      <router-outlet />
    </main>
    <footer class="footer">
      <p>Safepath is open-source software (AGPL-3.0-or-later).</p>
    </footer>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: var(--sp-paper); z-index: 1; }
    .skip:focus { left: 0.5rem; }
    .banner {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
      padding: 0.75rem 1.5rem; background: var(--sp-brand); color: var(--sp-brand-ink);
    }
    .banner a { color: var(--sp-brand-ink); }
    .banner :focus-visible { outline-color: var(--sp-brand-ink); }
    .brand { font-size: 1.25rem; font-weight: 700; text-decoration: none; }
    nav { display: flex; gap: 1.25rem; flex: 1; }
    nav a { text-underline-offset: 0.3em; }
    nav a:not(.active) { text-decoration: none; }
    nav a:not(.active):hover { text-decoration: underline; }
    nav a.active { text-decoration-thickness: 3px; }
    .account a.active { text-decoration-thickness: 3px; }
    .account { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-left: auto; }
    .who { margin: 0; display: flex; flex-direction: column; line-height: 1.25; text-align: right; }
    .name { font-weight: 600; }
    .organisation { font-size: 0.875rem; }
    .sign-out {
      font: inherit; padding: 0.375rem 0.875rem; border-radius: 0.25rem; cursor: pointer;
      color: var(--sp-brand-ink); background: transparent; border: 2px solid var(--sp-brand-ink);
    }
    .sign-out:hover { background: rgb(255 255 255 / 0.12); }
    main { flex: 1; width: min(100% - 3rem, 70rem); margin: 0 auto; padding: 1.5rem 0; }
    main.wide { width: calc(100% - 2rem); padding-top: 1rem; }
    main:focus { outline: none; }
    .footer { padding: 0.75rem 1.5rem; border-top: 1px solid var(--sp-line); color: var(--sp-muted); font-size: 0.875rem; }
    @media (max-width: 40rem) {
      .who { text-align: left; }
      .account { margin-left: 0; }
    }
  `,
})
export class App {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');
  protected readonly signingOut = signal(false);
  /** The editors (process, form, decision) and the version comparison use the whole window width. */
  protected readonly wide = signal(false);

  constructor() {
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => afterNextRender(() => this.content().nativeElement.focus({ preventScroll: false }), { injector: this.injector }));
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((event) => this.wide.set(WIDE_PAGES.test(event.urlAfterRedirects)));
  }

  /** Ends the session on the server and shows the sign-in page. */
  protected async signOut(): Promise<void> {
    if (this.signingOut()) return;
    this.signingOut.set(true);
    try {
      await this.auth.signOut();
      await this.router.navigateByUrl('/sign-in');
    } finally {
      this.signingOut.set(false);
    }
  }
}
