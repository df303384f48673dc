import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { problemMessage, statusOf } from '../inbox/inbox-api';
import { AdminApi, type AdminUser, type GroupOption, PERSON_ROLES, type PersonChanges } from './admin-api';
import { ConfirmDialog } from './confirm-dialog';
import { GroupPicker } from './group-picker';
import { generatePassword } from './initial-password';
import { PersonStatus } from './person-status';
import { RoleCheckboxes } from './role-checkboxes';
import { SecretPanel } from './secret-panel';

type LoadState = 'loading' | 'ready' | 'not-found' | 'failed';
/** The actions that take something away, each confirmed first. */
type Pending = 'reset' | 'sign-out' | 'disable';

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * One person of the organisation: change their name, roles and teams; reset their password (a
 * new one is generated and shown once); sign them out everywhere; disable or enable them. Every
 * action that takes something away is confirmed in a dialog first.
 */
@Component({
  selector: 'sp-person-page',
  imports: [RouterLink, RoleCheckboxes, GroupPicker, ConfirmDialog, SecretPanel, PersonStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './person-page.html',
  styleUrls: ['./admin-form.css', './person-page.css'],
})
export class PersonPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly title = inject(Title);
  private readonly injector = inject(Injector);

  /** The person's id (route parameter). */
  readonly id = input.required<string>();

  protected readonly roleOptions = PERSON_ROLES;
  protected readonly state = signal<LoadState>('loading');
  protected readonly loadProblem = signal('');
  protected readonly person = signal<AdminUser | null>(null);
  protected readonly groupOptions = signal<readonly GroupOption[]>([]);
  protected readonly roles = signal<string[]>([]);
  protected readonly groups = signal<string[]>([]);
  protected readonly saveProblem = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  protected readonly pending = signal<Pending | null>(null);
  protected readonly newPassword = signal<string | null>(null);
  protected readonly confirmHeading = computed(() => {
    const name = this.person()?.displayName ?? '';
    const pending = this.pending();
    if (pending === 'reset') return `Reset ${name}’s password?`;
    if (pending === 'sign-out') return `Sign ${name} out everywhere?`;
    return `Disable ${name}?`;
  });
  protected readonly confirmLabel = computed(() => ({ reset: 'Reset password', 'sign-out': 'Sign out everywhere', disable: 'Disable' })[this.pending() ?? 'disable']);
  protected readonly isMe = computed(() => this.person()?.username === this.auth.user()?.userId);

  private readonly displayName = viewChild<ElementRef<HTMLInputElement>>('displayName');
  private readonly confirmDialog = viewChild.required<ConfirmDialog>('confirm');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      const [people, groups] = await Promise.all([this.api.users(), this.api.groups().catch(() => [])]);
      this.groupOptions.set(groups);
      const person = people.find((p) => p.id === this.id()) ?? null;
      if (person === null) {
        this.state.set('not-found');
        return;
      }
      this.show(person);
      this.state.set('ready');
    } catch (error) {
      this.loadProblem.set(problemMessage(error, 'This person could not be loaded.'));
      this.state.set(statusOf(error) === 404 ? 'not-found' : 'failed');
    }
  }

  /** Saves what changed; a change of roles or teams ends the person's sessions so it applies at once. */
  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const person = this.person();
    if (person === null || this.saving()) return;
    const displayName = this.displayName()?.nativeElement.value.trim() ?? person.displayName;
    if (displayName === '') return this.refuse('Enter their name as colleagues should see it.', 'edit-name');
    if (this.roles().length === 0) return this.refuse('Choose at least one role. To stop them signing in, disable them below.', 'edit-roles-staff');
    // Roles this page does not offer (given by the platform administrator through the API) are kept.
    const roles = [...this.roles(), ...person.roles.filter((r) => !PERSON_ROLES.some((o) => o.value === r))];
    const changes: PersonChanges = {};
    if (displayName !== person.displayName) changes.displayName = displayName;
    if (!sameSet(roles, person.roles)) changes.roles = roles;
    if (!sameSet(this.groups(), person.groups)) changes.groups = this.groups();
    if (Object.keys(changes).length === 0) {
      this.saveProblem.set(null);
      return this.announce('Nothing has changed.');
    }
    this.saving.set(true);
    this.saveProblem.set(null);
    try {
      this.show(await this.api.updateUser(person.id, changes));
      const signedOut = changes.roles !== undefined || changes.groups !== undefined;
      this.announce(`Changes saved.${signedOut ? ` ${person.displayName} has been signed out everywhere so that they apply at once.` : ''}`);
    } catch (error) {
      this.saveProblem.set(problemMessage(error, 'The changes could not be saved. Try again in a moment.'));
    } finally {
      this.saving.set(false);
    }
  }

  protected ask(action: Pending): void {
    this.pending.set(action);
    this.confirmDialog().open();
  }

  /** Carries out the confirmed action and says what happened. */
  protected async confirmed(): Promise<void> {
    const person = this.person();
    const action = this.pending();
    if (person === null || action === null) return;
    try {
      if (action === 'reset') {
        const password = generatePassword(person.username);
        await this.api.resetPassword(person.id, password);
        this.show({ ...person, locked: false });
        this.status.set('');
        this.newPassword.set(password);
        // The new password's panel takes the focus.
        this.confirmDialog().done(false);
      } else if (action === 'sign-out') {
        await this.api.signOutEverywhere(person.id);
        this.confirmDialog().done();
        this.announce(`${person.displayName} has been signed out everywhere.`);
      } else {
        this.show(await this.api.updateUser(person.id, { disabled: true }));
        this.confirmDialog().done(false);
        this.focusAfterRender('enable');
        this.announce(`${person.displayName} is disabled and can no longer sign in.`);
      }
    } catch (error) {
      this.confirmDialog().fail(problemMessage(error, 'That did not work. Try again in a moment.'));
    }
  }

  protected async enable(): Promise<void> {
    const person = this.person();
    if (person === null) return;
    try {
      this.show(await this.api.updateUser(person.id, { disabled: false }));
      this.focusAfterRender('disable');
      this.announce(`${person.displayName} is enabled and can sign in again.`);
    } catch (error) {
      this.announce(problemMessage(error, 'They could not be enabled. Try again in a moment.'));
    }
  }

  protected passwordCopied(): void {
    this.newPassword.set(null);
    this.heading()?.nativeElement.focus();
  }

  private show(person: AdminUser): void {
    this.person.set(person);
    this.roles.set(PERSON_ROLES.map((r) => r.value).filter((r) => person.roles.includes(r)));
    this.groups.set([...person.groups]);
    this.title.setTitle(`${person.displayName} · Administration · Safepath`);
  }

  /** Moves the focus to an element that replaces the one just used (Disable becomes Enable). */
  private focusAfterRender(id: string): void {
    afterNextRender(() => document.getElementById(id)?.focus(), { injector: this.injector });
  }

  private refuse(message: string, focus: string): void {
    this.saveProblem.set(message);
    document.getElementById(focus)?.focus();
  }

  private announce(message: string): void {
    // Cleared first so that the same words twice are read twice.
    this.status.set('');
    setTimeout(() => this.status.set(message), 50);
  }
}
