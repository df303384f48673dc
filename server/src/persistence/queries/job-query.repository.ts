/** Read side of `/job` (timers), plus the data-only due-date change. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { invalidRequest } from '../../../engine/engine-error';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy, toDate } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases } from './visibility';

export interface JobFilter {
  jobId?: string;
  jobIds?: string[];
  processInstanceId?: string;
  processInstanceIds?: string[];
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  activityId?: string;
  timers?: boolean;
  messages?: boolean;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  withException?: boolean;
  /** Camunda's `gt_<date>,lt_<date>` comma list. */
  dueDates?: string;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
}

/** Camunda's JobDto. */
export interface JobDto {
  id: string;
  jobDefinitionId: null;
  dueDate: string | null;
  /** Null for a definition's timer start job. */
  processInstanceId: string | null;
  executionId: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  retries: number;
  exceptionMessage: string | null;
  failedActivityId: string | null;
  suspended: boolean;
  priority: number;
  tenantId: string | null;
  createTime: string | null;
  batchId: null;
}

const FROM = 'job j LEFT JOIN process_instance pi ON pi.id = j.instance_id';
const SELECT = 'j.*, pi.state AS instance_state';
const SORT: Record<string, string> = {
  jobId: 'j.id',
  jobDueDate: 'j.due_date',
  executionId: 'j.execution_id',
  processInstanceId: 'j.instance_id',
  processDefinitionId: 'j.definition_id',
  processDefinitionKey: 'j.definition_key',
  jobRetries: 'j.retries',
  tenantId: 'j.tenant_id',
};

/** Adds Camunda's `operator_value` date comparisons (`gt_…`, `lt_…`) for `parameter`. */
export function addDateComparisons(w: SqlWhere, column: string, list: string | undefined, parameter: string): void {
  if (list === undefined) return;
  for (const part of list.split(',').filter(Boolean)) {
    const match = /^(gt|lt)_(.+)$/.exec(part);
    if (!match) {
      throw invalidRequest(`Invalid ${parameter} comparator specification '${part}': expected gt_<date> or lt_<date>`);
    }
    w.compare(column, match[1] === 'gt' ? '>' : '<', toDate(match[2], parameter));
  }
}

/** The WHERE for a job query, limited to the cases the caller may see (definition jobs: the organisation's). */
export function jobWhere(f: JobFilter): SqlWhere {
  const w = restrictCases(new SqlWhere(), 'j.tenant_id', 'j.instance_id');
  w.eq('j.id', f.jobId).in('j.id', f.jobIds).eq('j.instance_id', f.processInstanceId).in('j.instance_id', f.processInstanceIds);
  w.eq('j.execution_id', f.executionId).eq('j.definition_id', f.processDefinitionId).eq('j.definition_key', f.processDefinitionKey);
  w.eq('j.activity_id', f.activityId);
  w.when(f.timers, "j.type = 'timer'").when(f.messages, "j.type <> 'timer'");
  w.when(f.withRetriesLeft, 'j.retries > 0').when(f.noRetriesLeft, 'j.retries = 0').when(f.withException, 'j.exception_message IS NOT NULL');
  addDateComparisons(w, 'j.due_date', f.dueDates, 'dueDates');
  w.tenants('j.tenant_id', f.tenantIdIn, f.withoutTenantId);
  return w;
}

function toDto(r: Row): JobDto {
  return {
    id: String(r.id),
    jobDefinitionId: null,
    dueDate: formatCamundaDate(r.due_date as Date | null),
    processInstanceId: str(r.instance_id),
    executionId: str(r.execution_id),
    processDefinitionId: String(r.definition_id),
    processDefinitionKey: String(r.definition_key),
    retries: Number(r.retries),
    exceptionMessage: str(r.exception_message),
    failedActivityId: r.exception_message ? String(r.activity_id) : null,
    suspended: r.instance_state === 'SUSPENDED',
    priority: 0,
    tenantId: str(r.tenant_id),
    createTime: formatCamundaDate(r.created as Date),
    batchId: null,
  };
}

@Injectable()
export class JobQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: JobFilter, sort: SortInput, page: PageInput): Promise<JobDto[]> {
    const rows = await selectPage(this.db, SELECT, FROM, jobWhere(filter), orderBy(sort, SORT, 'j.due_date ASC', 'j.id ASC'), page);
    return rows.map(toDto);
  }

  count(filter: JobFilter): Promise<number> {
    return selectCount(this.db, FROM, jobWhere(filter));
  }

  /** The job, or null when it does not exist or the caller may not see it. */
  async findById(id: string): Promise<JobDto | null> {
    const w = jobWhere({ jobId: id });
    const rows: Row[] = await this.db.query(`SELECT ${SELECT} FROM ${FROM} ${w.toSql()}`, w.params);
    return rows.length ? toDto(rows[0]) : null;
  }
}
