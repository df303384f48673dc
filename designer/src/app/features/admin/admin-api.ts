import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth.service';

/** A person of the organisation as GET /api/admin/users describes them (never a password hash). */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  tenantId: string | null;
  roles: string[];
  groups: string[];
  disabled: boolean;
  /** Locked for a while after repeated wrong passwords; a password reset unlocks. */
  locked: boolean;
  /** Linked to an identity at the organisation's single sign-on provider. */
  singleSignOn: boolean;
}

export interface NewPerson {
  username: string;
  displayName: string;
  email?: string;
  roles: string[];
  groups: string[];
  password: string;
}

/** What PATCH /api/admin/users/:id changes; absent fields stay as they are. */
export interface PersonChanges {
  displayName?: string;
  roles?: string[];
  groups?: string[];
  disabled?: boolean;
}

/** An API token as GET /api/admin/tokens lists it (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  roles: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** A token just created: `token` is `<id>.<secret>`, answered this once only. */
export interface CreatedToken {
  id: string;
  name: string;
  roles: string[];
  token: string;
}

/** A candidate group the organisation's processes or people use, with a readable name. */
export interface GroupOption {
  id: string;
  label: string;
}

/** A role a checkbox offers: its value, its name and what it lets the holder do. */
export interface RoleOption {
  value: string;
  label: string;
  description: string;
}

/** Roles an organisation administrator gives people (server/src/security/caller.ts; platform-admin is not given here). */
export const PERSON_ROLES: readonly RoleOption[] = [
  { value: 'staff', label: 'Staff', description: "Works their teams' tasks in the Inbox and starts cases." },
  { value: 'manager', label: 'Manager', description: "Sees every case and task of the organisation, assigns work, the dashboard and the audit log." },
  { value: 'policy-lead', label: 'Policy lead', description: 'Edits and publishes the process models.' },
  { value: 'trainer', label: 'Trainer', description: 'Runs training simulations and sees trainees’ results.' },
  { value: 'org-admin', label: 'Administrator', description: 'Manages people and API tokens on this page; sees no case data.' },
];

/** Roles of API tokens (machine clients). */
export const TOKEN_ROLES: readonly RoleOption[] = [
  { value: 'engine', label: 'Engine', description: 'What an application integrating with Safepath needs: start cases, work tasks, send messages, deploy models.' },
  { value: 'worker', label: 'Worker', description: 'Fetches and completes external tasks only.' },
  { value: 'deployer', label: 'Deployer', description: 'Deploys process models only, e.g. from a build pipeline.' },
];

const ROLE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  [...PERSON_ROLES, ...TOKEN_ROLES, { value: 'platform-admin', label: 'Platform administrator' }].map((r) => [r.value, r.label]),
);

/** "Staff, Manager" for the roles a person or token holds. */
export function rolesText(roles: readonly string[]): string {
  return roles.map((r) => ROLE_NAMES[r] ?? r).join(', ');
}

/**
 * The organisation administrator's side of the server (/api/admin): people, their access and the
 * organisation's API tokens. An administrator always acts in their own organisation; the platform
 * administrator, who belongs to none, first chooses one ({@link chosenOrganisation}).
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);

  /** The organisation a platform administrator chose to manage; unused for everyone else. */
  readonly chosenOrganisation = signal<string | null>(null);
  /** Whether the signed-in person belongs to no organisation and must choose one first. */
  readonly choosesOrganisation = computed(() => this.auth.signedIn() && this.auth.organisation() === null);
  /** The organisation managed here (its id), or null until a platform administrator has chosen one. */
  readonly organisationId = computed(() => this.auth.organisation()?.id ?? this.chosenOrganisation());
  /** The organisation's name when the server gave it; its id otherwise. */
  readonly organisationName = computed(() => this.auth.organisation()?.name ?? this.chosenOrganisation() ?? '');

  users(): Promise<AdminUser[]> {
    return firstValueFrom(this.http.get<AdminUser[]>('/api/admin/users', { params: this.scope() }));
  }

  createUser(person: NewPerson): Promise<AdminUser> {
    return firstValueFrom(this.http.post<AdminUser>('/api/admin/users', { ...person, ...this.scope() }));
  }

  /** Changes a person; a change of roles or groups, or disabling, ends their sessions. */
  updateUser(id: string, changes: PersonChanges): Promise<AdminUser> {
    return firstValueFrom(this.http.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, changes));
  }

  /** Sets a new password, unlocks the account and ends the person's sessions. */
  resetPassword(id: string, password: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/admin/users/${encodeURIComponent(id)}/password`, { password }));
  }

  signOutEverywhere(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/admin/users/${encodeURIComponent(id)}/sessions`));
  }

  tokens(): Promise<ApiToken[]> {
    return firstValueFrom(this.http.get<ApiToken[]>('/api/admin/tokens', { params: this.scope() }));
  }

  createToken(name: string, roles: string[]): Promise<CreatedToken> {
    return firstValueFrom(this.http.post<CreatedToken>('/api/admin/tokens', { name, roles, ...this.scope() }));
  }

  revokeToken(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/admin/tokens/${encodeURIComponent(id)}`));
  }

  /** The candidate groups the organisation's published processes and its people use. */
  groups(): Promise<GroupOption[]> {
    return firstValueFrom(this.http.get<GroupOption[]>('/api/processes/roles', { params: this.scope() }));
  }

  /** `tenantId` for a platform administrator's requests; nothing for an organisation's own administrator. */
  private scope(): Record<string, string> {
    const chosen = this.chosenOrganisation();
    return this.choosesOrganisation() && chosen !== null ? { tenantId: chosen } : {};
  }
}
