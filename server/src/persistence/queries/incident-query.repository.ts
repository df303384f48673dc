/** Read side of `/incident`: open incidents of running instances. */
import { Injectable } from '@nestjs/common';
import { ScopedDataSource } from '../tenant-scope';
import { formatCamundaDate } from '../../engine-rest/camunda-date';
import { Row, selectCount, selectPage, str } from './read-query';
import { SqlWhere, orderBy } from './sql-query';
import type { PageInput, SortInput } from './sql-query';
import { restrictCases } from './visibility';

export interface IncidentFilter {
  incidentId?: string;
  incidentType?: string;
  incidentMessage?: string;
  incidentMessageLike?: string;
  processDefinitionId?: string;
  processDefinitionKeyIn?: string[];
  processInstanceId?: string;
  executionId?: string;
  activityId?: string;
  failedActivityId?: string;
  configuration?: string;
  tenantIdIn?: string[];
  incidentTimestampBefore?: string;
  incidentTimestampAfter?: string;
}

/** Camunda's IncidentDto. */
export interface IncidentDto {
  id: string;
  processDefinitionId: string;
  /** Null for an incident of a definition's timer start job. */
  processInstanceId: string | null;
  executionId: string | null;
  incidentTimestamp: string | null;
  incidentType: string;
  activityId: string;
  failedActivityId: string;
  causeIncidentId: string;
  rootCauseIncidentId: string;
  configuration: string | null;
  tenantId: string | null;
  incidentMessage: string;
  jobDefinitionId: null;
  annotation: null;
}

const FROM = 'incident i';
const SORT: Record<string, string> = {
  incidentId: 'i.id',
  incidentMessage: 'i.message',
  incidentTimestamp: 'i.created',
  incidentType: 'i.type',
  executionId: 'i.execution_id',
  activityId: 'i.activity_id',
  processInstanceId: 'i.instance_id',
  processDefinitionId: 'i.definition_id',
  configuration: 'i.configuration',
  tenantId: 'i.tenant_id',
};

/** The WHERE for an incident query, limited to the cases the caller may see. */
export function incidentWhere(f: IncidentFilter): SqlWhere {
  const w = restrictCases(new SqlWhere(), 'i.tenant_id', 'i.instance_id');
  w.eq('i.id', f.incidentId).eq('i.type', f.incidentType).eq('i.message', f.incidentMessage).like('i.message', f.incidentMessageLike);
  w.eq('i.definition_id', f.processDefinitionId);
  if (f.processDefinitionKeyIn !== undefined) {
    w.add(`i.definition_id IN (SELECT pd.id FROM process_definition pd WHERE pd.key = ANY(${w.param(f.processDefinitionKeyIn)}))`);
  }
  w.eq('i.instance_id', f.processInstanceId).eq('i.execution_id', f.executionId);
  w.eq('i.activity_id', f.activityId).eq('i.activity_id', f.failedActivityId).eq('i.configuration', f.configuration);
  w.tenants('i.tenant_id', f.tenantIdIn, undefined);
  w.date('i.created', '<', f.incidentTimestampBefore, 'incidentTimestampBefore').date('i.created', '>', f.incidentTimestampAfter, 'incidentTimestampAfter');
  return w;
}

function toDto(r: Row): IncidentDto {
  return {
    id: String(r.id),
    processDefinitionId: String(r.definition_id),
    processInstanceId: str(r.instance_id),
    executionId: str(r.execution_id),
    incidentTimestamp: formatCamundaDate(r.created as Date),
    incidentType: String(r.type),
    activityId: String(r.activity_id),
    failedActivityId: String(r.activity_id),
    causeIncidentId: String(r.id),
    rootCauseIncidentId: String(r.id),
    configuration: str(r.configuration),
    tenantId: str(r.tenant_id),
    incidentMessage: String(r.message),
    jobDefinitionId: null,
    annotation: null,
  };
}

@Injectable()
export class IncidentQueryRepository {
  constructor(private readonly db: ScopedDataSource) {}

  async list(filter: IncidentFilter, sort: SortInput, page: PageInput): Promise<IncidentDto[]> {
    const rows = await selectPage(this.db, 'i.*', FROM, incidentWhere(filter), orderBy(sort, SORT, 'i.created ASC', 'i.id ASC'), page);
    return rows.map(toDto);
  }

  count(filter: IncidentFilter): Promise<number> {
    return selectCount(this.db, FROM, incidentWhere(filter));
  }
}
