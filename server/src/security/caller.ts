/**
 * Callers, roles and what each role may do.
 *
 * People hold application roles in one organisation (their tenant) and candidate groups (the
 * roles the process models name, e.g. `tc_cho`). Machine clients hold API tokens with machine
 * roles. The platform administrator belongs to no organisation and plays Camunda's
 * `camunda-admin`: every engine operation in every organisation, each one audited.
 */

/** Application roles of people. */
export const USER_ROLES = ['staff', 'manager', 'policy-lead', 'trainer', 'org-admin', 'platform-admin'] as const;
/** Roles of API tokens (machine clients). */
export const TOKEN_ROLES = ['engine', 'worker', 'deployer'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type TokenRole = (typeof TOKEN_ROLES)[number];
export type Role = UserRole | TokenRole;

/** What an endpoint needs. Each route names exactly one permission (or is public). */
export const PERMISSIONS = [
  /** Anything a signed-in caller may do about themselves: their session, password, notifications. */
  'self',
  'definition:read',
  'definition:deploy',
  'case:start',
  'case:read',
  'case:write',
  'task:work',
  'task:assign',
  'job:manage',
  'external-task:work',
  'audit:read',
  'users:manage',
  'calendar:write',
  /** Training simulations: sandboxed runs of the organisation's processes (docs/simulation.md). */
  'simulation:run',
  /** Training as a trainee: practise scenarios, see one's own attempts, act in simulations one is invited to. */
  'simulation:practise',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;

/** The permissions each role grants. A caller has the union of its roles' permissions. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  staff: ['self', 'definition:read', 'case:start', 'case:read', 'task:work', 'simulation:practise'],
  manager: ['self', 'definition:read', 'case:start', 'case:read', 'case:write', 'task:work', 'task:assign', 'job:manage', 'audit:read', 'simulation:run', 'simulation:practise'],
  'policy-lead': ['self', 'definition:read', 'definition:deploy', 'simulation:run', 'simulation:practise'],
  trainer: ['self', 'definition:read', 'simulation:run', 'simulation:practise'],
  'org-admin': ['self', 'definition:read', 'users:manage', 'audit:read', 'calendar:write'],
  'platform-admin': ALL,
  engine: ['self', 'definition:read', 'definition:deploy', 'case:start', 'case:read', 'case:write', 'task:work', 'task:assign', 'job:manage', 'external-task:work'],
  worker: ['self', 'definition:read', 'external-task:work'],
  deployer: ['self', 'definition:read', 'definition:deploy'],
};

/** Roles whose holders see every case and task of their organisation, not only their groups' ones. */
const ORGANISATION_WIDE: readonly Role[] = ['manager', 'platform-admin', 'engine', 'worker'];

export interface Caller {
  kind: 'user' | 'token';
  /** User id / token id (what the audit log records). */
  id: string;
  /** The engine's user id (task assignee, claim): the username, or `token:<name>`. */
  userId: string;
  displayName: string;
  /** The caller's organisation; null only for the platform administrator. */
  tenantId: string | null;
  roles: readonly Role[];
  /** Candidate groups the caller works for. */
  groups: readonly string[];
  platformAdmin: boolean;
  /** The session that authenticated a web-app request (for logout and CSRF), if any. */
  sessionId?: string;
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role] ?? []) granted.add(permission);
  return granted;
}

export function hasPermission(caller: Caller, permission: Permission): boolean {
  return permissionsOf(caller.roles).has(permission);
}

/**
 * Whether the caller sees every task and case of its organisation. Otherwise (staff) only the
 * tasks of their groups or assigned to them, and the cases those tasks belong to.
 */
export function seesWholeOrganisation(caller: Caller): boolean {
  return caller.roles.some((role) => ORGANISATION_WIDE.includes(role));
}

export function isRole(value: string): value is Role {
  return (USER_ROLES as readonly string[]).includes(value) || (TOKEN_ROLES as readonly string[]).includes(value);
}
