/** Read side of `/history/process-instance` and `/history/activity-instance`. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { Row, selectCount, selectPage, str, toNumberOrNull } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases } from './visibility';

export interface HistoricProcessInstanceFilter {
  processInstanceId?: string;
  processInstanceIds?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  finished?: boolean;
  unfinished?: boolean;
  startedBefore?: string;
  startedAfter?: string;
  finishedBefore?: string;
  finishedAfter?: string;
  superProcessInstanceId?: string;
  state?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

export interface HistoricActivityInstanceFilter {
  activityInstanceId?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  executionId?: string;
  activityId?: string;
  activityName?: string;
  activityType?: string;
  taskAssignee?: string;
  finished?: boolean;
  unfinished?: boolean;
  canceled?: boolean;
  completeScope?: boolean;
  startedBefore?: string;
  startedAfter?: string;
  finishedBefore?: string;
  finishedAfter?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

const PI_FROM = 'hi_process_instance h';
const PI_SORT: Record<string, string> = {
  instanceId: 'h.id',
  definitionId: 'h.definition_id',
  definitionKey: 'h.definition_key',
  definitionName: 'h.definition_name',
  definitionVersion: 'h.definition_version',
  businessKey: 'h.business_key',
  startTime: 'h.start_time',
  endTime: 'h.end_time',
  duration: 'h.duration_ms',
  tenantId: 'h.tenant_id',
};

const AI_FROM = 'hi_activity_instance a';
const AI_SORT: Record<string, string> = {
  activityInstanceId: 'a.id',
  instanceId: 'a.instance_id',
  executionId: 'a.execution_id',
  activityId: 'a.activity_id',
  activityName: 'a.activity_name',
  activityType: 'a.activity_type',
  startTime: 'a.start_time',
  endTime: 'a.end_time',
  duration: 'a.duration_ms',
  definitionId: 'a.definition_id',
  /** Camunda's "order of occurrence": the order the engine wrote the activities (migration 0008). */
  occurrence: 'a.seq',
  tenantId: 'a.tenant_id',
};

/** The WHERE for a historic process instance query, limited to the cases the caller may see. */
export function historicProcessInstanceWhere(f: HistoricProcessInstanceFilter): SqlWhere {
  const w = restrictCases(new SqlWhere(), 'h.tenant_id', 'h.id');
  w.eq('h.id', f.processInstanceId).in('h.id', f.processInstanceIds);
  w.eq('h.business_key', f.processInstanceBusinessKey).like('h.business_key', f.processInstanceBusinessKeyLike);
  w.eq('h.definition_id', f.processDefinitionId).eq('h.definition_key', f.processDefinitionKey).in('h.definition_key', f.processDefinitionKeyIn);
  w.when(f.finished, 'h.end_time IS NOT NULL').when(f.unfinished, 'h.end_time IS NULL');
  w.date('h.start_time', '<', f.startedBefore, 'startedBefore').date('h.start_time', '>', f.startedAfter, 'startedAfter');
  w.date('h.end_time', '<', f.finishedBefore, 'finishedBefore').date('h.end_time', '>', f.finishedAfter, 'finishedAfter');
  w.eq('h.super_instance_id', f.superProcessInstanceId).eq('h.state', f.state);
  w.tenants('h.tenant_id', f.tenantIdIn, f.withoutTenantId);
  return w;
}

/** The WHERE for a historic activity instance query, limited to the cases the caller may see. */
export function historicActivityInstanceWhere(f: HistoricActivityInstanceFilter): SqlWhere {
  const w = restrictCases(new SqlWhere(), 'a.tenant_id', 'a.instance_id');
  w.eq('a.id', f.activityInstanceId).eq('a.instance_id', f.processInstanceId).eq('a.definition_id', f.processDefinitionId);
  w.eq('a.execution_id', f.executionId).eq('a.activity_id', f.activityId).eq('a.activity_name', f.activityName);
  w.eq('a.activity_type', f.activityType).eq('a.assignee', f.taskAssignee);
  w.when(f.finished, 'a.end_time IS NOT NULL').when(f.unfinished, 'a.end_time IS NULL');
  w.when(f.canceled, 'a.canceled').when(f.completeScope, 'a.complete_scope');
  w.date('a.start_time', '<', f.startedBefore, 'startedBefore').date('a.start_time', '>', f.startedAfter, 'startedAfter');
  w.date('a.end_time', '<', f.finishedBefore, 'finishedBefore').date('a.end_time', '>', f.finishedAfter, 'finishedAfter');
  w.tenants('a.tenant_id', f.tenantIdIn, f.withoutTenantId);
  return w;
}

/** Camunda's HistoricProcessInstanceDto. */
export function toHistoricProcessInstanceDto(r: Row) {
  return {
    id: String(r.id),
    businessKey: str(r.business_key),
    processDefinitionId: String(r.definition_id),
    processDefinitionKey: String(r.definition_key),
    processDefinitionName: str(r.definition_name),
    processDefinitionVersion: toNumberOrNull(r.definition_version),
    startTime: formatCamundaDate(r.start_time as Date),
    endTime: formatCamundaDate(r.end_time as Date | null),
    removalTime: null,
    durationInMillis: toNumberOrNull(r.duration_ms),
    startUserId: null,
    startActivityId: str(r.start_activity_id),
    deleteReason: str(r.delete_reason),
    rootProcessInstanceId: String(r.root_instance_id),
    superProcessInstanceId: str(r.super_instance_id),
    superCaseInstanceId: null,
    caseInstanceId: null,
    tenantId: str(r.tenant_id),
    state: String(r.state),
  };
}

/** Camunda's HistoricActivityInstanceDto. */
export function toHistoricActivityInstanceDto(r: Row) {
  return {
    id: String(r.id),
    parentActivityInstanceId: str(r.parent_activity_instance_id),
    activityId: String(r.activity_id),
    activityName: str(r.activity_name),
    activityType: String(r.activity_type),
    processDefinitionKey: String(r.definition_key),
    processDefinitionId: String(r.definition_id),
    processInstanceId: String(r.instance_id),
    executionId: String(r.execution_id),
    taskId: str(r.task_id),
    calledProcessInstanceId: str(r.called_instance_id),
    calledCaseInstanceId: null,
    assignee: str(r.assignee),
    startTime: formatCamundaDate(r.start_time as Date),
    endTime: formatCamundaDate(r.end_time as Date | null),
    durationInMillis: toNumberOrNull(r.duration_ms),
    canceled: Boolean(r.canceled),
    completeScope: Boolean(r.complete_scope),
    tenantId: str(r.tenant_id),
    removalTime: null,
    rootProcessInstanceId: String(r.instance_id),
  };
}

export type HistoricProcessInstanceDto = ReturnType<typeof toHistoricProcessInstanceDto>;
export type HistoricActivityInstanceDto = ReturnType<typeof toHistoricActivityInstanceDto>;

@Injectable()
export class HistoryProcessQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async listProcessInstances(filter: HistoricProcessInstanceFilter, sort: SortInput, page: PageInput): Promise<HistoricProcessInstanceDto[]> {
    const order = orderBy(sort, PI_SORT, 'h.start_time ASC', 'h.id ASC');
    const rows = await selectPage(this.db, 'h.*', PI_FROM, historicProcessInstanceWhere(filter), order, page);
    return rows.map(toHistoricProcessInstanceDto);
  }

  countProcessInstances(filter: HistoricProcessInstanceFilter): Promise<number> {
    return selectCount(this.db, PI_FROM, historicProcessInstanceWhere(filter));
  }

  /** The historic instance, or null when it does not exist or the caller may not see it. */
  async findProcessInstance(id: string): Promise<HistoricProcessInstanceDto | null> {
    const w = historicProcessInstanceWhere({ processInstanceId: id });
    const rows: Row[] = await this.db.query(`SELECT h.* FROM ${PI_FROM} ${w.toSql()}`, w.params);
    return rows.length ? toHistoricProcessInstanceDto(rows[0]) : null;
  }

  async listActivityInstances(filter: HistoricActivityInstanceFilter, sort: SortInput, page: PageInput): Promise<HistoricActivityInstanceDto[]> {
    const order = orderBy(sort, AI_SORT, 'a.start_time ASC', 'a.seq ASC');
    const rows = await selectPage(this.db, 'a.*', AI_FROM, historicActivityInstanceWhere(filter), order, page);
    return rows.map(toHistoricActivityInstanceDto);
  }

  countActivityInstances(filter: HistoricActivityInstanceFilter): Promise<number> {
    return selectCount(this.db, AI_FROM, historicActivityInstanceWhere(filter));
  }
}
