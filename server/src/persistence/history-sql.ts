import type {
  HistoricActivityInstance,
  HistoricIncident,
  HistoricProcessInstance,
  HistoricTask,
  HistoricVariable,
  HistoryEvent,
} from '../../engine/history/history-event';
import { DataCipher } from '../security/data-cipher';
import type { Statement } from './instance-sql';
import { sealVariableRow } from './sensitive-columns';
import { Params, cols, recordset } from './sql-columns';
import type { Column } from './sql-columns';

type Row = Record<string, unknown>;

interface HistoryTable {
  table: string;
  columns: Column[];
  toRow(record: never): Row;
}

const processInstance = {
  table: 'hi_process_instance',
  columns: cols(
    'id text', 'business_key text', 'definition_id text', 'definition_key text', 'definition_version integer', 'definition_name text',
    'tenant_id text', 'start_time timestamptz', 'end_time timestamptz', 'duration_ms bigint', 'start_activity_id text',
    'end_activity_id text', 'super_instance_id text', 'root_instance_id text', 'delete_reason text', 'state text',
  ),
  toRow: (r: HistoricProcessInstance): Row => ({
    id: r.id,
    business_key: r.businessKey,
    definition_id: r.processDefinitionId,
    definition_key: r.processDefinitionKey,
    definition_version: r.processDefinitionVersion,
    definition_name: r.processDefinitionName,
    tenant_id: r.tenantId,
    start_time: r.startTime,
    end_time: r.endTime,
    duration_ms: r.durationInMillis,
    start_activity_id: r.startActivityId,
    end_activity_id: r.endActivityId,
    super_instance_id: r.superProcessInstanceId,
    root_instance_id: r.rootProcessInstanceId,
    delete_reason: r.deleteReason,
    state: r.state,
  }),
};

const activityInstance = {
  table: 'hi_activity_instance',
  columns: cols(
    'id text', 'parent_activity_instance_id text', 'activity_id text', 'activity_name text', 'activity_type text',
    'definition_id text', 'definition_key text', 'instance_id text', 'execution_id text', 'task_id text', 'called_instance_id text',
    'assignee text', 'start_time timestamptz', 'end_time timestamptz', 'duration_ms bigint', 'canceled boolean',
    'complete_scope boolean', 'tenant_id text',
  ),
  toRow: (r: HistoricActivityInstance): Row => ({
    id: r.id,
    parent_activity_instance_id: r.parentActivityInstanceId,
    activity_id: r.activityId,
    activity_name: r.activityName,
    activity_type: r.activityType,
    definition_id: r.processDefinitionId,
    definition_key: r.processDefinitionKey,
    instance_id: r.processInstanceId,
    execution_id: r.executionId,
    task_id: r.taskId,
    called_instance_id: r.calledProcessInstanceId,
    assignee: r.assignee,
    start_time: r.startTime,
    end_time: r.endTime,
    duration_ms: r.durationInMillis,
    canceled: r.canceled,
    complete_scope: r.completeScope,
    tenant_id: r.tenantId,
  }),
};

const task = {
  table: 'hi_task',
  columns: cols(
    'id text', 'definition_id text', 'definition_key text', 'instance_id text', 'execution_id text', 'activity_instance_id text',
    'task_definition_key text', 'name text', 'description text', 'assignee text', 'owner text', 'candidate_groups text[]',
    'priority integer', 'due timestamptz', 'follow_up timestamptz', 'start_time timestamptz', 'end_time timestamptz',
    'duration_ms bigint', 'delete_reason text', 'tenant_id text',
  ),
  toRow: (r: HistoricTask): Row => ({
    id: r.id,
    definition_id: r.processDefinitionId,
    definition_key: r.processDefinitionKey,
    instance_id: r.processInstanceId,
    execution_id: r.executionId,
    activity_instance_id: r.activityInstanceId,
    task_definition_key: r.taskDefinitionKey,
    name: r.name,
    description: r.description,
    assignee: r.assignee,
    owner: r.owner,
    candidate_groups: r.candidateGroups ?? [],
    priority: r.priority,
    due: r.due,
    follow_up: r.followUp,
    start_time: r.startTime,
    end_time: r.endTime,
    duration_ms: r.durationInMillis,
    delete_reason: r.deleteReason,
    tenant_id: r.tenantId,
  }),
};

const variable = {
  table: 'hi_variable',
  columns: cols(
    'id text', 'name text', 'type text', 'value jsonb', 'value_info jsonb', 'definition_id text', 'definition_key text',
    'instance_id text', 'execution_id text', 'activity_instance_id text', 'task_id text', 'tenant_id text',
    'create_time timestamptz', 'state text', 'sensitive boolean',
  ),
  toRow: (r: HistoricVariable): Row => ({
    id: r.id,
    name: r.name,
    type: r.type,
    value: r.value ?? null,
    value_info: r.valueInfo ?? null,
    definition_id: r.processDefinitionId,
    definition_key: r.processDefinitionKey,
    instance_id: r.processInstanceId,
    execution_id: r.executionId,
    activity_instance_id: r.activityInstanceId,
    task_id: r.taskId,
    tenant_id: r.tenantId,
    create_time: r.createTime,
    state: r.state,
    sensitive: r.sensitive === true,
  }),
};

const variableUpdate = {
  table: 'hi_variable_update',
  columns: cols(
    'variable_id text', 'name text', 'type text', 'value jsonb', 'instance_id text', 'execution_id text', 'task_id text',
    'time timestamptz', 'tenant_id text', 'sensitive boolean',
  ),
  toRow: (r: HistoricVariable): Row => ({
    variable_id: r.id,
    name: r.name,
    type: r.type,
    value: r.value ?? null,
    instance_id: r.processInstanceId,
    execution_id: r.executionId,
    task_id: r.taskId,
    time: r.time,
    tenant_id: r.tenantId,
    sensitive: r.sensitive === true,
  }),
};

const incident = {
  table: 'hi_incident',
  columns: cols(
    'id text', 'definition_id text', 'definition_key text', 'instance_id text', 'execution_id text', 'activity_id text',
    'incident_type text', 'incident_message text', 'configuration text', 'create_time timestamptz', 'end_time timestamptz',
    'open boolean', 'resolved boolean', 'deleted boolean', 'tenant_id text',
  ),
  toRow: (r: HistoricIncident): Row => ({
    id: r.id,
    definition_id: r.processDefinitionId,
    definition_key: r.processDefinitionKey,
    instance_id: r.processInstanceId,
    execution_id: r.executionId,
    activity_id: r.activityId,
    incident_type: r.incidentType,
    incident_message: r.incidentMessage,
    configuration: r.configuration,
    create_time: r.createTime,
    end_time: r.endTime,
    open: r.open,
    resolved: r.resolved,
    deleted: r.deleted,
    tenant_id: r.tenantId,
  }),
};

/** The kinds upserted here; overdue marks and user operations have statements of their own. */
type TableKind = Exclude<HistoryEvent['kind'], 'task-overdue' | 'user-operation'>;

const TABLE_OF: Record<TableKind, HistoryTable> = {
  'process-instance': processInstance,
  'activity-instance': activityInstance,
  task,
  variable,
  incident,
};

function upsert(table: HistoryTable, rows: Row[], params: Params, index: number): string {
  const names = table.columns.map((c) => c.name);
  const set = names.filter((n) => n !== 'id');
  return (
    `h${index} AS (INSERT INTO ${table.table} (${names.join(', ')}) ` +
    `SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(rows), table.columns)} ` +
    `ON CONFLICT (id) DO UPDATE SET (${set.join(', ')}) = (${set.map((n) => `EXCLUDED.${n}`).join(', ')}))`
  );
}

/**
 * One statement that upserts every record by id (the last record of an id in the batch wins) and
 * appends a `hi_variable_update` row per variable event; null when there is nothing to write.
 * Sensitive variable values are written encrypted with `cipher` (without keys they cannot be written).
 */
export function historyStatement(events: HistoryEvent[], cipher: DataCipher = DataCipher.none()): Statement | null {
  if (events.length === 0) {
    return null;
  }
  const latest = new Map<TableKind, Map<string, Row>>();
  const updates: Row[] = [];
  for (const event of events) {
    if (event.kind === 'task-overdue' || event.kind === 'user-operation') {
      continue;
    }
    const table = TABLE_OF[event.kind];
    let rows = latest.get(event.kind);
    if (!rows) {
      rows = new Map();
      latest.set(event.kind, rows);
    }
    if (event.kind === 'variable') {
      rows.set(event.record.id, sealVariableRow(variable.toRow(event.record), cipher));
      updates.push(sealVariableRow(variableUpdate.toRow(event.record), cipher, 'variable_id'));
    } else {
      rows.set(event.record.id, table.toRow(event.record as never));
    }
  }
  if (latest.size === 0) {
    return null;
  }
  const params = new Params();
  const ctes = [...latest.entries()].map(([kind, rows], index) => upsert(TABLE_OF[kind], [...rows.values()], params, index));
  if (updates.length > 0) {
    const names = variableUpdate.columns.map((c) => c.name);
    ctes.push(
      `hu AS (INSERT INTO hi_variable_update (${names.join(', ')}) ` +
        `SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM ${recordset(params.json(updates), variableUpdate.columns)})`,
    );
  }
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT 1`, params: params.values };
}

/** Marks tasks overdue in `hi_task` (`overdue_at`, the first time only); null when no event asks for it. */
export function overdueStatement(events: HistoryEvent[]): Statement | null {
  const rows = events.flatMap((e) => (e.kind === 'task-overdue' ? [{ id: e.record.id, overdue_at: e.record.overdueAt }] : []));
  if (rows.length === 0) {
    return null;
  }
  const params = new Params();
  return {
    sql: `UPDATE hi_task h SET overdue_at = r.overdue_at FROM ${recordset(params.json(rows), cols('id text', 'overdue_at timestamptz'))} WHERE h.id = r.id AND h.overdue_at IS NULL`,
    params: params.values,
  };
}
