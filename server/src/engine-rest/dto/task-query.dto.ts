/** Camunda's task query (GET /task query string, POST /task body). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import type { TaskFilter } from '../../persistence/queries/task-query.repository';
import { OptBool, OptDate, OptInt, OptList, OptString, SortingDto } from '../validation';

export class TaskQueryDto implements TaskFilter {
  @OptString() taskId?: string;
  @OptList() taskIdIn?: string[];
  @OptString() processInstanceId?: string;
  @OptList() processInstanceIdIn?: string[];
  @OptString() processInstanceBusinessKey?: string;
  @OptString() processInstanceBusinessKeyLike?: string;
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptList() processDefinitionKeyIn?: string[];
  @OptString() executionId?: string;
  @OptList() activityInstanceIdIn?: string[];
  @OptString() taskDefinitionKey?: string;
  @OptList() taskDefinitionKeyIn?: string[];
  @OptString() taskDefinitionKeyLike?: string;
  @OptString() name?: string;
  @OptString('SQL LIKE pattern, e.g. %review%') nameLike?: string;
  @OptString() description?: string;
  @OptString() descriptionLike?: string;
  @OptString() assignee?: string;
  @OptString() assigneeLike?: string;
  @OptList() assigneeIn?: string[];
  @OptString() owner?: string;
  @OptBool() unassigned?: boolean;
  @OptBool() assigned?: boolean;
  @OptString() candidateGroup?: string;
  @OptList() candidateGroups?: string[];
  @OptString() candidateUser?: string;
  @OptBool('Also return claimed tasks for candidate queries') includeAssignedTasks?: boolean;
  @OptBool() withCandidateGroups?: boolean;
  @OptBool() withoutCandidateGroups?: boolean;
  @OptBool() withCandidateUsers?: boolean;
  @OptBool() withoutCandidateUsers?: boolean;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptDate() dueDate?: string;
  @OptDate() dueBefore?: string;
  @OptDate() dueAfter?: string;
  @OptBool() withoutDueDate?: boolean;
  @OptDate() followUpDate?: string;
  @OptDate() followUpBefore?: string;
  @OptDate() followUpAfter?: string;
  @OptDate() createdOn?: string;
  @OptDate() createdBefore?: string;
  @OptDate() createdAfter?: string;
  @OptInt() priority?: number;
  @OptInt() minPriority?: number;
  @OptInt() maxPriority?: number;
  @OptBool() active?: boolean;
  @OptBool() suspended?: boolean;
  @OptString('dueDate, followUpDate, created, priority, name, nameCaseInsensitive, id, assignee, description, instanceId, executionId, tenantId')
  sortBy?: string;
  @OptString('asc or desc') sortOrder?: string;

  @ApiPropertyOptional({ type: [SortingDto], description: 'POST body only' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SortingDto)
  sorting?: SortingDto[];
}

/** GET /task: the filters plus paging. */
export class TaskListQueryDto extends TaskQueryDto {
  @OptInt('Index of the first result', 0) firstResult?: number;
  @OptInt('Maximum number of results', 0) maxResults?: number;
}
