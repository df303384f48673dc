/** Camunda's deployment query and the multipart fields of `POST /deployment/create`. */
import type { DeploymentFilter } from '../../persistence/queries/deployment-query.repository';
import { OptBool, OptDate, OptList, OptString, SortedPageQueryDto } from '../validation';

export class DeploymentQueryDto extends SortedPageQueryDto implements DeploymentFilter {
  @OptString() id?: string;
  @OptString() name?: string;
  @OptString() nameLike?: string;
  @OptString() source?: string;
  @OptBool() withoutSource?: boolean;
  @OptList() tenantIdIn?: string[];
  @OptBool() withoutTenantId?: boolean;
  @OptBool() includeDeploymentsWithoutTenantId?: boolean;
  @OptDate() before?: string;
  @OptDate() after?: string;
}

/** The text parts of the multipart deployment form (file parts arrive separately). */
export class DeploymentCreateDto {
  @OptString() 'deployment-name'?: string;
  @OptString() 'deployment-source'?: string;
  @OptString() 'tenant-id'?: string;
  @OptBool() 'enable-duplicate-filtering'?: boolean;
  @OptBool() 'deploy-changed-only'?: boolean;
}

export class DeleteDeploymentQueryDto {
  @OptBool('Also delete the running and historic process instances') cascade?: boolean;
}
