/** `/engine-rest/deployment`: create (multipart), query, resources, delete. */
import { Body, Controller, Delete, Get, HttpCode, HttpException, Inject, Injectable, Param, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EngineApi } from '../../../engine/engine-api';
import type { DefinitionRecord } from '../../../engine/ports/case-store';
import { ENGINE } from '../../engine-host/tokens';
import { DeploymentQueryRepository } from '../../persistence/queries/deployment-query.repository';
import type { DeploymentDto, DeploymentResourceDto } from '../../persistence/queries/deployment-query.repository';
import type { ProcessDefinitionDto } from '../../persistence/queries/process-definition-query.repository';
import { formatCamundaDate } from '../camunda-date';
import { badRequest, notFoundRest } from '../camunda-rest-error';
import { DeleteDeploymentQueryDto, DeploymentCreateDto, DeploymentQueryDto } from '../dto/deployment.dto';
import { RequirePermission } from '../../security/decorators';
import { callerTenant } from './caller-scope';

/**
 * multer for the deployment form, with the parser failures it leaves untranslated (a multipart
 * type other than form-data, e.g. `multipart/mixed`) answered as 400 instead of 500.
 */
@Injectable()
class DeploymentUploadInterceptor extends AnyFilesInterceptor({ limits: { fileSize: 10 * 1024 * 1024 } }) {
  override async intercept(context: ExecutionContext, next: CallHandler) {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      throw badRequest('The deployment could not be read: send it as multipart/form-data with the resources as files');
    }
  }
}

/** The part of multer's file that we read. */
interface UploadedPart {
  fieldname: string;
  originalname: string;
  buffer: Buffer;
}

/** Camunda's DeploymentWithDefinitionsDto. */
export interface DeploymentWithDefinitionsDto extends DeploymentDto {
  deployedProcessDefinitions: Record<string, ProcessDefinitionDto> | null;
  deployedCaseDefinitions: null;
  deployedDecisionDefinitions: null;
  deployedDecisionRequirementsDefinitions: null;
}

/** Camunda's ProcessDefinitionDto for a definition the engine just deployed. */
export function definitionDto(d: DefinitionRecord): ProcessDefinitionDto {
  return {
    id: d.id,
    key: d.key,
    category: null,
    description: null,
    name: d.name,
    version: d.version,
    resource: d.resourceName,
    deploymentId: d.deploymentId,
    diagram: null,
    suspended: d.suspended,
    tenantId: d.tenantId,
    versionTag: d.versionTag,
    historyTimeToLive: d.historyTimeToLive,
    startableInTasklist: true,
  };
}

@ApiTags('engine-rest: deployment')
@Controller('engine-rest/deployment')
@RequirePermission('definition:read')
export class DeploymentController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly deployments: DeploymentQueryRepository,
  ) {}

  @Post('create')
  @RequirePermission('definition:deploy')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Deploy BPMN/DMN/form resources (multipart: deployment-name, deployment-source, tenant-id, files)' })
  @UseInterceptors(DeploymentUploadInterceptor)
  async create(@Body() body: DeploymentCreateDto, @UploadedFiles() files: UploadedPart[] = []): Promise<DeploymentWithDefinitionsDto> {
    if (!files.length) {
      throw badRequest('No deployment resources contained in the form upload.');
    }
    // An organisation deploys for itself only: no tenant-id means its own, another one is a 403.
    const tenantId = callerTenant(body['tenant-id']) ?? null;
    const { deployment, definitions } = await this.engine.deploy({
      name: body['deployment-name'] ?? null,
      source: body['deployment-source'] ?? null,
      tenantId,
      duplicateFiltering: Boolean(body['enable-duplicate-filtering'] || body['deploy-changed-only']),
      resources: files.map((file) => ({ name: file.originalname || file.fieldname, content: file.buffer.toString('utf8') })),
    });
    return {
      id: deployment.id,
      name: deployment.name,
      source: deployment.source,
      deploymentTime: formatCamundaDate(deployment.deploymentTime),
      tenantId: deployment.tenantId,
      links: [],
      deployedProcessDefinitions: definitions.length ? Object.fromEntries(definitions.map((d) => [d.id, definitionDto(d)])) : null,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    };
  }

  @Get()
  list(@Query() query: DeploymentQueryDto): Promise<DeploymentDto[]> {
    return this.deployments.list(query, query, query);
  }

  @Get('count')
  async count(@Query() query: DeploymentQueryDto): Promise<{ count: number }> {
    return { count: await this.deployments.count(query) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<DeploymentDto> {
    const found = await this.deployments.findById(id);
    if (!found) {
      throw notFoundRest(`Deployment with id '${id}' does not exist`);
    }
    return found;
  }

  @Get(':id/resources')
  async resources(@Param('id') id: string): Promise<DeploymentResourceDto[]> {
    await this.get(id);
    return this.deployments.resources(id);
  }

  @Get(':id/resources/:resourceId')
  async resource(@Param('id') id: string, @Param('resourceId') resourceId: string): Promise<DeploymentResourceDto> {
    const { content: _content, ...resource } = await this.findResource(id, resourceId);
    return resource;
  }

  @Get(':id/resources/:resourceId/data')
  async resourceData(@Param('id') id: string, @Param('resourceId') resourceId: string, @Res() res: Response): Promise<void> {
    const resource = await this.findResource(id, resourceId);
    const xml = /\.(bpmn|dmn|xml)$/i.test(resource.name);
    res.setHeader('Content-Type', xml ? 'application/xml' : 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="${resource.name.replace(/["\r\n]/g, '')}"`);
    res.status(200).end(resource.content);
  }

  @Delete(':id')
  @RequirePermission('definition:deploy')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a deployment; cascade=true also deletes its process instances (runtime and history)' })
  async delete(@Param('id') id: string, @Query() query: DeleteDeploymentQueryDto): Promise<void> {
    if (!(await this.deployments.delete(id, query.cascade ?? false))) {
      throw notFoundRest(`Deployment with id '${id}' do not exist`);
    }
  }

  private async findResource(id: string, resourceId: string) {
    const resource = await this.deployments.resource(id, resourceId);
    if (!resource) {
      throw notFoundRest(`Deployment resource with resource id '${resourceId}' for deployment id '${id}' does not exist.`);
    }
    return resource;
  }
}
