import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AdminApi } from './admin-api';

/** An organisation id as the server names them (`tai-calon`). */
const ORGANISATION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The frame of the administration pages: the organisation managed and a menu of People and API
 * tokens. The platform administrator, who belongs to no organisation, first names the one to
 * manage; choosing another one reloads the page below.
 */
@Component({
  selector: 'sp-admin-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (api.choosesOrganisation() && api.chosenOrganisation() === null) {
      <h1>Administration</h1>
      <p>You belong to no organisation: name the one whose people and API tokens you want to manage.</p>
      <form class="choose" (submit)="choose($event)" novalidate>
        @if (problem(); as problem) {
          <p class="sp-error" role="alert" id="organisation-error">{{ problem }}</p>
        }
        <div class="sp-field">
          <label for="organisation">Organisation id</label>
          <p class="sp-hint" id="organisation-hint">For example tai-calon or hackney-dais.</p>
          <input #organisation id="organisation" type="text" autocomplete="off" spellcheck="false"
            [attr.aria-describedby]="problem() ? 'organisation-hint organisation-error' : 'organisation-hint'" [attr.aria-invalid]="problem() ? true : null" />
        </div>
        <button type="submit" class="sp-button">Manage this organisation</button>
      </form>
    } @else {
      <div class="frame">
        <p class="organisation">
          Administration<span class="sp-visually-hidden">:</span>
          <strong>{{ api.organisationName() }}</strong>
          @if (api.choosesOrganisation()) {
            <button type="button" class="link" (click)="api.chosenOrganisation.set(null)">Choose another organisation</button>
          }
        </p>
        <nav aria-label="Administration">
          <a routerLink="people" routerLinkActive="active" ariaCurrentWhenActive="page">People</a>
          <a routerLink="tokens" routerLinkActive="active" ariaCurrentWhenActive="page">API tokens</a>
        </nav>
      </div>
      <router-outlet />
    }
  `,
  styles: `
    :host { display: block; }
    .frame { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.25rem 2rem; margin-bottom: 1.25rem; padding-bottom: 0.5rem; border-bottom: 1px solid var(--sp-line); }
    .organisation { margin: 0; color: var(--sp-muted); display: flex; flex-wrap: wrap; gap: 0 0.5rem; align-items: baseline; }
    .organisation strong { color: var(--sp-ink); }
    nav { display: flex; gap: 1.25rem; }
    nav a { font-weight: 600; text-underline-offset: 0.3em; }
    nav a:not(.active) { text-decoration: none; }
    nav a:not(.active):hover { text-decoration: underline; }
    nav a.active { color: var(--sp-ink); text-decoration-thickness: 3px; }
    .link { font: inherit; padding: 0; border: none; background: none; color: var(--sp-focus); text-decoration: underline; cursor: pointer; }
    .choose { max-width: 28rem; }
  `,
})
export class AdminLayout {
  protected readonly api = inject(AdminApi);
  protected readonly problem = signal<string | null>(null);
  private readonly organisation = viewChild<ElementRef<HTMLInputElement>>('organisation');

  protected choose(event: Event): void {
    event.preventDefault();
    const field = this.organisation()?.nativeElement;
    const value = field?.value.trim() ?? '';
    if (!ORGANISATION_ID.test(value)) {
      this.problem.set('Enter an organisation id: lower-case letters, digits and dashes, e.g. tai-calon.');
      field?.focus();
      return;
    }
    this.problem.set(null);
    this.api.chosenOrganisation.set(value);
  }
}
