/** Read side of `/task`: Camunda's task query over the runtime `task` table. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictTasks } from './visibility';

/** Camunda's task query parameters that Safepath supports (GET query string or POST body). */
export interface TaskFilter {
  taskId?: string;
  taskIdIn?: string[];
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  executionId?: string;
  activityInstanceIdIn?: string[];
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  taskDefinitionKeyLike?: string;
  name?: string;
  nameLike?: string;
  description?: string;
  descriptionLike?: string;
  assignee?: string;
  assigneeLike?: string;
  assigneeIn?: string[];
  owner?: string;
  unassigned?: boolean;
  assigned?: boolean;
  candidateGroup?: string;
  candidateGroups?: string[];
  candidateUser?: string;
  includeAssignedTasks?: boolean;
  withCandidateGroups?: boolean;
  withoutCandidateGroups?: boolean;
  withCandidateUsers?: boolean;
  withoutCandidateUsers?: boolean;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  dueDate?: string;
  dueBefore?: string;
  dueAfter?: string;
  withoutDueDate?: boolean;
  followUpDate?: string;
  followUpBefore?: string;
  followUpAfter?: string;
  createdOn?: string;
  createdBefore?: string;
  createdAfter?: string;
  priority?: number;
  minPriority?: number;
  maxPriority?: number;
  active?: boolean;
  suspended?: boolean;
}

/** Camunda's TaskDto. */
export interface TaskDto {
  id: string;
  name: string | null;
  assignee: string | null;
  owner: string | null;
  created: string | null;
  lastUpdated: string | null;
  due: string | null;
  followUp: string | null;
  delegationState: null;
  description: string | null;
  executionId: string;
  parentTaskId: null;
  priority: number;
  processDefinitionId: string;
  processInstanceId: string;
  taskDefinitionKey: string;
  caseExecutionId: null;
  caseInstanceId: null;
  caseDefinitionId: null;
  suspended: boolean;
  formKey: string | null;
  camundaFormRef: { key: string; binding: string; version: null } | null;
  tenantId: string | null;
  taskState: 'Created' | 'Assigned';
}

/** A task row plus what the REST layer needs beyond the DTO (for variables and forms). */
export interface TaskRecord extends TaskDto {
  candidateUsers: string[];
  candidateGroups: string[];
  businessKey: string | null;
  processDefinitionKey: string;
}

const FROM = 'task t LEFT JOIN process_instance pi ON pi.id = t.instance_id';
const SELECT = 't.*, pi.state AS instance_state';
const SORT: Record<string, string> = {
  id: 't.id',
  name: 't.name',
  nameCaseInsensitive: 'lower(t.name)',
  description: 't.description',
  assignee: 't.assignee',
  created: 't.created',
  dueDate: 't.due',
  followUpDate: 't.follow_up',
  priority: 't.priority',
  instanceId: 't.instance_id',
  processInstanceId: 't.instance_id',
  executionId: 't.execution_id',
  tenantId: 't.tenant_id',
};

/** The WHERE for a task query, limited to the tasks the caller may see; shared by list and count. */
export function taskWhere(f: TaskFilter): SqlWhere {
  const w = restrictTasks(new SqlWhere(), 't');
  w.eq('t.id', f.taskId).in('t.id', f.taskIdIn);
  w.eq('t.instance_id', f.processInstanceId).in('t.instance_id', f.processInstanceIdIn);
  w.eq('t.business_key', f.processInstanceBusinessKey).like('t.business_key', f.processInstanceBusinessKeyLike);
  w.eq('t.definition_id', f.processDefinitionId).eq('t.definition_key', f.processDefinitionKey).in('t.definition_key', f.processDefinitionKeyIn);
  w.eq('t.execution_id', f.executionId).in('t.activity_instance_id', f.activityInstanceIdIn);
  w.eq('t.task_definition_key', f.taskDefinitionKey).in('t.task_definition_key', f.taskDefinitionKeyIn).like('t.task_definition_key', f.taskDefinitionKeyLike);
  w.eq('t.name', f.name).like('t.name', f.nameLike, true);
  w.eq('t.description', f.description).like('t.description', f.descriptionLike, true);
  w.eq('t.assignee', f.assignee).like('t.assignee', f.assigneeLike).in('t.assignee', f.assigneeIn).eq('t.owner', f.owner);
  w.when(f.unassigned, 't.assignee IS NULL').when(f.assigned, 't.assignee IS NOT NULL');
  if (f.candidateGroup !== undefined) w.add(`${w.param(f.candidateGroup)} = ANY(t.candidate_groups)`);
  if (f.candidateGroups !== undefined) w.add(`t.candidate_groups && ${w.param(f.candidateGroups)}::text[]`);
  if (f.candidateUser !== undefined) w.add(`${w.param(f.candidateUser)} = ANY(t.candidate_users)`);
  // As in Camunda, candidate queries only see unclaimed tasks unless includeAssignedTasks is set.
  const candidateQuery = f.candidateGroup !== undefined || f.candidateGroups !== undefined || f.candidateUser !== undefined;
  w.when(candidateQuery && !f.includeAssignedTasks, 't.assignee IS NULL');
  w.when(f.withCandidateGroups, 'cardinality(t.candidate_groups) > 0').when(f.withoutCandidateGroups, 'cardinality(t.candidate_groups) = 0');
  w.when(f.withCandidateUsers, 'cardinality(t.candidate_users) > 0').when(f.withoutCandidateUsers, 'cardinality(t.candidate_users) = 0');
  w.tenants('t.tenant_id', f.tenantIdIn, f.withoutTenantId);
  w.date('t.due', '=', f.dueDate, 'dueDate').date('t.due', '<', f.dueBefore, 'dueBefore').date('t.due', '>', f.dueAfter, 'dueAfter');
  w.when(f.withoutDueDate, 't.due IS NULL');
  w.date('t.follow_up', '=', f.followUpDate, 'followUpDate').date('t.follow_up', '<', f.followUpBefore, 'followUpBefore');
  w.date('t.follow_up', '>', f.followUpAfter, 'followUpAfter');
  w.date('t.created', '=', f.createdOn, 'createdOn').date('t.created', '<', f.createdBefore, 'createdBefore');
  w.date('t.created', '>', f.createdAfter, 'createdAfter');
  w.eq('t.priority', f.priority).compare('t.priority', '>=', f.minPriority).compare('t.priority', '<=', f.maxPriority);
  w.when(f.active, "pi.state <> 'SUSPENDED'").when(f.suspended, "pi.state = 'SUSPENDED'");
  return w;
}

function toRecord(r: Row): TaskRecord {
  const formRef = str(r.form_ref);
  return {
    id: String(r.id),
    name: str(r.name),
    assignee: str(r.assignee),
    owner: str(r.owner),
    created: formatCamundaDate(r.created as Date),
    lastUpdated: null,
    due: formatCamundaDate(r.due as Date | null),
    followUp: formatCamundaDate(r.follow_up as Date | null),
    delegationState: null,
    description: str(r.description),
    executionId: String(r.execution_id),
    parentTaskId: null,
    priority: Number(r.priority),
    processDefinitionId: String(r.definition_id),
    processInstanceId: String(r.instance_id),
    taskDefinitionKey: String(r.task_definition_key),
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: r.instance_state === 'SUSPENDED',
    formKey: str(r.form_key),
    camundaFormRef: formRef ? { key: formRef, binding: 'latest', version: null } : null,
    tenantId: str(r.tenant_id),
    taskState: r.assignee ? 'Assigned' : 'Created',
    candidateUsers: (r.candidate_users as string[]) ?? [],
    candidateGroups: (r.candidate_groups as string[]) ?? [],
    businessKey: str(r.business_key),
    processDefinitionKey: String(r.definition_key),
  };
}

/** Strips the extra record fields so the JSON is exactly Camunda's TaskDto. */
export function toTaskDto(record: TaskRecord): TaskDto {
  const { candidateUsers: _u, candidateGroups: _g, businessKey: _b, processDefinitionKey: _k, ...dto } = record;
  return dto;
}

@Injectable()
export class TaskQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: TaskFilter, sort: SortInput, page: PageInput): Promise<TaskDto[]> {
    const w = taskWhere(filter);
    const rows = await selectPage(this.db, SELECT, FROM, w, orderBy(sort, SORT, 't.created ASC', 't.id ASC'), page);
    return rows.map((row) => toTaskDto(toRecord(row)));
  }

  count(filter: TaskFilter): Promise<number> {
    return selectCount(this.db, FROM, taskWhere(filter));
  }

  /** The task, or null when it does not exist or the caller may not see it. */
  async findById(id: string): Promise<TaskRecord | null> {
    const w = restrictTasks(new SqlWhere().eq('t.id', id), 't');
    const rows: Row[] = await this.db.query(`SELECT ${SELECT} FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toRecord(rows[0]) : null;
  }
}
