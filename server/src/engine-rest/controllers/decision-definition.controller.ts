/** `/engine-rest/decision-definition`: query deployed DMN decisions, their XML, and evaluate one (e.g. the DASH risk level). */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EngineHostService } from '../../engine-host/engine-host.service';
import { DecisionDefinitionQueryRepository } from '../../persistence/queries/decision-definition-query.repository';
import { RequirePermission } from '../../security/decorators';
import type { DecisionDefinitionDto } from '../../persistence/queries/decision-definition-query.repository';
import { notFoundRest } from '../camunda-rest-error';
import { DecisionDefinitionQueryDto } from '../dto/decision-definition.dto';
import { EvaluateDecisionDto } from '../dto/variables.dto';
import { toRestVariableMap, toVariableMap, type RestVariableMap } from '../variables/camunda-variables';
import { callerTenant } from './caller-scope';

@ApiTags('engine-rest: decision-definition')
@Controller('engine-rest/decision-definition')
@RequirePermission('definition:read')
export class DecisionDefinitionController {
  constructor(
    private readonly host: EngineHostService,
    private readonly definitions: DecisionDefinitionQueryRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Query decision definitions' })
  list(@Query() query: DecisionDefinitionQueryDto): Promise<DecisionDefinitionDto[]> {
    return this.definitions.list(query, query, query);
  }

  @Get('count')
  async count(@Query() query: DecisionDefinitionQueryDto): Promise<{ count: number }> {
    return { count: await this.definitions.count(query) };
  }

  // Key routes come before `:id/...` so that `/key/x` is never read as an id.
  @Get('key/:key/tenant-id/:tenantId')
  @ApiOperation({ summary: 'The latest version of a key of an organisation' })
  getByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string): Promise<DecisionDefinitionDto> {
    return this.byKey(key, tenantId);
  }

  @Get('key/:key/tenant-id/:tenantId/xml')
  async xmlByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return this.xmlOf((await this.byKey(key, tenantId)).id);
  }

  @Post('key/:key/tenant-id/:tenantId/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: "Evaluate the latest decision with this key of an organisation" })
  evaluateForTenant(@Param('key') key: string, @Param('tenantId') tenantId: string, @Body() body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    return this.run(key, tenantId, body);
  }

  @Get('key/:key')
  @ApiOperation({ summary: 'The latest version of a key (without tenant, or of the only tenant that has it)' })
  getByKey(@Param('key') key: string): Promise<DecisionDefinitionDto> {
    return this.byKey(key);
  }

  @Get('key/:key/xml')
  async xmlByKey(@Param('key') key: string) {
    return this.xmlOf((await this.byKey(key)).id);
  }

  @Post('key/:key/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate the latest decision with this key (no tenant)' })
  evaluate(@Param('key') key: string, @Body() body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    return this.run(key, null, body);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<DecisionDefinitionDto> {
    return this.byId(id);
  }

  @Get(':id/xml')
  async xml(@Param('id') id: string) {
    return this.xmlOf((await this.byId(id)).id);
  }

  private async byId(id: string): Promise<DecisionDefinitionDto> {
    const found = await this.definitions.findById(id);
    if (!found) {
      throw notFoundRest(`No matching decision definition with id ${id}`);
    }
    return found;
  }

  private async byKey(key: string, tenantId?: string): Promise<DecisionDefinitionDto> {
    const found = await this.definitions.findLatestByKey(key, tenantId);
    if (!found) {
      const tenant = tenantId === undefined ? '' : ` and tenant-id '${tenantId}'`;
      throw notFoundRest(`No matching decision definition with key '${key}'${tenant}`);
    }
    return found;
  }

  private async xmlOf(id: string): Promise<{ id: string; dmnXml: string | null }> {
    return { id, dmnXml: await this.definitions.xml(id) };
  }

  private async run(key: string, tenantId: string | null, body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    // An organisation's caller evaluates its own organisation's decision (403 when naming another).
    const tenant = callerTenant(tenantId ?? undefined) ?? null;
    const result = await this.host.engine.evaluateDecisionByKey(key, tenant, toVariableMap(body.variables));
    return result.map((entry) => toRestVariableMap(entry));
  }
}
