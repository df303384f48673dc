/** Read side of `/external-task`. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases } from './visibility';

export interface ExternalTaskFilter {
  externalTaskId?: string;
  externalTaskIdIn?: string[];
  topicName?: string;
  workerId?: string;
  locked?: boolean;
  notLocked?: boolean;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  lockExpirationAfter?: string;
  lockExpirationBefore?: string;
  activityId?: string;
  activityIdIn?: string[];
  executionId?: string;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionId?: string;
  tenantIdIn?: string[];
  priorityHigherThanOrEquals?: number;
  priorityLowerThanOrEquals?: number;
}

/** Camunda's ExternalTaskDto. */
export interface ExternalTaskDto {
  id: string;
  activityId: string;
  activityInstanceId: string;
  errorMessage: string | null;
  executionId: string;
  lockExpirationTime: string | null;
  createTime: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: null;
  processInstanceId: string;
  tenantId: string | null;
  retries: number | null;
  suspended: boolean;
  workerId: string | null;
  topicName: string;
  priority: number;
  businessKey: string | null;
}

const FROM = 'external_task x LEFT JOIN process_instance pi ON pi.id = x.instance_id';
const SELECT = 'x.*, pi.state AS instance_state';
const SORT: Record<string, string> = {
  id: 'x.id',
  lockExpirationTime: 'x.lock_expiration_time',
  processInstanceId: 'x.instance_id',
  processDefinitionId: 'x.definition_id',
  processDefinitionKey: 'x.definition_key',
  tenantId: 'x.tenant_id',
  taskPriority: 'x.priority',
  createTime: 'x.created',
};

/** The WHERE for an external task query, limited to the cases the caller may see. */
export function externalTaskWhere(f: ExternalTaskFilter, now: Date): SqlWhere {
  const w = restrictCases(new SqlWhere(), 'x.tenant_id', 'x.instance_id');
  w.eq('x.id', f.externalTaskId).in('x.id', f.externalTaskIdIn).eq('x.topic_name', f.topicName).eq('x.worker_id', f.workerId);
  if (f.locked) w.add(`x.lock_expiration_time > ${w.param(now)}`);
  if (f.notLocked) w.add(`(x.lock_expiration_time IS NULL OR x.lock_expiration_time <= ${w.param(now)})`);
  w.when(f.withRetriesLeft, '(x.retries IS NULL OR x.retries > 0)').when(f.noRetriesLeft, 'x.retries = 0');
  w.date('x.lock_expiration_time', '>', f.lockExpirationAfter, 'lockExpirationAfter');
  w.date('x.lock_expiration_time', '<', f.lockExpirationBefore, 'lockExpirationBefore');
  w.eq('x.activity_id', f.activityId).in('x.activity_id', f.activityIdIn).eq('x.execution_id', f.executionId);
  w.eq('x.instance_id', f.processInstanceId).in('x.instance_id', f.processInstanceIdIn).eq('x.definition_id', f.processDefinitionId);
  w.tenants('x.tenant_id', f.tenantIdIn, undefined);
  w.compare('x.priority', '>=', f.priorityHigherThanOrEquals).compare('x.priority', '<=', f.priorityLowerThanOrEquals);
  return w;
}

function toDto(r: Row): ExternalTaskDto {
  return {
    id: String(r.id),
    activityId: String(r.activity_id),
    activityInstanceId: String(r.activity_instance_id),
    errorMessage: str(r.error_message),
    executionId: String(r.execution_id),
    lockExpirationTime: formatCamundaDate(r.lock_expiration_time as Date | null),
    createTime: formatCamundaDate(r.created as Date),
    processDefinitionId: String(r.definition_id),
    processDefinitionKey: String(r.definition_key),
    processDefinitionVersionTag: null,
    processInstanceId: String(r.instance_id),
    tenantId: str(r.tenant_id),
    retries: r.retries === null || r.retries === undefined ? null : Number(r.retries),
    suspended: r.instance_state === 'SUSPENDED',
    workerId: str(r.worker_id),
    topicName: String(r.topic_name),
    priority: Number(r.priority),
    businessKey: str(r.business_key),
  };
}

@Injectable()
export class ExternalTaskQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: ExternalTaskFilter, sort: SortInput, page: PageInput): Promise<ExternalTaskDto[]> {
    const w = externalTaskWhere(filter, new Date());
    const rows = await selectPage(this.db, SELECT, FROM, w, orderBy(sort, SORT, 'x.created ASC', 'x.id ASC'), page);
    return rows.map(toDto);
  }

  count(filter: ExternalTaskFilter): Promise<number> {
    return selectCount(this.db, FROM, externalTaskWhere(filter, new Date()));
  }

  /** The external task, or null when it does not exist or the caller may not see its case. */
  async findById(id: string): Promise<ExternalTaskDto | null> {
    const w = externalTaskWhere({ externalTaskId: id }, new Date());
    const rows: Row[] = await this.db.query(`SELECT ${SELECT} FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toDto(rows[0]) : null;
  }

  /** The error details of a failed external task (Camunda's `GET /external-task/{id}/errorDetails`). */
  async errorDetails(id: string): Promise<{ found: boolean; details: string | null }> {
    const w = externalTaskWhere({ externalTaskId: id }, new Date());
    const rows: Row[] = await this.db.query(`SELECT x.error_details FROM ${FROM} ${w.toSql()}`, w.params);
    return { found: rows.length > 0, details: str(rows[0]?.error_details) };
  }
}
