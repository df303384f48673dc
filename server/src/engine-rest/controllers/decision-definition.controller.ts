/** `/engine-rest/decision-definition`: evaluate a deployed DMN decision (e.g. the DASH risk level). */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EngineHostService } from '../../engine-host/engine-host.service';
import { EvaluateDecisionDto } from '../dto/variables.dto';
import { toRestVariableMap, toVariableMap, type RestVariableMap } from '../variables/camunda-variables';

@ApiTags('engine-rest: decision-definition')
@Controller('engine-rest/decision-definition')
export class DecisionDefinitionController {
  constructor(private readonly host: EngineHostService) {}

  @Post('key/:key/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate the latest decision with this key (no tenant)' })
  evaluate(@Param('key') key: string, @Body() body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    return this.run(key, null, body);
  }

  @Post('key/:key/tenant-id/:tenantId/evaluate')
  @HttpCode(200)
  @ApiOperation({ summary: "Evaluate the latest decision with this key of an organisation" })
  evaluateForTenant(@Param('key') key: string, @Param('tenantId') tenantId: string, @Body() body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    return this.run(key, tenantId, body);
  }

  private async run(key: string, tenantId: string | null, body: EvaluateDecisionDto): Promise<RestVariableMap[]> {
    const result = await this.host.engine.evaluateDecisionByKey(key, tenantId, toVariableMap(body.variables));
    return result.map((entry) => toRestVariableMap(entry));
  }
}
