/** `/engine-rest/process-instance`: query, delete, variables, activity-instance tree. */
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EngineApi } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { ProcessInstanceQueryRepository } from '../../persistence/queries/process-instance-query.repository';
import type { ActivityInstanceDto, ProcessInstanceDto } from '../../persistence/queries/process-instance-query.repository';
import { VariableQueryRepository } from '../../persistence/queries/variable-query.repository';
import type { VariableMap } from '../../../engine/engine-api';
import { notFoundRest } from '../camunda-rest-error';
import { DeleteProcessInstanceQueryDto, ProcessInstanceListQueryDto, ProcessInstanceQueryDto } from '../dto/process-instance.dto';
import { GetVariablesQueryDto, SingleVariableDto, VariableModificationsDto } from '../dto/variables.dto';
import { PageQueryDto } from '../validation';
import { toRestVariable, toRestVariableMap, toTypedValue, toVariableMap } from '../variables/camunda-variables';
import type { RestVariableMap } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';

@ApiTags('engine-rest: process-instance')
@Controller('engine-rest/process-instance')
@RequirePermission('case:read')
export class ProcessInstanceController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly instances: ProcessInstanceQueryRepository,
    private readonly variables: VariableQueryRepository,
  ) {}

  @Get()
  list(@Query() query: ProcessInstanceListQueryDto): Promise<ProcessInstanceDto[]> {
    return this.instances.list(query, query, query);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Query process instances (filters in the body)' })
  query(@Body() body: ProcessInstanceQueryDto, @Query() page: PageQueryDto): Promise<ProcessInstanceDto[]> {
    return this.instances.list(body, body, page);
  }

  @Get('count')
  async count(@Query() query: ProcessInstanceQueryDto): Promise<{ count: number }> {
    return { count: await this.instances.count(query) };
  }

  @Post('count')
  @HttpCode(200)
  async queryCount(@Body() body: ProcessInstanceQueryDto): Promise<{ count: number }> {
    return { count: await this.instances.count(body) };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ProcessInstanceDto> {
    const found = await this.instances.findById(id);
    if (!found) {
      throw notFoundRest(`Process instance with id ${id} does not exist`);
    }
    return found;
  }

  @Delete(':id')
  @RequirePermission('case:write')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Query() query: DeleteProcessInstanceQueryDto): Promise<void> {
    await this.get(id);
    await this.engine.deleteProcessInstance(id, query.deleteReason ?? null);
  }

  @Get(':id/activity-instances')
  async activityInstances(@Param('id') id: string): Promise<ActivityInstanceDto> {
    const tree = await this.instances.activityInstanceTree(id);
    if (!tree) {
      throw notFoundRest(`Process instance with id ${id} does not exist`);
    }
    return tree;
  }

  @Get(':id/variables')
  async getVariables(@Param('id') id: string, @Query() query: GetVariablesQueryDto): Promise<RestVariableMap> {
    return toRestVariableMap(await this.load(id, query.variableNames?.split(',').filter(Boolean)), query);
  }

  @Get(':id/variables/:varName')
  async getVariable(@Param('id') id: string, @Param('varName') name: string, @Query() query: GetVariablesQueryDto) {
    const found = (await this.load(id, [name]))[name];
    if (!found) {
      throw notFoundRest(`process instance variable with name ${name} does not exist`);
    }
    return toRestVariable(found, query);
  }

  @Post(':id/variables')
  @RequirePermission('case:write')
  @HttpCode(204)
  async modifyVariables(@Param('id') id: string, @Body() body: VariableModificationsDto): Promise<void> {
    await this.get(id);
    await this.engine.setVariables(id, toVariableMap(body.modifications), body.deletions ?? []);
  }

  @Put(':id/variables/:varName')
  @RequirePermission('case:write')
  @HttpCode(204)
  async putVariable(@Param('id') id: string, @Param('varName') name: string, @Body() body: SingleVariableDto): Promise<void> {
    await this.get(id);
    await this.engine.setVariables(id, { [name]: toTypedValue(name, body) });
  }

  @Delete(':id/variables/:varName')
  @RequirePermission('case:write')
  @HttpCode(204)
  async deleteVariable(@Param('id') id: string, @Param('varName') name: string): Promise<void> {
    await this.get(id);
    await this.engine.setVariables(id, {}, [name]);
  }

  private async load(id: string, names?: string[]): Promise<VariableMap> {
    await this.get(id);
    const found = await this.variables.instanceVariables(id, names);
    if (!found) {
      throw notFoundRest(`Process instance with id ${id} does not exist`);
    }
    return found;
  }
}
