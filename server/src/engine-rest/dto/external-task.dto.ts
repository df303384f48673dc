/** Bodies and queries of `/external-task`. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import type { ExternalTaskFilter } from '../../persistence/queries/external-task-query.repository';
import type { RestVariableMap } from '../variables/camunda-variables';
import { MAX_INT, OptBool, OptDate, OptInt, OptList, OptObject, OptString, SortedPageQueryDto } from '../validation';

export class FetchTopicDto {
  @ApiProperty() @IsString() @IsNotEmpty() topicName: string;
  @ApiProperty({ description: 'Lock duration in milliseconds' }) @IsInt() @Min(1) @Max(MAX_INT) lockDuration: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) variables?: string[];
  @OptBool() localVariables?: boolean;
  @OptString() processDefinitionKey?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) tenantIdIn?: string[];
  @OptBool('Accepted for compatibility') deserializeValues?: boolean;
}

export class FetchAndLockDto {
  @ApiProperty() @IsString() @IsNotEmpty() workerId: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_INT) maxTasks: number;
  @OptBool() usePriority?: boolean;
  @OptInt('Long polling: wait up to this many milliseconds for a task (capped at 60000)', 0) asyncResponseTimeout?: number;
  @ApiProperty({ type: [FetchTopicDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => FetchTopicDto)
  topics: FetchTopicDto[];
}

export class CompleteExternalTaskDto {
  @ApiProperty() @IsString() @IsNotEmpty() workerId: string;
  @OptObject() variables?: RestVariableMap;
  @OptObject() localVariables?: RestVariableMap;
}

export class ExternalTaskFailureDto {
  @ApiProperty() @IsString() @IsNotEmpty() workerId: string;
  @OptString() errorMessage?: string;
  @OptString() errorDetails?: string;
  @OptInt('Retries left; 0 raises an incident', 0) retries?: number;
  @OptInt('Milliseconds until the task can be fetched again', 0) retryTimeout?: number;
}

export class ExternalTaskBpmnErrorDto {
  @ApiProperty() @IsString() @IsNotEmpty() workerId: string;
  @ApiProperty() @IsString() @IsNotEmpty() errorCode: string;
  @OptString() errorMessage?: string;
  @OptObject() variables?: RestVariableMap;
}

export class ExtendLockDto {
  @ApiProperty() @IsString() @IsNotEmpty() workerId: string;
  @ApiProperty({ description: 'New lock duration in milliseconds from now' }) @IsInt() @Min(1) @Max(MAX_INT) newDuration: number;
}

export class ExternalTaskQueryDto extends SortedPageQueryDto implements ExternalTaskFilter {
  @OptString() externalTaskId?: string;
  @OptList() externalTaskIdIn?: string[];
  @OptString() topicName?: string;
  @OptString() workerId?: string;
  @OptBool() locked?: boolean;
  @OptBool() notLocked?: boolean;
  @OptBool() withRetriesLeft?: boolean;
  @OptBool() noRetriesLeft?: boolean;
  @OptDate() lockExpirationAfter?: string;
  @OptDate() lockExpirationBefore?: string;
  @OptString() activityId?: string;
  @OptList() activityIdIn?: string[];
  @OptString() executionId?: string;
  @OptString() processInstanceId?: string;
  @OptList() processInstanceIdIn?: string[];
  @OptString() processDefinitionId?: string;
  @OptList() tenantIdIn?: string[];
  @OptInt() priorityHigherThanOrEquals?: number;
  @OptInt() priorityLowerThanOrEquals?: number;
}
