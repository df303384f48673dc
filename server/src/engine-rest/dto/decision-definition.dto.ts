/** Camunda's decision definition query (GET /decision-definition and /count). */
import type { DecisionDefinitionFilter } from '../../persistence/queries/decision-definition-query.repository';
import { OptBool, OptInt, OptList, OptString, SortedPageQueryDto } from '../validation';

export class DecisionDefinitionQueryDto extends SortedPageQueryDto implements DecisionDefinitionFilter {
  @OptString() decisionDefinitionId?: string;
  @OptList() decisionDefinitionIdIn?: string[];
  @OptString() key?: string;
  @OptString() keyLike?: string;
  @OptString() name?: string;
  @OptString() nameLike?: string;
  @OptString() deploymentId?: string;
  @OptInt() version?: number;
  @OptBool() latestVersion?: boolean;
  @OptString() versionTag?: string;
  @OptString() resourceName?: string;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptBool() includeDecisionDefinitionsWithoutTenantId?: boolean;
}
