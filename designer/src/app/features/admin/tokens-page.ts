import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { formatWhen } from '../library/format';
import { problemMessage } from '../inbox/inbox-api';
import { AdminApi, type ApiToken, type CreatedToken, TOKEN_ROLES, rolesText } from './admin-api';
import { ConfirmDialog } from './confirm-dialog';
import { RoleCheckboxes } from './role-checkboxes';
import { SecretPanel } from './secret-panel';

/**
 * The organisation's API tokens, with which machine clients (a case-management system, an
 * external task worker, a deployment pipeline) call /engine-rest: the list (never a secret),
 * creating one (its secret is shown once, with how to send it) and revoking one.
 */
@Component({
  selector: 'sp-tokens-page',
  imports: [RoleCheckboxes, SecretPanel, ConfirmDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tokens-page.html',
  styleUrls: ['./admin-tables.css', './tokens-page.css'],
})
export class TokensPage {
  private readonly api = inject(AdminApi);

  protected readonly roleOptions = TOKEN_ROLES;
  protected readonly rolesText = rolesText;
  protected readonly formatWhen = formatWhen;
  protected readonly organisation = this.api.organisationName;
  protected readonly origin = location.origin;
  protected readonly tokens = signal<ApiToken[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<string | null>(null);
  protected readonly status = signal('');

  protected readonly roles = signal<string[]>(['engine']);
  protected readonly createProblem = signal<{ message: string; field: 'name' | 'roles' | null } | null>(null);
  protected readonly creating = signal(false);
  protected readonly created = signal<CreatedToken | null>(null);
  /** The created token's parts for HTTP Basic: user `<id>`, password `<secret>`. */
  protected readonly basic = computed(() => {
    const created = this.created();
    return created === null ? null : { user: created.id, password: created.token.slice(created.id.length + 1) };
  });

  protected readonly revoking = signal<ApiToken | null>(null);
  private readonly revokeDialog = viewChild.required<ConfirmDialog>('revokeDialog');
  private readonly nameField = viewChild.required<ElementRef<HTMLInputElement>>('name');

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.tokens.set(await this.api.tokens());
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemMessage(error, "The organisation's API tokens could not be loaded."));
    } finally {
      this.loading.set(false);
    }
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    if (this.creating()) return;
    const field = this.nameField().nativeElement;
    const name = field.value.trim();
    if (name === '') return this.refuse('Give the token a name that says what uses it.', 'name');
    if (this.roles().length === 0) return this.refuse('Choose at least one role.', 'roles');
    this.createProblem.set(null);
    this.creating.set(true);
    try {
      const created = await this.api.createToken(name, this.roles());
      field.value = '';
      this.roles.set(['engine']);
      this.created.set(created);
      await this.load();
    } catch (error) {
      const message = problemMessage(error, 'The token could not be created. Try again in a moment.');
      this.refuse(message, /role/i.test(message) ? 'roles' : 'name');
    } finally {
      this.creating.set(false);
    }
  }

  protected secretCopied(): void {
    this.created.set(null);
    document.getElementById('tokens-heading')?.focus();
  }

  protected askRevoke(token: ApiToken): void {
    this.revoking.set(token);
    this.revokeDialog().open();
  }

  protected async revoke(): Promise<void> {
    const token = this.revoking();
    if (token === null) return;
    try {
      await this.api.revokeToken(token.id);
      // Its row and button are gone: the list's heading takes the focus.
      this.revokeDialog().done(false);
      document.getElementById('tokens-heading')?.focus();
      this.announce(`The token “${token.name}” is revoked: requests with it are refused from now on.`);
      await this.load();
    } catch (error) {
      this.revokeDialog().fail(problemMessage(error, 'The token could not be revoked. Try again in a moment.'));
    }
  }

  private refuse(message: string, field: 'name' | 'roles'): void {
    this.createProblem.set({ message, field });
    if (field === 'name') this.nameField().nativeElement.focus();
    else document.getElementById('token-roles-engine')?.focus();
  }

  private announce(message: string): void {
    // Cleared first so that the same words twice are read twice.
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
