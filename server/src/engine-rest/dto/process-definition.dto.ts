/** Camunda's process definition query and the start request body. */
import type { ProcessDefinitionFilter } from '../../persistence/queries/process-definition-query.repository';
import type { RestVariableMap } from '../variables/camunda-variables';
import { OptBool, OptInt, OptList, OptObject, OptString, SortedPageQueryDto } from '../validation';

export class ProcessDefinitionQueryDto extends SortedPageQueryDto implements ProcessDefinitionFilter {
  @OptString() processDefinitionId?: string;
  @OptList() processDefinitionIdIn?: string[];
  @OptString() key?: string;
  @OptList() keysIn?: string[];
  @OptString() keyLike?: string;
  @OptString() name?: string;
  @OptString() nameLike?: string;
  @OptBool() latestVersion?: boolean;
  @OptInt() version?: number;
  @OptString() versionTag?: string;
  @OptString() deploymentId?: string;
  @OptString() resourceName?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptBool() includeProcessDefinitionsWithoutTenantId?: boolean;
  @OptBool() active?: boolean;
  @OptBool() suspended?: boolean;
}

export class StartProcessInstanceDto {
  @OptObject('name → {value, type, valueInfo}') variables?: RestVariableMap;
  @OptString() businessKey?: string;
  @OptBool('Return the variables after the start') withVariablesInReturn?: boolean;
}
