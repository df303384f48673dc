/**
 * People's operations on a case (the engine's `user-operation` history events) as rows of
 * `case_action`, the managers' actions shown in the case timeline. They are written by
 * `appendHistory`, so in the engine's transaction: an action and its reason commit together or
 * not at all. The reason is sealed here (see sensitive-columns.ts); the row-level security scope
 * of the organisation is the transaction's own.
 */
import type { HistoryEvent, UserOperationLogEntry, UserOperationType } from '../../engine/history/history-event';
import { DataCipher } from '../security/data-cipher';
import type { Statement } from './instance-sql';
import { sealCaseActionReason } from './sensitive-columns';
import { Params, cols, recordset } from './sql-columns';

/** The `case_action.action` values. */
export type CaseActionKind = 'reassign' | 'change-due' | 'cancel' | 'retry-incident';

const ACTION_OF: Record<UserOperationType, CaseActionKind> = {
  Assign: 'reassign',
  SetDueDate: 'change-due',
  Delete: 'cancel',
  SetJobRetries: 'retry-incident',
};

const COLUMNS = cols('tenant_id text', 'case_id text', 'task_id text', 'actor text', 'action text', 'reason jsonb', 'at timestamptz');

function rowOf(entry: UserOperationLogEntry, cipher: DataCipher): Record<string, unknown> {
  return {
    tenant_id: entry.tenantId,
    case_id: entry.processInstanceId,
    task_id: entry.taskId,
    actor: entry.userId,
    action: ACTION_OF[entry.operationType],
    reason: sealCaseActionReason(entry.annotation, entry.tenantId, entry.processInstanceId, cipher),
    at: entry.timestamp,
  };
}

/** One INSERT of every user operation among `events` (reasons encrypted with `cipher`); null when there is none. */
export function caseActionStatement(events: HistoryEvent[], cipher: DataCipher): Statement | null {
  const rows = events.flatMap((e) => (e.kind === 'user-operation' ? [rowOf(e.record, cipher)] : []));
  if (rows.length === 0) {
    return null;
  }
  const params = new Params();
  const names = COLUMNS.map((c) => c.name);
  return {
    sql: `INSERT INTO case_action (${names.join(', ')}) SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(rows), COLUMNS)}`,
    params: params.values,
  };
}
