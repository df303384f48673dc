/** How the `process_instance` row maps to the instance fields of `InstanceState`. */
import type { InstanceState } from '../../engine/runtime/state';
import type { Row } from './instance-tables';
import { cols } from './sql-columns';

const s = (v: unknown) => v as string;
const sn = (v: unknown) => (v ?? null) as string | null;

/** The `process_instance` columns (everything but the collections and `endTime`, which ended rows never need). */
export const INSTANCE_COLUMNS = cols(
  'id text', 'definition_id text', 'definition_key text', 'tenant_id text', 'business_key text', 'version integer', 'state text',
  'start_time timestamptz', 'start_activity_id text', 'super_instance_id text', 'super_execution_id text', 'root_instance_id text',
);

/** The `process_instance` row of an instance. */
export function instanceToRow(i: InstanceState): Row {
  return {
    id: i.id,
    definition_id: i.definitionId,
    definition_key: i.definitionKey,
    tenant_id: i.tenantId,
    business_key: i.businessKey,
    version: i.version,
    state: i.state,
    start_time: i.startTime,
    start_activity_id: i.startActivityId,
    super_instance_id: i.superInstanceId,
    super_execution_id: i.superExecutionId,
    root_instance_id: i.rootInstanceId,
  };
}

/** The instance fields of a `process_instance` row; the collections start empty. */
export function instanceFromRow(r: Row): InstanceState {
  return {
    id: s(r.id),
    definitionId: s(r.definition_id),
    definitionKey: s(r.definition_key),
    tenantId: sn(r.tenant_id),
    businessKey: sn(r.business_key),
    version: r.version as number,
    state: r.state as InstanceState['state'],
    startTime: s(r.start_time),
    endTime: null,
    startActivityId: sn(r.start_activity_id),
    superInstanceId: sn(r.super_instance_id),
    superExecutionId: sn(r.super_execution_id),
    rootInstanceId: s(r.root_instance_id),
    executions: [],
    variables: [],
    tasks: [],
    subscriptions: [],
    jobs: [],
    externalTasks: [],
    incidents: [],
  };
}
