/** Request bodies that carry Camunda variable maps. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString } from 'class-validator';
import type { RestVariable, RestVariableMap } from '../variables/camunda-variables';
import { OptBool, OptObject, OptString } from '../validation';

/** `POST …/variables`: modifications and deletions in one go. */
export class VariableModificationsDto {
  @OptObject('name → {value, type, valueInfo}') modifications?: RestVariableMap;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  deletions?: string[];
}

/** `PUT …/variables/{name}`: one variable. */
export class SingleVariableDto implements RestVariable {
  @ApiPropertyOptional({ description: 'The value (JSON text for Json and Object)' }) @IsOptional() value?: unknown;
  @OptString('String, Boolean, Integer, Long, Short, Double, Date, Json, Object or Null') type?: string;
  @OptObject() valueInfo?: Record<string, unknown>;
}

/** `POST /task/{id}/complete` and `/submit-form`. */
export class CompleteTaskDto {
  @OptObject('name → {value, type, valueInfo}') variables?: RestVariableMap;
  @OptBool('Return the process variables (200) instead of 204') withVariablesInReturn?: boolean;
}

/** `POST /task/{id}/claim` and `/assignee`. */
export class UserIdDto {
  @ApiProperty({ type: String, nullable: true }) @IsOptional() @IsString() userId: string | null;
}

/** `deserializeValues` and variable name filters of the GET variable endpoints. */
export class GetVariablesQueryDto {
  @OptBool('Deserialize Object values (default true)') deserializeValues?: boolean;
  @OptString('Comma-separated names to return') variableNames?: string;
}

/** `POST /decision-definition/…/evaluate`: the decision's input variables. */
export class EvaluateDecisionDto {
  @OptObject('name → {value, type, valueInfo}') variables?: RestVariableMap;
}
