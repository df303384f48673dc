/** Read side of `/process-instance`: running instances and their activity-instance tree. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases } from './visibility';

export interface ProcessInstanceFilter {
  processInstanceIds?: string[];
  businessKey?: string;
  businessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  deploymentId?: string;
  superProcessInstance?: string;
  rootProcessInstances?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  active?: boolean;
  suspended?: boolean;
  withIncident?: boolean;
  incidentType?: string;
  activityIdIn?: string[];
}

/** Camunda's ProcessInstanceDto. */
export interface ProcessInstanceDto {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  caseInstanceId: null;
  ended: boolean;
  suspended: boolean;
  tenantId: string | null;
  links: never[];
}

/** Camunda's ActivityInstanceDto (transition instances are not modelled: always empty). */
export interface ActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  name: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceDto[];
  childTransitionInstances: never[];
  executionIds: string[];
  incidentIds: string[];
  incidents: { id: string; activityId: string }[];
}

const FROM = 'process_instance pi';
const SORT: Record<string, string> = {
  instanceId: 'pi.id',
  definitionKey: 'pi.definition_key',
  definitionId: 'pi.definition_id',
  tenantId: 'pi.tenant_id',
  businessKey: 'pi.business_key',
};

/** The WHERE for a process instance query, limited to the cases the caller may see. */
export function processInstanceWhere(f: ProcessInstanceFilter): SqlWhere {
  const w = visibleInstances(new SqlWhere());
  w.in('pi.id', f.processInstanceIds).eq('pi.business_key', f.businessKey).like('pi.business_key', f.businessKeyLike);
  w.eq('pi.definition_id', f.processDefinitionId).eq('pi.definition_key', f.processDefinitionKey).in('pi.definition_key', f.processDefinitionKeyIn);
  if (f.deploymentId !== undefined) {
    w.add(`pi.definition_id IN (SELECT pd.id FROM process_definition pd WHERE pd.deployment_id = ${w.param(f.deploymentId)})`);
  }
  w.eq('pi.super_instance_id', f.superProcessInstance).when(f.rootProcessInstances, 'pi.super_instance_id IS NULL');
  w.tenants('pi.tenant_id', f.tenantIdIn, f.withoutTenantId);
  w.when(f.active, "pi.state = 'ACTIVE'").when(f.suspended, "pi.state = 'SUSPENDED'");
  w.when(f.withIncident, 'EXISTS (SELECT 1 FROM incident i WHERE i.instance_id = pi.id)');
  if (f.incidentType !== undefined) {
    w.add(`EXISTS (SELECT 1 FROM incident i WHERE i.instance_id = pi.id AND i.type = ${w.param(f.incidentType)})`);
  }
  if (f.activityIdIn !== undefined) {
    w.add(`EXISTS (SELECT 1 FROM execution e WHERE e.instance_id = pi.id AND e.activity_id = ANY(${w.param(f.activityIdIn)}))`);
  }
  return w;
}

function visibleInstances(w: SqlWhere): SqlWhere {
  return restrictCases(w, 'pi.tenant_id', 'pi.id');
}

export function toProcessInstanceDto(r: Row): ProcessInstanceDto {
  return {
    id: String(r.id),
    definitionId: String(r.definition_id),
    definitionKey: String(r.definition_key),
    businessKey: str(r.business_key),
    caseInstanceId: null,
    ended: false,
    suspended: r.state === 'SUSPENDED',
    tenantId: str(r.tenant_id),
    links: [],
  };
}

@Injectable()
export class ProcessInstanceQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: ProcessInstanceFilter, sort: SortInput, page: PageInput): Promise<ProcessInstanceDto[]> {
    const rows = await selectPage(this.db, 'pi.*', FROM, processInstanceWhere(filter), orderBy(sort, SORT, 'pi.start_time ASC', 'pi.id ASC'), page);
    return rows.map(toProcessInstanceDto);
  }

  count(filter: ProcessInstanceFilter): Promise<number> {
    return selectCount(this.db, FROM, processInstanceWhere(filter));
  }

  /** The running instance, or null when it does not exist or the caller may not see it. */
  async findById(id: string): Promise<ProcessInstanceDto | null> {
    const w = visibleInstances(new SqlWhere().eq('pi.id', id));
    const rows: Row[] = await this.db.query(`SELECT pi.* FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toProcessInstanceDto(rows[0]) : null;
  }

  /** The running instance an execution belongs to, or null when there is none the caller may see. */
  async findByExecutionId(executionId: string): Promise<ProcessInstanceDto | null> {
    const w = visibleInstances(new SqlWhere());
    w.add(`pi.id = (SELECT e.instance_id FROM execution e WHERE e.id = ${w.param(executionId)})`);
    const rows: Row[] = await this.db.query(`SELECT pi.* FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toProcessInstanceDto(rows[0]) : null;
  }

  /** The instance's activity-instance tree built from its executions (null if not running). */
  async activityInstanceTree(instanceId: string): Promise<ActivityInstanceDto | null> {
    const instance = await this.findById(instanceId);
    if (!instance) {
      return null;
    }
    const executions: Row[] = await this.db.query(
      `SELECT e.id, e.parent_id, e.activity_id, e.activity_instance_id, e.phase,
              h.activity_type, h.activity_name
         FROM execution e LEFT JOIN hi_activity_instance h ON h.id = e.activity_instance_id
        WHERE e.instance_id = $1 ORDER BY e.start_time, e.id`,
      [instanceId],
    );
    const incidents: Row[] = await this.db.query('SELECT id, execution_id, activity_id FROM incident WHERE instance_id = $1', [instanceId]);
    return buildActivityTree(instance, executions, incidents);
  }
}

/** Builds Camunda's activity-instance tree: the instance at the root, activities below their scope. */
export function buildActivityTree(instance: ProcessInstanceDto, executions: Row[], incidents: Row[]): ActivityInstanceDto {
  const node = (id: string, parent: string | null, activityId: string, type: string, name: string | null): ActivityInstanceDto => ({
    id,
    parentActivityInstanceId: parent,
    activityId,
    activityType: type,
    activityName: name,
    name,
    processInstanceId: instance.id,
    processDefinitionId: instance.definitionId,
    childActivityInstances: [],
    childTransitionInstances: [],
    executionIds: [],
    incidentIds: [],
    incidents: [],
  });
  const root = node(instance.id, null, instance.definitionId, 'processDefinition', null);
  root.executionIds.push(instance.id);
  const byExecution = new Map(executions.map((e) => [String(e.id), e]));
  const nodes = new Map<string, ActivityInstanceDto>([[instance.id, root]]);

  const activityInstanceOf = (execution: Row | undefined): string | null => {
    const id = str(execution?.activity_instance_id);
    // The root execution's scope is the instance itself (the tree's root node).
    const isRootScope = !execution?.parent_id && execution?.phase === 'scope';
    return id && id !== instance.id && !isRootScope && execution?.activity_id ? id : null;
  };
  // The enclosing node: the nearest ancestor execution that is a scope with an activity instance.
  const parentNodeOf = (execution: Row): ActivityInstanceDto => {
    let current = byExecution.get(String(execution.parent_id));
    while (current) {
      const id = activityInstanceOf(current);
      if (id && current.phase === 'scope') return ensure(current, id);
      current = byExecution.get(String(current.parent_id));
    }
    return root;
  };
  const ensure = (execution: Row, id: string): ActivityInstanceDto => {
    let found = nodes.get(id);
    if (!found) {
      const parent = parentNodeOf(execution);
      found = node(id, parent.id, String(execution.activity_id), str(execution.activity_type) ?? 'unknown', str(execution.activity_name));
      nodes.set(id, found);
      parent.childActivityInstances.push(found);
    }
    return found;
  };

  for (const execution of executions) {
    const id = activityInstanceOf(execution);
    if (id) {
      const found = ensure(execution, id);
      if (!found.executionIds.includes(String(execution.id))) found.executionIds.push(String(execution.id));
    }
  }
  for (const incident of incidents) {
    const execution = byExecution.get(String(incident.execution_id));
    const id = activityInstanceOf(execution);
    const target = (id && nodes.get(id)) || root;
    target.incidentIds.push(String(incident.id));
    target.incidents.push({ id: String(incident.id), activityId: String(incident.activity_id) });
  }
  return root;
}
