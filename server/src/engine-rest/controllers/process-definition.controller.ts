/** `/engine-rest/process-definition`: query, XML, start form and start by id or key. */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EngineApi } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { ProcessDefinitionQueryRepository } from '../../persistence/queries/process-definition-query.repository';
import type { ProcessDefinitionDto } from '../../persistence/queries/process-definition-query.repository';
import type { ProcessInstanceDto } from '../../persistence/queries/process-instance-query.repository';
import { notFoundRest } from '../camunda-rest-error';
import { ProcessDefinitionQueryDto, StartProcessInstanceDto } from '../dto/process-definition.dto';
import { toRestVariableMap, toVariableMap } from '../variables/camunda-variables';
import type { RestVariableMap } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';
import { organisationOf, requestCaller } from './caller-scope';

/** Camunda's ProcessInstanceWithVariablesDto (`variables` only with withVariablesInReturn). */
export type ProcessInstanceWithVariablesDto = ProcessInstanceDto & { variables?: RestVariableMap };

@ApiTags('engine-rest: process-definition')
@Controller('engine-rest/process-definition')
@RequirePermission('definition:read')
export class ProcessDefinitionController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly definitions: ProcessDefinitionQueryRepository,
  ) {}

  @Get()
  list(@Query() query: ProcessDefinitionQueryDto): Promise<ProcessDefinitionDto[]> {
    return this.definitions.list(query, query, query);
  }

  @Get('count')
  async count(@Query() query: ProcessDefinitionQueryDto): Promise<{ count: number }> {
    return { count: await this.definitions.count(query) };
  }

  // Key routes come before `:id/...` so that `/key/x` is never read as an id.
  @Get('key/:key/tenant-id/:tenantId')
  getByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string): Promise<ProcessDefinitionDto> {
    return this.byKey(key, tenantId);
  }

  @Get('key/:key/tenant-id/:tenantId/xml')
  async xmlByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return this.xmlOf((await this.byKey(key, tenantId)).id);
  }

  @Get('key/:key/tenant-id/:tenantId/startForm')
  async startFormByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return this.startFormOf((await this.byKey(key, tenantId)).id);
  }

  @Post('key/:key/tenant-id/:tenantId/start')
  @RequirePermission('case:start')
  @HttpCode(200)
  async startByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string, @Body() body: StartProcessInstanceDto) {
    return this.start((await this.byKey(key, tenantId)).id, body);
  }

  @Get('key/:key')
  @ApiOperation({ summary: 'The latest version of a key' })
  getByKey(@Param('key') key: string): Promise<ProcessDefinitionDto> {
    return this.byKey(key);
  }

  @Get('key/:key/xml')
  async xmlByKey(@Param('key') key: string) {
    return this.xmlOf((await this.byKey(key)).id);
  }

  @Get('key/:key/startForm')
  async startFormByKey(@Param('key') key: string) {
    return this.startFormOf((await this.byKey(key)).id);
  }

  @Post('key/:key/start')
  @RequirePermission('case:start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start an instance of the latest version of a key' })
  async startByKey(@Param('key') key: string, @Body() body: StartProcessInstanceDto): Promise<ProcessInstanceWithVariablesDto> {
    return this.start((await this.byKey(key)).id, body);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ProcessDefinitionDto> {
    return this.byId(id);
  }

  @Get(':id/xml')
  async xml(@Param('id') id: string) {
    return this.xmlOf((await this.byId(id)).id);
  }

  @Get(':id/startForm')
  async startForm(@Param('id') id: string) {
    return this.startFormOf((await this.byId(id)).id);
  }

  @Post(':id/start')
  @RequirePermission('case:start')
  @HttpCode(200)
  async startById(@Param('id') id: string, @Body() body: StartProcessInstanceDto): Promise<ProcessInstanceWithVariablesDto> {
    return this.start((await this.byId(id)).id, body);
  }

  private async byId(id: string): Promise<ProcessDefinitionDto> {
    const found = await this.definitions.findById(id);
    if (!found) {
      throw notFoundRest(`No matching definition with id ${id}`);
    }
    return found;
  }

  /** The latest version of a key; without a tenant id, an organisation's caller gets its own organisation's. */
  private async byKey(key: string, tenantId?: string): Promise<ProcessDefinitionDto> {
    const found = await this.definitions.findLatestByKey(key, tenantId ?? organisationOf(requestCaller()) ?? undefined);
    if (!found) {
      const tenant = tenantId === undefined ? '' : ` and tenant-id '${tenantId}'`;
      throw notFoundRest(`No matching process definition with key '${key}'${tenant}`);
    }
    return found;
  }

  private async xmlOf(id: string): Promise<{ id: string; bpmn20Xml: string | null }> {
    return { id, bpmn20Xml: await this.definitions.xml(id) };
  }

  private async startFormOf(id: string): Promise<{ key: string | null; contextPath: string | null }> {
    return { key: await this.definitions.startFormKey(id), contextPath: null };
  }

  private async start(definitionId: string, body: StartProcessInstanceDto): Promise<ProcessInstanceWithVariablesDto> {
    const { instance, variables } = await this.engine.startProcessInstance({
      definitionId,
      businessKey: body.businessKey ?? null,
      variables: toVariableMap(body.variables),
    });
    const dto: ProcessInstanceWithVariablesDto = {
      links: [],
      id: instance.id,
      definitionId: instance.definitionId,
      definitionKey: instance.definitionKey,
      businessKey: instance.businessKey,
      caseInstanceId: null,
      ended: instance.ended,
      suspended: instance.suspended,
      tenantId: instance.tenantId,
    };
    if (body.withVariablesInReturn) {
      dto.variables = toRestVariableMap(variables);
    }
    return dto;
  }
}
