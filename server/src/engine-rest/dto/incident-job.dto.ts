/** Queries of `/incident` and `/job`, and the job due-date body. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { IncidentFilter } from '../../persistence/queries/incident-query.repository';
import type { JobFilter } from '../../persistence/queries/job-query.repository';
import { OptBool, OptDate, OptList, OptString, SortedPageQueryDto } from '../validation';

export class IncidentQueryDto extends SortedPageQueryDto implements IncidentFilter {
  @OptString() incidentId?: string;
  @OptString('failedJob, failedExternalTask, ...') incidentType?: string;
  @OptString() incidentMessage?: string;
  @OptString() incidentMessageLike?: string;
  @OptString() processDefinitionId?: string;
  @OptList() processDefinitionKeyIn?: string[];
  @OptString() processInstanceId?: string;
  @OptString() executionId?: string;
  @OptString() activityId?: string;
  @OptString() failedActivityId?: string;
  @OptString() configuration?: string;
  @OptList() tenantIdIn?: string[];
  @OptDate() incidentTimestampBefore?: string;
  @OptDate() incidentTimestampAfter?: string;
}

export class JobQueryDto extends SortedPageQueryDto implements JobFilter {
  @OptString() jobId?: string;
  @OptList() jobIds?: string[];
  @OptString() processInstanceId?: string;
  @OptList() processInstanceIds?: string[];
  @OptString() executionId?: string;
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptString() activityId?: string;
  @OptBool('Only timers') timers?: boolean;
  @OptBool('Only non-timer jobs') messages?: boolean;
  @OptBool() withRetriesLeft?: boolean;
  @OptBool() noRetriesLeft?: boolean;
  @OptBool() withException?: boolean;
  @OptString('Comparisons like gt_2026-11-23T09:30:00.000+0000,lt_…') dueDates?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
}

export class JobDueDateDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'New due date; null means now' })
  @OptDate()
  duedate?: string | null;

  @OptBool('Accepted for compatibility') cascade?: boolean;
}
