/** Queries of `/history/*`. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import type { HistoricActivityInstanceFilter, HistoricProcessInstanceFilter } from '../../persistence/queries/history-process-query.repository';
import type { HistoricTaskFilter, HistoricVariableFilter } from '../../persistence/queries/history-task-variable-query.repository';
import { OptBool, OptDate, OptInt, OptList, OptString, SortedPageQueryDto, SortingDto } from '../validation';

export class HistoricProcessInstanceQueryDto implements HistoricProcessInstanceFilter {
  @OptString() processInstanceId?: string;
  @OptList() processInstanceIds?: string[];
  @OptString() processInstanceBusinessKey?: string;
  @OptString() processInstanceBusinessKeyLike?: string;
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptList() processDefinitionKeyIn?: string[];
  @OptBool() finished?: boolean;
  @OptBool() unfinished?: boolean;
  @OptDate() startedBefore?: string;
  @OptDate() startedAfter?: string;
  @OptDate() finishedBefore?: string;
  @OptDate() finishedAfter?: string;
  @OptString() superProcessInstanceId?: string;
  @OptString('ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED') state?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptString('instanceId, definitionId, definitionKey, definitionName, definitionVersion, businessKey, startTime, endTime, duration, tenantId')
  sortBy?: string;
  @OptString('asc or desc') sortOrder?: string;

  @ApiPropertyOptional({ type: [SortingDto], description: 'POST body only' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SortingDto)
  sorting?: SortingDto[];
}

export class HistoricProcessInstanceListQueryDto extends HistoricProcessInstanceQueryDto {
  @OptInt('Index of the first result', 0) firstResult?: number;
  @OptInt('Maximum number of results', 0) maxResults?: number;
}

export class HistoricActivityInstanceQueryDto extends SortedPageQueryDto implements HistoricActivityInstanceFilter {
  @OptString() activityInstanceId?: string;
  @OptString() processInstanceId?: string;
  @OptString() processDefinitionId?: string;
  @OptString() executionId?: string;
  @OptString() activityId?: string;
  @OptString() activityName?: string;
  @OptString('e.g. userTask, startEvent, serviceTask') activityType?: string;
  @OptString() taskAssignee?: string;
  @OptBool() finished?: boolean;
  @OptBool() unfinished?: boolean;
  @OptBool() canceled?: boolean;
  @OptBool() completeScope?: boolean;
  @OptDate() startedBefore?: string;
  @OptDate() startedAfter?: string;
  @OptDate() finishedBefore?: string;
  @OptDate() finishedAfter?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
}

export class HistoricTaskQueryDto extends SortedPageQueryDto implements HistoricTaskFilter {
  @OptString() taskId?: string;
  @OptString() processInstanceId?: string;
  @OptString() processInstanceBusinessKey?: string;
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptString() executionId?: string;
  @OptString() taskDefinitionKey?: string;
  @OptString() taskName?: string;
  @OptString() taskNameLike?: string;
  @OptString() taskAssignee?: string;
  @OptString() taskAssigneeLike?: string;
  @OptString() taskOwner?: string;
  @OptBool() finished?: boolean;
  @OptBool() unfinished?: boolean;
  @OptDate() taskDueDateBefore?: string;
  @OptDate() taskDueDateAfter?: string;
  @OptDate() startedBefore?: string;
  @OptDate() startedAfter?: string;
  @OptDate() finishedBefore?: string;
  @OptDate() finishedAfter?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
}

export class HistoricVariableQueryDto extends SortedPageQueryDto implements HistoricVariableFilter {
  @OptString() variableName?: string;
  @OptString() variableNameLike?: string;
  @OptList() variableTypeIn?: string[];
  @OptString() processInstanceId?: string;
  @OptList() processInstanceIdIn?: string[];
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptList() executionIdIn?: string[];
  @OptList() taskIdIn?: string[];
  @OptList() activityInstanceIdIn?: string[];
  @OptBool() includeDeleted?: boolean;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptBool('Deserialize Object values (default true)') deserializeValues?: boolean;
}
