import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterOutlet } from '@angular/router';

/** The application shell: skip link, banner, the routed page and a footer. */
@Component({
  selector: 'sp-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip" href="#content">Skip to main content</a>
    <header class="banner">
      <a class="brand" routerLink="/"><span aria-hidden="true">◆</span> Safepath</a>
      <nav aria-label="Main">
        <a href="/api/docs">API documentation</a>
      </nav>
    </header>
    <main id="content" tabindex="-1">
      <router-outlet />
    </main>
    <footer class="footer">
      <p>Safepath is open-source software (AGPL-3.0-or-later).</p>
    </footer>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .skip { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: var(--sp-paper); }
    .skip:focus { left: 0.5rem; }
    .banner {
      display: flex; align-items: center; justify-content: space-between; gap: 1rem;
      padding: 0.75rem 1.5rem; background: var(--sp-brand); color: var(--sp-brand-ink);
    }
    .banner a { color: var(--sp-brand-ink); }
    .brand { font-size: 1.25rem; font-weight: 700; text-decoration: none; }
    main { flex: 1; width: min(100% - 3rem, 70rem); margin: 0 auto; padding: 1.5rem 0; }
    .footer { padding: 0.75rem 1.5rem; border-top: 1px solid var(--sp-line); color: var(--sp-muted); font-size: 0.875rem; }
  `,
})
export class App {}
