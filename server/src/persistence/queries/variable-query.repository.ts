/**
 * Read side of runtime variables: what `/process-instance/{id}/variables` and
 * `/task/{id}/variables` show. Values come back as the engine's `TypedValue`s; the REST layer
 * converts them to Camunda's wire format.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { VariableMap } from '../../../engine/engine-api';
import type { TypedValue, VariableType } from '../../../engine/runtime/state';
import type { Row } from './read-query';

function toTyped(row: Row): TypedValue {
  const typed: TypedValue = { type: row.type as VariableType, value: row.value ?? null };
  if (row.value_info && Object.keys(row.value_info as object).length) {
    typed.valueInfo = row.value_info as Record<string, unknown>;
  }
  return typed;
}

/** Keeps the first row per name (rows must come ordered by precedence). */
function firstByName(rows: Row[], names?: string[]): VariableMap {
  const result: VariableMap = {};
  for (const row of rows) {
    const name = String(row.name);
    if (!(name in result) && (!names || names.includes(name))) {
      result[name] = toTyped(row);
    }
  }
  return result;
}

@Injectable()
export class VariableQueryRepository {
  constructor(private readonly db: DataSource) {}

  /** Process-level variables of a running instance (null when the instance does not exist). */
  async instanceVariables(instanceId: string, names?: string[]): Promise<VariableMap | null> {
    const exists: Row[] = await this.db.query('SELECT 1 FROM process_instance WHERE id = $1', [instanceId]);
    if (!exists.length) {
      return null;
    }
    const rows: Row[] = await this.db.query(
      'SELECT name, type, value, value_info FROM variable WHERE instance_id = $1 AND scope_id = $1 AND task_id IS NULL ORDER BY name',
      [instanceId],
    );
    return firstByName(rows, names);
  }

  /**
   * The variables a task sees: its task-local ones, then those of its execution and every
   * enclosing scope up to the instance; the nearest declaration of a name wins.
   * `localOnly` returns just the task-local variables.
   */
  async taskVariables(task: { id: string; executionId: string; processInstanceId: string }, localOnly = false, names?: string[]): Promise<VariableMap> {
    if (localOnly) {
      const rows: Row[] = await this.db.query(
        'SELECT name, type, value, value_info FROM variable WHERE task_id = $1 ORDER BY name',
        [task.id],
      );
      return firstByName(rows, names);
    }
    const rows: Row[] = await this.db.query(
      `WITH RECURSIVE scopes(id, parent_id, depth) AS (
         SELECT id, parent_id, 1 FROM execution WHERE id = $1
         UNION ALL
         SELECT e.id, e.parent_id, s.depth + 1 FROM execution e JOIN scopes s ON e.id = s.parent_id
       )
       SELECT v.name, v.type, v.value, v.value_info,
              CASE WHEN v.task_id IS NOT NULL THEN 0 WHEN s.depth IS NOT NULL THEN s.depth ELSE 1000000 END AS depth
         FROM variable v LEFT JOIN scopes s ON s.id = v.scope_id
        WHERE v.instance_id = $2
          AND (v.task_id = $3 OR (v.task_id IS NULL AND (s.id IS NOT NULL OR v.scope_id = $2)))
        ORDER BY depth, v.name`,
      [task.executionId, task.processInstanceId, task.id],
    );
    return firstByName(rows, names);
  }
}
