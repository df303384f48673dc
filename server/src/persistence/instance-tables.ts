import type {
  ExecutionState,
  ExternalTaskState,
  IncidentState,
  InstanceCollection,
  InstanceState,
  JobState,
  SubscriptionState,
  TaskState,
  VariableState,
  VariableType,
} from '../../engine/runtime/state';
import type { DataCipher } from '../security/data-cipher';
import { openVariableRow, sealVariableRow } from './sensitive-columns';
import { cols } from './sql-columns';
import type { Column } from './sql-columns';

/** A row as the store writes or reads it: column name → JSON value. */
export type Row = Record<string, unknown>;

/**
 * How one runtime collection of `InstanceState` maps to its table. `columns` excludes
 * `instance_id` (always the instance's id) and `seq` (insertion order, assigned by the database).
 * Denormalised columns (definition, business key, tenant) are filled from the instance.
 */
export interface CollectionTable<T extends { id: string } = { id: string }> {
  collection: InstanceCollection;
  table: string;
  columns: Column[];
  toRow(entry: T, instance: InstanceState): Row;
  fromRow(row: Row): T;
  /**
   * The stored form of a row `toRow` made (e.g. sensitive values encrypted). The store diffs
   * plain rows, so an unchanged value is never written again; only what it writes is sealed.
   */
  seal?(row: Row, cipher: DataCipher): Row;
  /** The plain form of a stored row, before `fromRow`. */
  open?(row: Row, cipher: DataCipher): Row;
}

/** Optional fields come back omitted (not null) when the column is null. */
function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const s = (v: unknown) => v as string;
const sn = (v: unknown) => (v ?? null) as string | null;

const executions: CollectionTable<ExecutionState> = {
  collection: 'executions',
  table: 'execution',
  columns: cols('id text', 'parent_id text', 'activity_id text', 'activity_instance_id text', 'phase text', 'loop jsonb', 'arrived_by text', 'called_instance_id text', 'start_time timestamptz', 'tenant_id text'),
  toRow: (e, i) => ({
    id: e.id,
    parent_id: e.parentId,
    activity_id: e.activityId,
    activity_instance_id: e.activityInstanceId,
    phase: e.phase,
    loop: e.loop ?? null,
    arrived_by: e.arrivedBy ?? null,
    called_instance_id: e.calledInstanceId ?? null,
    start_time: e.startTime,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    parentId: sn(r.parent_id),
    activityId: sn(r.activity_id),
    activityInstanceId: sn(r.activity_instance_id),
    phase: r.phase as ExecutionState['phase'],
    ...optional('loop', r.loop as ExecutionState['loop']),
    ...optional('arrivedBy', r.arrived_by as string | null),
    ...optional('calledInstanceId', r.called_instance_id as string | null),
    startTime: s(r.start_time),
  }),
};

const variables: CollectionTable<VariableState> = {
  collection: 'variables',
  table: 'variable',
  columns: cols('id text', 'scope_id text', 'task_id text', 'name text', 'type text', 'value jsonb', 'value_info jsonb', 'sensitive boolean', 'tenant_id text'),
  toRow: (v, i) => ({
    id: v.id,
    scope_id: v.scopeId,
    task_id: v.taskId,
    name: v.name,
    type: v.type,
    value: v.value ?? null,
    value_info: v.valueInfo ?? null,
    sensitive: v.sensitive === true,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    name: s(r.name),
    type: r.type as VariableType,
    value: r.value ?? null,
    ...optional('valueInfo', r.value_info as Record<string, unknown> | null),
    scopeId: s(r.scope_id),
    taskId: sn(r.task_id),
    ...(r.sensitive === true ? { sensitive: true } : {}),
  }),
  seal: (row, cipher) => sealVariableRow(row, cipher),
  open: (row, cipher) => openVariableRow(row, cipher),
};

const tasks: CollectionTable<TaskState> = {
  collection: 'tasks',
  table: 'task',
  columns: cols(
    'id text', 'execution_id text', 'definition_id text', 'definition_key text', 'task_definition_key text', 'name text',
    'description text', 'assignee text', 'owner text', 'candidate_users text[]', 'candidate_groups text[]', 'priority integer',
    'due timestamptz', 'follow_up timestamptz', 'created timestamptz', 'form_key text', 'form_ref text',
    'activity_instance_id text', 'business_key text', 'tenant_id text',
  ),
  toRow: (t, i) => ({
    id: t.id,
    execution_id: t.executionId,
    definition_id: i.definitionId,
    definition_key: i.definitionKey,
    task_definition_key: t.taskDefinitionKey,
    name: t.name,
    description: t.description,
    assignee: t.assignee,
    owner: t.owner,
    candidate_users: t.candidateUsers,
    candidate_groups: t.candidateGroups,
    priority: t.priority,
    due: t.due,
    follow_up: t.followUp,
    created: t.created,
    form_key: t.formKey,
    form_ref: t.formRef ?? null,
    activity_instance_id: t.activityInstanceId,
    business_key: i.businessKey,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    executionId: s(r.execution_id),
    taskDefinitionKey: s(r.task_definition_key),
    name: sn(r.name),
    description: sn(r.description),
    assignee: sn(r.assignee),
    owner: sn(r.owner),
    candidateUsers: (r.candidate_users ?? []) as string[],
    candidateGroups: (r.candidate_groups ?? []) as string[],
    priority: r.priority as number,
    due: sn(r.due),
    followUp: sn(r.follow_up),
    created: s(r.created),
    formKey: sn(r.form_key),
    ...optional('formRef', r.form_ref as string | null),
    activityInstanceId: s(r.activity_instance_id),
  }),
};

const subscriptions: CollectionTable<SubscriptionState> = {
  collection: 'subscriptions',
  table: 'event_subscription',
  columns: cols('id text', 'execution_id text', 'type text', 'event_name text', 'activity_id text', 'created timestamptz', 'tenant_id text'),
  toRow: (e, i) => ({
    id: e.id,
    execution_id: e.executionId,
    type: e.type,
    event_name: e.eventName,
    activity_id: e.activityId,
    created: e.created,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    executionId: s(r.execution_id),
    type: r.type as SubscriptionState['type'],
    eventName: s(r.event_name),
    activityId: s(r.activity_id),
    created: s(r.created),
  }),
};

const jobs: CollectionTable<JobState> = {
  collection: 'jobs',
  table: 'job',
  columns: cols(
    'id text', 'execution_id text', 'definition_id text', 'definition_key text', 'type text', 'activity_id text',
    'due_date timestamptz', 'config jsonb', 'retries integer', 'exception_message text', 'created timestamptz', 'tenant_id text',
  ),
  toRow: (j, i) => ({
    id: j.id,
    execution_id: j.executionId,
    definition_id: i.definitionId,
    definition_key: i.definitionKey,
    type: j.type,
    activity_id: j.activityId,
    due_date: j.dueDate,
    config: j.config ?? {},
    retries: j.retries,
    exception_message: j.exceptionMessage,
    created: j.created,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    executionId: s(r.execution_id),
    type: r.type as JobState['type'],
    activityId: s(r.activity_id),
    dueDate: sn(r.due_date),
    config: (r.config ?? {}) as Record<string, unknown>,
    retries: r.retries as number,
    exceptionMessage: sn(r.exception_message),
    created: s(r.created),
  }),
};

/** Columns of `external_task` as ExternalTaskState fields (shared with the locking query). */
export function externalTaskFromRow(r: Row): ExternalTaskState {
  return {
    id: s(r.id),
    executionId: s(r.execution_id),
    activityId: s(r.activity_id),
    activityInstanceId: s(r.activity_instance_id),
    topicName: s(r.topic_name),
    priority: r.priority as number,
    retries: (r.retries ?? null) as number | null,
    errorMessage: sn(r.error_message),
    errorDetails: sn(r.error_details),
    workerId: sn(r.worker_id),
    lockExpirationTime: sn(r.lock_expiration_time),
    created: s(r.created),
  };
}

const externalTasks: CollectionTable<ExternalTaskState> = {
  collection: 'externalTasks',
  table: 'external_task',
  columns: cols(
    'id text', 'execution_id text', 'definition_id text', 'definition_key text', 'activity_id text', 'activity_instance_id text',
    'topic_name text', 'priority integer', 'retries integer', 'error_message text', 'error_details text', 'worker_id text',
    'lock_expiration_time timestamptz', 'created timestamptz', 'business_key text', 'tenant_id text',
  ),
  toRow: (x, i) => ({
    id: x.id,
    execution_id: x.executionId,
    definition_id: i.definitionId,
    definition_key: i.definitionKey,
    activity_id: x.activityId,
    activity_instance_id: x.activityInstanceId,
    topic_name: x.topicName,
    priority: x.priority,
    retries: x.retries,
    error_message: x.errorMessage,
    error_details: x.errorDetails,
    worker_id: x.workerId,
    lock_expiration_time: x.lockExpirationTime,
    created: x.created,
    business_key: i.businessKey,
    tenant_id: i.tenantId,
  }),
  fromRow: externalTaskFromRow,
};

const incidents: CollectionTable<IncidentState> = {
  collection: 'incidents',
  table: 'incident',
  columns: cols(
    'id text', 'execution_id text', 'definition_id text', 'activity_id text', 'type text', 'message text',
    'configuration text', 'created timestamptz', 'tenant_id text',
  ),
  toRow: (x, i) => ({
    id: x.id,
    execution_id: x.executionId,
    definition_id: i.definitionId,
    activity_id: x.activityId,
    type: x.type,
    message: x.message,
    configuration: x.configuration,
    created: x.created,
    tenant_id: i.tenantId,
  }),
  fromRow: (r) => ({
    id: s(r.id),
    executionId: s(r.execution_id),
    activityId: s(r.activity_id),
    type: r.type as IncidentState['type'],
    message: s(r.message),
    configuration: sn(r.configuration),
    created: s(r.created),
  }),
};

/** Every runtime collection with its table, in the order the store loads and writes them. */
export const COLLECTION_TABLES = [executions, variables, tasks, subscriptions, jobs, externalTasks, incidents] as unknown as CollectionTable[];

/** A row of `LOAD_INSTANCE_SQL` with every collection's stored rows turned plain (see `CollectionTable.open`). */
export function openLoadedRow(load: Row, cipher: DataCipher): Row {
  const opened: Row = { ...load };
  for (const table of COLLECTION_TABLES) {
    if (table.open) opened[table.table] = (load[table.table] as Row[]).map((row) => table.open!(row, cipher));
  }
  return opened;
}

/** Collection changes with the rows to insert and update in stored form (see `CollectionTable.seal`). */
export function sealChanges<C extends { table: CollectionTable; inserts: Row[]; updates: Row[] }>(changes: C[], cipher: DataCipher): C[] {
  return changes.map((change) => {
    const seal = change.table.seal;
    if (!seal) return change;
    return { ...change, inserts: change.inserts.map((row) => seal(row, cipher)), updates: change.updates.map((row) => seal(row, cipher)) };
  });
}
