/**
 * Read side of runtime variables: what `/process-instance/{id}/variables` and
 * `/task/{id}/variables` show. Values come back as the engine's `TypedValue`s; the REST layer
 * converts them to Camunda's wire format. A caller sees the variables of the cases they may see
 * (visibility.ts); sensitive values are decrypted for readers of the case's organisation and
 * redacted for everyone else (security/sensitive-access.ts).
 */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import type { VariableMap } from '../../../engine/engine-api';
import type { TypedValue, VariableType } from '../../../engine/runtime/state';
import { DataCipher } from '../../security/data-cipher';
import { currentCaller } from '../../security/request-context';
import { mayReadSensitive, redactedValue } from '../../security/sensitive-access';
import { openVariableRow } from '../sensitive-columns';
import type { Row } from './read-query';
import { SqlWhere } from './sql-query';
import { restrictCases } from './visibility';

const VARIABLE_COLUMNS = 'v.id, v.name, v.type, v.value, v.value_info, v.sensitive, v.tenant_id';

function toTyped(row: Row): TypedValue {
  const typed: TypedValue = { type: row.type as VariableType, value: row.value ?? null };
  if (row.value_info && Object.keys(row.value_info as object).length) {
    typed.valueInfo = row.value_info as Record<string, unknown>;
  }
  return typed;
}

@Injectable()
export class VariableQueryRepository {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly cipher: DataCipher,
  ) {}

  /** Process-level variables of a running instance (null when the instance does not exist or is not visible). */
  async instanceVariables(instanceId: string, names?: string[]): Promise<VariableMap | null> {
    const visible = restrictCases(new SqlWhere(), 'pi.tenant_id', 'pi.id');
    visible.add(`pi.id = ${visible.param(instanceId)}`);
    const exists: Row[] = await this.db.query(`SELECT 1 FROM process_instance pi ${visible.toSql()}`, visible.params);
    if (!exists.length) {
      return null;
    }
    const rows: Row[] = await this.db.query(
      `SELECT ${VARIABLE_COLUMNS} FROM variable v WHERE v.instance_id = $1 AND v.scope_id = $1 AND v.task_id IS NULL ORDER BY v.name`,
      [instanceId],
    );
    return this.firstByName(rows, names);
  }

  /**
   * The variables a task sees: its task-local ones, then those of its execution and every
   * enclosing scope up to the instance; the nearest declaration of a name wins.
   * `localOnly` returns just the task-local variables.
   */
  async taskVariables(task: { id: string; executionId: string; processInstanceId: string }, localOnly = false, names?: string[]): Promise<VariableMap> {
    if (localOnly) {
      const where = restrictCases(new SqlWhere(), 'v.tenant_id', 'v.instance_id');
      where.add(`v.task_id = ${where.param(task.id)}`);
      const rows: Row[] = await this.db.query(`SELECT ${VARIABLE_COLUMNS} FROM variable v ${where.toSql()} ORDER BY v.name`, where.params);
      return this.firstByName(rows, names);
    }
    const where = new SqlWhere();
    const execution = where.param(task.executionId);
    const instance = where.param(task.processInstanceId);
    const taskId = where.param(task.id);
    where.add(`v.instance_id = ${instance}`);
    where.add(`(v.task_id = ${taskId} OR (v.task_id IS NULL AND (s.id IS NOT NULL OR v.scope_id = ${instance})))`);
    restrictCases(where, 'v.tenant_id', 'v.instance_id');
    const rows: Row[] = await this.db.query(
      `WITH RECURSIVE scopes(id, parent_id, depth) AS (
         SELECT id, parent_id, 1 FROM execution WHERE id = ${execution}
         UNION ALL
         SELECT e.id, e.parent_id, s.depth + 1 FROM execution e JOIN scopes s ON e.id = s.parent_id
       )
       SELECT ${VARIABLE_COLUMNS},
              CASE WHEN v.task_id IS NOT NULL THEN 0 WHEN s.depth IS NOT NULL THEN s.depth ELSE 1000000 END AS depth
         FROM variable v LEFT JOIN scopes s ON s.id = v.scope_id
        ${where.toSql()}
        ORDER BY depth, v.name`,
      where.params,
    );
    return this.firstByName(rows, names);
  }

  /** Keeps the first row per name (rows must come ordered by precedence), readable for the caller. */
  private firstByName(rows: Row[], names?: string[]): VariableMap {
    const caller = currentCaller();
    const result: VariableMap = {};
    for (const row of rows) {
      const name = String(row.name);
      if (name in result || (names && !names.includes(name))) continue;
      if (row.sensitive !== true) result[name] = toTyped(row);
      else if (mayReadSensitive(caller, (row.tenant_id ?? null) as string | null)) result[name] = toTyped(openVariableRow(row, this.cipher));
      else result[name] = redactedValue(toTyped(row));
    }
    return result;
  }
}
