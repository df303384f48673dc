/** Camunda's process instance query (GET query string, POST body). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested } from 'class-validator';
import type { ProcessInstanceFilter } from '../../persistence/queries/process-instance-query.repository';
import { OptBool, OptInt, OptList, OptString, SortingDto } from '../validation';

export class ProcessInstanceQueryDto implements ProcessInstanceFilter {
  @OptList() processInstanceIds?: string[];
  @OptString() businessKey?: string;
  @OptString() businessKeyLike?: string;
  @OptString() processDefinitionId?: string;
  @OptString() processDefinitionKey?: string;
  @OptList() processDefinitionKeyIn?: string[];
  @OptString() deploymentId?: string;
  @OptString() superProcessInstance?: string;
  @OptBool() rootProcessInstances?: boolean;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptBool() active?: boolean;
  @OptBool() suspended?: boolean;
  @OptBool() withIncident?: boolean;
  @OptString() incidentType?: string;
  @OptList() activityIdIn?: string[];
  @OptString('instanceId, definitionKey, definitionId, tenantId, businessKey') sortBy?: string;
  @OptString('asc or desc') sortOrder?: string;

  @ApiPropertyOptional({ type: [SortingDto], description: 'POST body only' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SortingDto)
  sorting?: SortingDto[];
}

export class ProcessInstanceListQueryDto extends ProcessInstanceQueryDto {
  @OptInt('Index of the first result', 0) firstResult?: number;
  @OptInt('Maximum number of results', 0) maxResults?: number;
}

export class DeleteProcessInstanceQueryDto {
  @OptBool('Skip custom listeners (accepted for compatibility; Safepath runs none)') skipCustomListeners?: boolean;
  @OptString('Why the instance was deleted') deleteReason?: string;
}
