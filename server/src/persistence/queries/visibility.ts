/**
 * The service-layer half of "who may see a case" (row-level security is the database half):
 * filters every read repository adds to its WHERE clause from the current caller.
 *
 * - Organisation: a caller of an organisation sees only rows with its tenant id (the platform
 *   administrator and the engine's own work see all).
 * - Role: staff see the tasks of their candidate groups, tasks assigned to them or offering them
 *   as candidate user; and of cases only those in which they have (had) such a task. Managers,
 *   engine and worker tokens see their whole organisation.
 */
import { seesWholeOrganisation, type Caller } from '../../security/caller';
import { currentCaller, currentDataScope } from '../../security/request-context';
import type { SqlWhere } from './sql-query';

/** The staff member whose view is narrowed to their own work, or null when the caller sees the whole organisation. */
export function narrowedCaller(): Caller | null {
  const caller = currentCaller();
  return caller !== null && !seesWholeOrganisation(caller) ? caller : null;
}

/** Adds `column = <caller's organisation>` unless the caller sees every organisation. */
export function restrictToOrganisation(where: SqlWhere, tenantColumn: string): SqlWhere {
  const { tenantId } = currentDataScope();
  if (tenantId !== null) where.add(`${tenantColumn} = ${where.param(tenantId)}`);
  return where;
}

/** Restricts a query over a task table (`alias` has assignee, candidate_groups and optionally candidate_users). */
export function restrictTasks(where: SqlWhere, alias: string, options: { candidateUsers?: boolean } = {}): SqlWhere {
  restrictToOrganisation(where, `${alias}.tenant_id`);
  const caller = narrowedCaller();
  if (caller === null) return where;
  const me = where.param(caller.userId);
  const groups = where.param(caller.groups);
  const candidateUser = options.candidateUsers === false ? '' : ` OR ${me} = ANY(${alias}.candidate_users)`;
  where.add(`(${alias}.assignee = ${me} OR ${alias}.candidate_groups && ${groups}::text[]${candidateUser})`);
  return where;
}

/** Restricts a query over rows that belong to a case (`instanceColumn`) to the cases the caller may see. */
export function restrictCases(where: SqlWhere, tenantColumn: string, instanceColumn: string): SqlWhere {
  restrictToOrganisation(where, tenantColumn);
  const caller = narrowedCaller();
  if (caller === null) return where;
  const me = where.param(caller.userId);
  const groups = where.param(caller.groups);
  where.add(
    `EXISTS (SELECT 1 FROM hi_task visible WHERE visible.instance_id = ${instanceColumn} AND (visible.assignee = ${me} OR visible.candidate_groups && ${groups}::text[]))`,
  );
  return where;
}
