import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { problemMessage } from '../inbox/inbox-api';
import { AdminApi, type AdminUser, type GroupOption, rolesText } from './admin-api';
import { PersonStatus, groupsText } from './person-status';
import { SecretPanel } from './secret-panel';

/** What the add-person page hands over (router state): shown once, here. */
export interface AddedNotice {
  displayName: string;
  username: string;
  password: string;
}

/**
 * The organisation's people: who can sign in, with which roles and teams, and whether they are
 * disabled or locked out. A person's name opens their page (change, reset password, sign out
 * everywhere, disable); "Add a person" creates an account.
 */
@Component({
  selector: 'sp-people-page',
  imports: [RouterLink, SecretPanel, PersonStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './people-page.html',
  styleUrl: './admin-tables.css',
})
export class PeoplePage {
  private readonly api = inject(AdminApi);

  protected readonly rolesText = rolesText;
  protected readonly organisation = this.api.organisationName;
  protected readonly people = signal<AdminUser[]>([]);
  protected readonly groups = signal<readonly GroupOption[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<string | null>(null);
  protected readonly search = signal('');
  protected readonly added = signal<AddedNotice | null>(null);

  protected readonly shown = computed(() => {
    const words = this.search().trim().toLowerCase();
    if (words === '') return this.people();
    return this.people().filter((p) =>
      [p.displayName, p.username, p.email ?? '', rolesText(p.roles), ...p.groups, this.teams(p)].some((text) => text.toLowerCase().includes(words)),
    );
  });
  protected readonly summary = computed(() => {
    const all = this.people();
    const disabled = all.filter((p) => p.disabled).length;
    const people = all.length === 1 ? '1 person' : `${all.length} people`;
    return disabled === 0 ? people : `${people}, ${disabled} disabled`;
  });

  constructor() {
    const location = inject(Location);
    const state = location.getState() as { added?: AddedNotice } | null;
    if (state?.added) {
      this.added.set(state.added);
      // Shown once: a reload or Back does not show the password again.
      location.replaceState(location.path(), '', { ...state, added: undefined });
    }
    void this.load();
  }

  protected teams(person: AdminUser): string {
    return groupsText(person.groups, this.groups());
  }

  protected dismissAdded(): void {
    this.added.set(null);
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    try {
      const [people, groups] = await Promise.all([this.api.users(), this.api.groups().catch(() => [])]);
      this.people.set(people);
      this.groups.set(groups);
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemMessage(error, "The organisation's people could not be loaded."));
    } finally {
      this.loading.set(false);
    }
  }
}
