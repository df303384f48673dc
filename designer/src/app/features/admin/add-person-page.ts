import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { problemMessage } from '../inbox/inbox-api';
import { AdminApi, type GroupOption, PERSON_ROLES } from './admin-api';
import { GroupPicker } from './group-picker';
import { MIN_PASSWORD_LENGTH, generatePassword, passwordProblem } from './initial-password';
import type { AddedNotice } from './people-page';
import { RoleCheckboxes } from './role-checkboxes';

/** The server's rule for usernames (server/src/security/admin.controller.ts). */
const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,99}$/i;

type TextField = 'username' | 'displayName' | 'email' | 'password';
type Field = TextField | 'roles' | 'groups';

interface Problem {
  message: string;
  field: Field | null;
}

/** Which field a message of the server is about ("username must be …", "The password must …"). */
function fieldOf(message: string): Field | null {
  if (/password/i.test(message)) return 'password';
  if (/username/i.test(message)) return 'username';
  if (/displayName/.test(message)) return 'displayName';
  if (/e-?mail/i.test(message)) return 'email';
  if (/role/i.test(message)) return 'roles';
  if (/group/i.test(message)) return 'groups';
  return null;
}

/**
 * Add a person: username, name, e-mail, roles, teams and an initial password (one is suggested).
 * The server checks everything again; its reasons appear above the form and mark the field.
 * Afterwards the people list shows the new person and, once, their password.
 */
@Component({
  selector: 'sp-add-person-page',
  imports: [RouterLink, RoleCheckboxes, GroupPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './add-person-page.html',
  styleUrl: './admin-form.css',
})
export class AddPersonPage {
  private readonly api = inject(AdminApi);
  private readonly router = inject(Router);

  protected readonly roleOptions = PERSON_ROLES;
  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly organisation = this.api.organisationName;
  protected readonly roles = signal<string[]>(['staff']);
  protected readonly groups = signal<string[]>([]);
  protected readonly groupOptions = signal<readonly GroupOption[]>([]);
  protected readonly password = signal(generatePassword(''));
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);

  private readonly usernameField = viewChild.required<ElementRef<HTMLInputElement>>('username');
  private readonly displayNameField = viewChild.required<ElementRef<HTMLInputElement>>('displayName');
  private readonly emailField = viewChild.required<ElementRef<HTMLInputElement>>('email');
  private readonly passwordField = viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly fields: Record<TextField, () => ElementRef<HTMLInputElement>> = {
    username: this.usernameField,
    displayName: this.displayNameField,
    email: this.emailField,
    password: this.passwordField,
  };

  constructor() {
    this.api.groups().then(
      (groups) => this.groupOptions.set(groups),
      () => undefined, // The list only helps: group ids can still be typed.
    );
  }

  protected invalid(field: Field): true | null {
    return this.problem()?.field === field ? true : null;
  }

  protected describedBy(field: Field, hint?: string): string | null {
    const ids = [hint, this.problem()?.field === field ? 'add-error' : undefined].filter((id) => id !== undefined);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected suggestPassword(): void {
    this.password.set(generatePassword(this.fields.username().nativeElement.value.trim()));
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const value = (field: TextField) => this.fields[field]().nativeElement.value.trim();
    const person = {
      username: value('username'),
      displayName: value('displayName'),
      ...(value('email') !== '' ? { email: value('email') } : {}),
      roles: this.roles(),
      groups: this.groups(),
      password: this.fields.password().nativeElement.value,
    };
    const local = this.check(person.username, person.displayName, person.roles, person.password);
    if (local !== null) return this.show(local);
    this.problem.set(null);
    this.busy.set(true);
    try {
      await this.api.createUser(person);
      const added: AddedNotice = { displayName: person.displayName, username: person.username, password: person.password };
      await this.router.navigate(['/admin/people'], { state: { added } });
    } catch (error) {
      const message = problemMessage(error, 'The person could not be added. Try again in a moment.');
      this.show({ message, field: fieldOf(message) });
    } finally {
      this.busy.set(false);
    }
  }

  private check(username: string, displayName: string, roles: string[], password: string): Problem | null {
    if (!USERNAME.test(username)) return { message: 'Enter a username of 2 to 100 letters, digits, dots, dashes, @ or _.', field: 'username' };
    if (displayName === '') return { message: 'Enter their name as colleagues should see it.', field: 'displayName' };
    if (roles.length === 0) return { message: 'Choose at least one role.', field: 'roles' };
    const weak = passwordProblem(username, password);
    return weak === null ? null : { message: weak, field: 'password' };
  }

  private show(problem: Problem): void {
    this.problem.set(problem);
    const field = problem.field;
    if (field === 'roles' || field === 'groups') document.querySelector<HTMLInputElement>(`#${field === 'roles' ? 'add-roles' : 'add-groups'} input`)?.focus();
    else if (field !== null) this.fields[field]().nativeElement.focus();
    else document.getElementById('add-error')?.focus();
  }
}
