/** `/engine-rest/message` and `/engine-rest/signal`: message correlation and signal broadcast. */
import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CorrelationResult, EngineApi } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { VariableQueryRepository } from '../../persistence/queries/variable-query.repository';
import { CorrelateMessageDto, ThrowSignalDto } from '../dto/message-signal.dto';
import { toRestVariableMap, toVariableMap } from '../variables/camunda-variables';
import type { RestVariableMap } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';
import { ProcessInstanceQueryRepository } from '../../persistence/queries/process-instance-query.repository';
import { notFoundRest } from '../camunda-rest-error';
import { callerTenant } from './caller-scope';

/** Camunda's MessageCorrelationResultWithVariableDto. */
export interface MessageCorrelationResultDto {
  resultType: 'Execution' | 'ProcessDefinition';
  execution: { id: string; processInstanceId: string; ended: boolean; tenantId: string | null } | null;
  processInstance: {
    id: string;
    definitionId: string;
    definitionKey: string;
    businessKey: string | null;
    caseInstanceId: null;
    ended: boolean;
    suspended: boolean;
    tenantId: string | null;
    links: never[];
  } | null;
  variables?: RestVariableMap;
}

function toResultDto(result: CorrelationResult): MessageCorrelationResultDto {
  const pi = result.processInstance;
  if (result.resultType === 'Execution') {
    return {
      resultType: 'Execution',
      execution: { id: result.executionId ?? pi.id, processInstanceId: pi.id, ended: pi.ended, tenantId: pi.tenantId },
      processInstance: null,
    };
  }
  return {
    resultType: 'ProcessDefinition',
    execution: null,
    processInstance: {
      id: pi.id,
      definitionId: pi.definitionId,
      definitionKey: pi.definitionKey,
      businessKey: pi.businessKey,
      caseInstanceId: null,
      ended: pi.ended,
      suspended: pi.suspended,
      tenantId: pi.tenantId,
      links: [],
    },
  };
}

@ApiTags('engine-rest: message, signal')
@Controller('engine-rest')
@RequirePermission('case:write')
export class MessageSignalController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly variables: VariableQueryRepository,
    private readonly instances: ProcessInstanceQueryRepository,
  ) {}

  @Post('message')
  @ApiOperation({ summary: 'Correlate a message: 204, or 200 with the results when resultEnabled' })
  async correlate(@Body() body: CorrelateMessageDto, @Res() res: Response): Promise<void> {
    // An organisation correlates within itself only; a case it cannot see is a 404.
    const tenantId = callerTenant(body.tenantId, body.withoutTenantId);
    if (body.processInstanceId !== undefined && !(await this.instances.findById(body.processInstanceId))) {
      throw notFoundRest(`Process instance with id ${body.processInstanceId} does not exist`);
    }
    const results = await this.engine.correlateMessage({
      messageName: body.messageName,
      businessKey: body.businessKey,
      processInstanceId: body.processInstanceId,
      tenantId,
      withoutTenantId: body.withoutTenantId,
      correlationKeys: body.correlationKeys ? toVariableMap(body.correlationKeys) : undefined,
      processVariables: body.processVariables ? toVariableMap(body.processVariables) : undefined,
      processVariablesLocal: body.processVariablesLocal ? toVariableMap(body.processVariablesLocal) : undefined,
      all: body.all ?? false,
    });
    if (!body.resultEnabled) {
      res.status(204).end();
      return;
    }
    const dtos: MessageCorrelationResultDto[] = [];
    for (const result of results) {
      const dto = toResultDto(result);
      if (body.variablesInResultEnabled) {
        dto.variables = toRestVariableMap((await this.variables.instanceVariables(result.processInstance.id)) ?? {});
      }
      dtos.push(dto);
    }
    res.status(200).json(dtos);
  }

  @Post('signal')
  @ApiOperation({ summary: 'Throw a signal to every waiting instance and signal start event' })
  async signal(@Body() body: ThrowSignalDto, @Res() res: Response): Promise<void> {
    // An organisation signals its own cases only; an execution it cannot see is a 404.
    const tenantId = callerTenant(body.tenantId, body.withoutTenantId);
    if (body.executionId !== undefined && !(await this.instances.findByExecutionId(body.executionId))) {
      throw notFoundRest(`Execution with id ${body.executionId} does not exist`);
    }
    await this.engine.throwSignal({
      name: body.name,
      executionId: body.executionId,
      tenantId,
      withoutTenantId: body.withoutTenantId,
      variables: body.variables ? toVariableMap(body.variables) : undefined,
    });
    res.status(204).end();
  }
}
