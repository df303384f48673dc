/** `/engine-rest/task`: Camunda's task API (query, claim, complete, variables, forms). */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EngineApi } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { TaskQueryRepository, toTaskDto } from '../../persistence/queries/task-query.repository';
import type { TaskDto, TaskRecord } from '../../persistence/queries/task-query.repository';
import { VariableQueryRepository } from '../../persistence/queries/variable-query.repository';
import { badRequest, notFoundRest } from '../camunda-rest-error';
import { TaskListQueryDto, TaskQueryDto } from '../dto/task-query.dto';
import { CompleteTaskDto, GetVariablesQueryDto, SingleVariableDto, UserIdDto, VariableModificationsDto } from '../dto/variables.dto';
import { PageQueryDto } from '../validation';
import { toRestVariable, toRestVariableMap, toTypedValue, toVariableMap } from '../variables/camunda-variables';
import type { RestVariableMap } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';
import { redactSensitive } from '../../security/sensitive-access';
import { hasPermission, type Caller } from '../../security/caller';
import { IdentityRepository } from '../../security/identity.repository';
import { forbidden, organisationOf, requestCaller } from './caller-scope';

@ApiTags('engine-rest: task')
@Controller('engine-rest/task')
@RequirePermission('task:work')
export class TaskController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly tasks: TaskQueryRepository,
    private readonly variables: VariableQueryRepository,
    private readonly identities: IdentityRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Query tasks' })
  list(@Query() query: TaskListQueryDto): Promise<TaskDto[]> {
    return this.tasks.list(query, query, query);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Query tasks (filters in the body; sorting array)' })
  query(@Body() body: TaskQueryDto, @Query() page: PageQueryDto): Promise<TaskDto[]> {
    return this.tasks.list(body, body, page);
  }

  @Get('count')
  async count(@Query() query: TaskQueryDto): Promise<{ count: number }> {
    return { count: await this.tasks.count(query) };
  }

  @Post('count')
  @HttpCode(200)
  async queryCount(@Body() body: TaskQueryDto): Promise<{ count: number }> {
    return { count: await this.tasks.count(body) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<TaskDto> {
    return toTaskDto(await this.find(id));
  }

  @Post(':id/claim')
  @HttpCode(204)
  async claim(@Param('id') id: string, @Body() body: UserIdDto): Promise<void> {
    const caller = requestCaller();
    await this.find(id);
    const userId = body.userId ?? caller.userId;
    if (userId !== caller.userId) {
      // Staff claim for themselves; handing a task to someone else is assigning it.
      if (!hasPermission(caller, 'task:assign')) throw forbidden('You may claim a task only for yourself');
      await this.requireColleague(caller, userId);
    }
    await this.engine.claimTask(id, userId);
  }

  @Post(':id/unclaim')
  @HttpCode(204)
  async unclaim(@Param('id') id: string): Promise<void> {
    await this.find(id);
    await this.engine.unclaimTask(id);
  }

  @Post(':id/assignee')
  @RequirePermission('task:assign')
  @HttpCode(204)
  async assignee(@Param('id') id: string, @Body() body: UserIdDto): Promise<void> {
    await this.find(id);
    if (body.userId != null) await this.requireColleague(requestCaller(), body.userId);
    await this.engine.setAssignee(id, body.userId ?? null);
  }

  @Post(':id/complete')
  @ApiOperation({ summary: 'Complete a task: 204, or 200 with the process variables when withVariablesInReturn' })
  complete(@Param('id') id: string, @Body() body: CompleteTaskDto, @Res() res: Response): Promise<void> {
    return this.completeWith(id, body, res);
  }

  @Post(':id/submit-form')
  @ApiOperation({ summary: 'Submit a task form (completes the task)' })
  submitForm(@Param('id') id: string, @Body() body: CompleteTaskDto, @Res() res: Response): Promise<void> {
    return this.completeWith(id, body, res);
  }

  @Get(':id/form')
  async form(@Param('id') id: string): Promise<{ key: string | null; contextPath: string | null; camundaFormRef: TaskDto['camundaFormRef'] }> {
    const task = await this.find(id);
    return { key: task.formKey, contextPath: null, camundaFormRef: task.camundaFormRef };
  }

  @Get(':id/form-variables')
  async formVariables(@Param('id') id: string, @Query() query: GetVariablesQueryDto): Promise<RestVariableMap> {
    return this.visible(id, false, query);
  }

  @Get(':id/variables')
  async getVariables(@Param('id') id: string, @Query() query: GetVariablesQueryDto): Promise<RestVariableMap> {
    return this.visible(id, false, query);
  }

  @Get(':id/localVariables')
  async getLocalVariables(@Param('id') id: string, @Query() query: GetVariablesQueryDto): Promise<RestVariableMap> {
    return this.visible(id, true, query);
  }

  @Get(':id/variables/:varName')
  async getVariable(@Param('id') id: string, @Param('varName') name: string, @Query() query: GetVariablesQueryDto) {
    const task = await this.find(id);
    const found = (await this.variables.taskVariables(task, false, [name]))[name];
    if (!found) {
      throw notFoundRest(`task variable with name ${name} does not exist`);
    }
    return toRestVariable(found, query);
  }

  @Post(':id/variables')
  @HttpCode(204)
  async modifyVariables(@Param('id') id: string, @Body() body: VariableModificationsDto): Promise<void> {
    await this.find(id);
    await this.engine.setTaskVariables(id, toVariableMap(body.modifications), body.deletions ?? []);
  }

  @Put(':id/variables/:varName')
  @HttpCode(204)
  async putVariable(@Param('id') id: string, @Param('varName') name: string, @Body() body: SingleVariableDto): Promise<void> {
    await this.find(id);
    await this.engine.setTaskVariables(id, { [name]: toTypedValue(name, body) });
  }

  @Delete(':id/variables/:varName')
  @HttpCode(204)
  async deleteVariable(@Param('id') id: string, @Param('varName') name: string): Promise<void> {
    await this.find(id);
    await this.engine.setTaskVariables(id, {}, [name]);
  }

  private async find(id: string): Promise<TaskRecord> {
    const task = await this.tasks.findById(id);
    if (!task) {
      throw notFoundRest(`No matching task with id '${id}'`);
    }
    return task;
  }

  private async visible(id: string, localOnly: boolean, query: GetVariablesQueryDto): Promise<RestVariableMap> {
    const task = await this.find(id);
    const names = query.variableNames?.split(',').filter(Boolean);
    return toRestVariableMap(await this.variables.taskVariables(task, localOnly, names), query);
  }

  /** 400 unless `userId` names a user of the caller's organisation (the platform administrator may name anyone). */
  private async requireColleague(caller: Caller, userId: string): Promise<void> {
    const organisation = organisationOf(caller);
    if (organisation === null) return;
    const user = await this.identities.findUserByUsername(userId);
    if (user === null || user.disabled || user.tenantId !== organisation) {
      throw badRequest(`Cannot assign the task to '${userId}': no such user in your organisation`);
    }
  }

  private async completeWith(id: string, body: CompleteTaskDto, res: Response): Promise<void> {
    await this.find(id);
    const result = await this.engine.completeTask(id, toVariableMap(body.variables));
    if (body.withVariablesInReturn) {
      res.status(200).json(toRestVariableMap(redactSensitive(result)));
    } else {
      res.status(204).end();
    }
  }
}
