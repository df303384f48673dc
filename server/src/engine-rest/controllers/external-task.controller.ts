/**
 * `/engine-rest/external-task`: fetch-and-lock for workers, complete/failure/bpmnError/unlock/
 * extendLock, and the query. fetchAndLock answers with `Content-Type: application/json` exactly
 * (no charset): camunda-external-task-client-js drops the tasks otherwise.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EngineApi, LockedExternalTaskWithVariables } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { ExternalTaskQueryRepository } from '../../persistence/queries/external-task-query.repository';
import type { ExternalTaskDto } from '../../persistence/queries/external-task-query.repository';
import { formatCamundaDate } from '../camunda-date';
import { notFoundRest } from '../camunda-rest-error';
import {
  CompleteExternalTaskDto,
  ExtendLockDto,
  ExternalTaskBpmnErrorDto,
  ExternalTaskFailureDto,
  ExternalTaskQueryDto,
  FetchAndLockDto,
} from '../dto/external-task.dto';
import { toRestVariableMap, toVariableMap } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';
import { redactSensitive } from '../../security/sensitive-access';
import { callerTenants } from './caller-scope';

/** Longest long-poll wait, whatever asyncResponseTimeout asks for. */
const MAX_LONG_POLL_MS = 60_000;
/** How often a long poll looks for new work. */
const POLL_INTERVAL_MS = 500;

/** Camunda's LockedExternalTaskDto. */
export function toLockedExternalTaskDto(task: LockedExternalTaskWithVariables) {
  return {
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    errorMessage: task.errorMessage,
    errorDetails: task.errorDetails,
    executionId: task.executionId,
    id: task.id,
    lockExpirationTime: formatCamundaDate(task.lockExpirationTime),
    createTime: formatCamundaDate(task.created),
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersionTag: null,
    processInstanceId: task.processInstanceId,
    retries: task.retries,
    workerId: task.workerId,
    topicName: task.topicName,
    tenantId: task.tenantId,
    // Sensitive values only for the case's own organisation (docs/encryption.md).
    variables: toRestVariableMap(redactSensitive(task.variables, task.tenantId)),
    priority: task.priority,
    businessKey: task.businessKey,
    extensionProperties: {},
  };
}

@ApiTags('engine-rest: external-task')
@Controller('engine-rest/external-task')
@RequirePermission('external-task:work')
export class ExternalTaskController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly externalTasks: ExternalTaskQueryRepository,
  ) {}

  @Post('fetchAndLock')
  @ApiOperation({ summary: 'Fetch and lock external tasks of the given topics (long polling with asyncResponseTimeout)' })
  async fetchAndLock(@Body() body: FetchAndLockDto, @Res() res: Response): Promise<void> {
    const input = {
      workerId: body.workerId,
      maxTasks: body.maxTasks,
      usePriority: body.usePriority ?? false,
      topics: body.topics.map((t) => ({
        topicName: t.topicName,
        lockDuration: t.lockDuration,
        variables: t.variables,
        localVariables: t.localVariables,
        processDefinitionKey: t.processDefinitionKey,
        tenantIdIn: callerTenants(t.tenantIdIn),
      })),
    };
    const deadline = Date.now() + Math.min(body.asyncResponseTimeout ?? 0, MAX_LONG_POLL_MS);
    let closed = false;
    // The response closing before we answered means the worker hung up (the request's own
    // 'close' fires as soon as its body has been read, so it cannot tell).
    res.on('close', () => (closed = !res.writableEnded));
    let tasks = await this.engine.fetchAndLock(input);
    while (!tasks.length && !closed && Date.now() + POLL_INTERVAL_MS <= deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      if (!closed) tasks = await this.engine.fetchAndLock(input);
    }
    if (closed && tasks.length) {
      // The worker went away: give its tasks back at once instead of waiting for the lock to expire.
      await Promise.all(tasks.map((task) => this.engine.unlockExternalTask(task.id)));
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(tasks.map(toLockedExternalTaskDto)));
  }

  @Get()
  list(@Query() query: ExternalTaskQueryDto): Promise<ExternalTaskDto[]> {
    return this.externalTasks.list(query, query, query);
  }

  @Get('count')
  async count(@Query() query: ExternalTaskQueryDto): Promise<{ count: number }> {
    return { count: await this.externalTasks.count(query) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ExternalTaskDto> {
    const found = await this.externalTasks.findById(id);
    if (!found) {
      throw notFoundRest(`External task with id ${id} does not exist`);
    }
    return found;
  }

  @Get(':id/errorDetails')
  async errorDetails(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const { found, details } = await this.externalTasks.errorDetails(id);
    if (!found) {
      throw notFoundRest(`External task with id ${id} does not exist`);
    }
    res.status(200).type('text/plain').end(details ?? '');
  }

  @Post(':id/complete')
  @HttpCode(204)
  async complete(@Param('id') id: string, @Body() body: CompleteExternalTaskDto): Promise<void> {
    await this.get(id);
    await this.engine.completeExternalTask(id, body.workerId, toVariableMap(body.variables), toVariableMap(body.localVariables));
  }

  @Post(':id/failure')
  @HttpCode(204)
  async failure(@Param('id') id: string, @Body() body: ExternalTaskFailureDto): Promise<void> {
    await this.get(id);
    await this.engine.failExternalTask(id, {
      workerId: body.workerId,
      errorMessage: body.errorMessage ?? null,
      errorDetails: body.errorDetails ?? null,
      retries: body.retries,
      retryTimeout: body.retryTimeout,
    });
  }

  @Post(':id/bpmnError')
  @HttpCode(204)
  async bpmnError(@Param('id') id: string, @Body() body: ExternalTaskBpmnErrorDto): Promise<void> {
    await this.get(id);
    await this.engine.bpmnErrorExternalTask(id, body.workerId, body.errorCode, body.errorMessage ?? null, toVariableMap(body.variables));
  }

  @Post(':id/unlock')
  @HttpCode(204)
  async unlock(@Param('id') id: string): Promise<void> {
    await this.get(id);
    await this.engine.unlockExternalTask(id);
  }

  @Post(':id/extendLock')
  @HttpCode(204)
  async extendLock(@Param('id') id: string, @Body() body: ExtendLockDto): Promise<void> {
    await this.get(id);
    await this.engine.extendExternalTaskLock(id, body.workerId, body.newDuration);
  }
}
