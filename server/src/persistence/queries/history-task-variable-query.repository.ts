/**
 * Read side of `/history/task` and `/history/variable-instance`. A caller sees the historic tasks
 * and the variables of the cases they may see (visibility.ts); sensitive values are decrypted for
 * readers of the case's organisation and redacted for everyone else (security/sensitive-access.ts).
 */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import type { TypedValue, VariableType } from '../../../engine/runtime/state';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { DataCipher } from '../../security/data-cipher';
import { currentCaller } from '../../security/request-context';
import { mayReadSensitive, redactedValue } from '../../security/sensitive-access';
import { openVariableRow } from '../sensitive-columns';
import { Row, selectCount, selectPage, str, toNumberOrNull } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases, restrictTasks } from './visibility';

export interface HistoricTaskFilter {
  taskId?: string;
  processInstanceId?: string;
  processInstanceBusinessKey?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  executionId?: string;
  taskDefinitionKey?: string;
  taskName?: string;
  taskNameLike?: string;
  taskAssignee?: string;
  taskAssigneeLike?: string;
  taskOwner?: string;
  finished?: boolean;
  unfinished?: boolean;
  taskDueDateBefore?: string;
  taskDueDateAfter?: string;
  startedBefore?: string;
  startedAfter?: string;
  finishedBefore?: string;
  finishedAfter?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

export interface HistoricVariableFilter {
  variableName?: string;
  variableNameLike?: string;
  variableTypeIn?: string[];
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionId?: string;
  processDefinitionKey?: string;
  executionIdIn?: string[];
  taskIdIn?: string[];
  activityInstanceIdIn?: string[];
  includeDeleted?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

const TASK_FROM = 'hi_task h LEFT JOIN hi_process_instance hp ON hp.id = h.instance_id';
const TASK_SORT: Record<string, string> = {
  taskId: 'h.id',
  activityInstanceId: 'h.activity_instance_id',
  processDefinitionId: 'h.definition_id',
  processInstanceId: 'h.instance_id',
  executionId: 'h.execution_id',
  duration: 'h.duration_ms',
  endTime: 'h.end_time',
  startTime: 'h.start_time',
  taskName: 'h.name',
  taskDescription: 'h.description',
  assignee: 'h.assignee',
  owner: 'h.owner',
  dueDate: 'h.due',
  followUpDate: 'h.follow_up',
  deleteReason: 'h.delete_reason',
  taskDefinitionKey: 'h.task_definition_key',
  priority: 'h.priority',
  tenantId: 'h.tenant_id',
};

const VAR_FROM = 'hi_variable v';
const VAR_SORT: Record<string, string> = { instanceId: 'v.instance_id', variableName: 'v.name', tenantId: 'v.tenant_id' };

export function historicTaskWhere(f: HistoricTaskFilter): SqlWhere {
  const w = new SqlWhere();
  w.eq('h.id', f.taskId).eq('h.instance_id', f.processInstanceId).eq('hp.business_key', f.processInstanceBusinessKey);
  w.eq('h.definition_id', f.processDefinitionId).eq('h.definition_key', f.processDefinitionKey).eq('h.execution_id', f.executionId);
  w.eq('h.task_definition_key', f.taskDefinitionKey).eq('h.name', f.taskName).like('h.name', f.taskNameLike, true);
  w.eq('h.assignee', f.taskAssignee).like('h.assignee', f.taskAssigneeLike).eq('h.owner', f.taskOwner);
  w.when(f.finished, 'h.end_time IS NOT NULL').when(f.unfinished, 'h.end_time IS NULL');
  w.date('h.due', '<', f.taskDueDateBefore, 'taskDueDateBefore').date('h.due', '>', f.taskDueDateAfter, 'taskDueDateAfter');
  w.date('h.start_time', '<', f.startedBefore, 'startedBefore').date('h.start_time', '>', f.startedAfter, 'startedAfter');
  w.date('h.end_time', '<', f.finishedBefore, 'finishedBefore').date('h.end_time', '>', f.finishedAfter, 'finishedAfter');
  w.tenants('h.tenant_id', f.tenantIdIn, f.withoutTenantId);
  // hi_task keeps candidate groups but not candidate users.
  return restrictTasks(w, 'h', { candidateUsers: false });
}

export function historicVariableWhere(f: HistoricVariableFilter): SqlWhere {
  const w = new SqlWhere();
  w.eq('v.name', f.variableName).like('v.name', f.variableNameLike);
  if (f.variableTypeIn !== undefined) w.add(`lower(v.type) = ANY(${w.param(f.variableTypeIn.map((t) => t.toLowerCase()))})`);
  w.eq('v.instance_id', f.processInstanceId).in('v.instance_id', f.processInstanceIdIn);
  w.eq('v.definition_id', f.processDefinitionId).eq('v.definition_key', f.processDefinitionKey);
  w.in('v.execution_id', f.executionIdIn).in('v.task_id', f.taskIdIn).in('v.activity_instance_id', f.activityInstanceIdIn);
  w.when(!f.includeDeleted, "v.state <> 'DELETED'");
  w.tenants('v.tenant_id', f.tenantIdIn, f.withoutTenantId);
  return restrictCases(w, 'v.tenant_id', 'v.instance_id');
}

/** Camunda's HistoricTaskInstanceDto. */
export function toHistoricTaskDto(r: Row) {
  return {
    id: String(r.id),
    processDefinitionKey: String(r.definition_key),
    processDefinitionId: String(r.definition_id),
    processInstanceId: String(r.instance_id),
    executionId: String(r.execution_id),
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    activityInstanceId: String(r.activity_instance_id),
    name: str(r.name),
    description: str(r.description),
    deleteReason: str(r.delete_reason),
    owner: str(r.owner),
    assignee: str(r.assignee),
    startTime: formatCamundaDate(r.start_time as Date),
    endTime: formatCamundaDate(r.end_time as Date | null),
    duration: toNumberOrNull(r.duration_ms),
    taskDefinitionKey: String(r.task_definition_key),
    priority: Number(r.priority),
    due: formatCamundaDate(r.due as Date | null),
    parentTaskId: null,
    followUp: formatCamundaDate(r.follow_up as Date | null),
    tenantId: str(r.tenant_id),
    removalTime: null,
    rootProcessInstanceId: String(r.instance_id),
    taskState: r.delete_reason === 'completed' || (r.end_time && !r.delete_reason) ? 'Completed' : r.end_time ? 'Deleted' : 'Created',
  };
}

/**
 * A historic variable: Camunda's DTO fields plus the engine's typed value for conversion.
 * `r` is a plain row; a sensitive one the caller may not read is given with `redacted`.
 */
export function toHistoricVariableRecord(r: Row, redacted = false) {
  let typed: TypedValue = { type: r.type as VariableType, value: r.value ?? null };
  if (r.value_info && Object.keys(r.value_info as object).length) typed.valueInfo = r.value_info as Record<string, unknown>;
  if (redacted) typed = redactedValue(typed);
  return {
    typed,
    dto: {
      id: String(r.id),
      name: String(r.name),
      processDefinitionKey: String(r.definition_key),
      processDefinitionId: String(r.definition_id),
      processInstanceId: String(r.instance_id),
      executionId: String(r.execution_id),
      activityInstanceId: str(r.activity_instance_id),
      caseDefinitionKey: null,
      caseDefinitionId: null,
      caseInstanceId: null,
      caseExecutionId: null,
      taskId: str(r.task_id),
      tenantId: str(r.tenant_id),
      errorMessage: null,
      state: String(r.state),
      createTime: formatCamundaDate(r.create_time as Date),
      removalTime: null,
      rootProcessInstanceId: String(r.instance_id),
    },
  };
}

export type HistoricTaskDto = ReturnType<typeof toHistoricTaskDto>;
export type HistoricVariableRecord = ReturnType<typeof toHistoricVariableRecord>;

@Injectable()
export class HistoryTaskVariableQueryRepository {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly cipher: DataCipher,
  ) {}

  async listTasks(filter: HistoricTaskFilter, sort: SortInput, page: PageInput): Promise<HistoricTaskDto[]> {
    const rows = await selectPage(this.db, 'h.*', TASK_FROM, historicTaskWhere(filter), orderBy(sort, TASK_SORT, 'h.start_time ASC', 'h.id ASC'), page);
    return rows.map(toHistoricTaskDto);
  }

  countTasks(filter: HistoricTaskFilter): Promise<number> {
    return selectCount(this.db, TASK_FROM, historicTaskWhere(filter));
  }

  async listVariables(filter: HistoricVariableFilter, sort: SortInput, page: PageInput): Promise<HistoricVariableRecord[]> {
    const rows = await selectPage(this.db, 'v.*', VAR_FROM, historicVariableWhere(filter), orderBy(sort, VAR_SORT, 'v.create_time ASC', 'v.id ASC'), page);
    const caller = currentCaller();
    return rows.map((row) => {
      if (row.sensitive !== true) return toHistoricVariableRecord(row);
      if (!mayReadSensitive(caller, (row.tenant_id ?? null) as string | null)) return toHistoricVariableRecord(row, true);
      return toHistoricVariableRecord(openVariableRow(row, this.cipher));
    });
  }

  countVariables(filter: HistoricVariableFilter): Promise<number> {
    return selectCount(this.db, VAR_FROM, historicVariableWhere(filter));
  }
}
