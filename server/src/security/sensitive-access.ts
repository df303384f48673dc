/**
 * Who may read the value of a sensitive case variable (docs/encryption.md): callers of the
 * case's own organisation who work on its cases: holders of `case:read`, `task:work` or
 * `external-task:work` (staff, managers, the organisation's engine and worker tokens). Everyone
 * else, the platform administrator included, gets the variable redacted: value null and
 * valueInfo `{sensitive: true, redacted: true}`.
 */
import type { TypedValue } from '../../engine/runtime/state';
import { hasPermission } from './caller';
import type { Caller, Permission } from './caller';
import { currentCaller } from './request-context';

const READ_PERMISSIONS: readonly Permission[] = ['case:read', 'task:work', 'external-task:work'];

/** valueInfo of a sensitive variable shown to someone who may not read it. */
export const REDACTED_VALUE_INFO: Readonly<Record<string, unknown>> = Object.freeze({ sensitive: true, redacted: true });

/** Whether `caller` may read sensitive values of a case of organisation `tenantId`. No caller: no. */
export function mayReadSensitive(caller: Caller | null, tenantId: string | null): boolean {
  if (caller === null || caller.platformAdmin || caller.roles.includes('platform-admin')) return false;
  if (caller.tenantId === null || caller.tenantId !== tenantId) return false;
  return READ_PERMISSIONS.some((permission) => hasPermission(caller, permission));
}

/** The typed value a reader who may not see it gets instead of a sensitive value. */
export function redactedValue(typed: TypedValue): TypedValue {
  return { type: typed.type, value: null, valueInfo: { ...REDACTED_VALUE_INFO } };
}

/**
 * The engine's variables (which carry `sensitive`) as the current caller may see them, for a case
 * of organisation `tenantId`; without `tenantId`, of the caller's own organisation (what an engine
 * call returned: it ran in the caller's row-level scope). Values the caller may read lose only the flag.
 */
export function redactSensitive(variables: Record<string, TypedValue>, tenantId?: string | null): Record<string, TypedValue> {
  const caller = currentCaller();
  const allowed = mayReadSensitive(caller, tenantId === undefined ? (caller?.tenantId ?? null) : tenantId);
  return Object.fromEntries(
    Object.entries(variables).map(([name, typed]) => {
      if (!typed.sensitive) return [name, typed];
      if (!allowed) return [name, redactedValue(typed)];
      const plain = { ...typed };
      delete plain.sensitive;
      return [name, plain];
    }),
  );
}
