/** Bodies of `POST /message` and `POST /signal`. */
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';
import type { RestVariableMap } from '../variables/camunda-variables';
import { OptBool, OptObject, OptString } from '../validation';

export class CorrelateMessageDto {
  @ApiProperty() @IsString() @IsNotEmpty() messageName: string;
  @OptString() businessKey?: string;
  @OptString() processInstanceId?: string;
  @OptString() tenantId?: string;
  @OptBool() withoutTenantId?: boolean;
  @OptObject('Process variables the instance must have with these values') correlationKeys?: RestVariableMap;
  @OptObject('Local variables of the execution (accepted; matched like correlationKeys by the engine where supported)') localCorrelationKeys?: RestVariableMap;
  @OptObject('Variables to set on the instance') processVariables?: RestVariableMap;
  @OptObject('Variables to set on the receiving execution') processVariablesLocal?: RestVariableMap;
  @OptBool('Correlate to every match instead of exactly one') all?: boolean;
  @OptBool('Return the correlation results (200) instead of 204') resultEnabled?: boolean;
  @OptBool('Include the instance variables in each result') variablesInResultEnabled?: boolean;
}

export class ThrowSignalDto {
  @ApiProperty() @IsString() @IsNotEmpty() name: string;
  @OptString() executionId?: string;
  @OptObject() variables?: RestVariableMap;
  @OptString() tenantId?: string;
  @OptBool() withoutTenantId?: boolean;
}
