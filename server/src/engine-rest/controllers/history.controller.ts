/** `/engine-rest/history/*`: historic process instances, activity instances, tasks and variables. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HistoryProcessQueryRepository } from '../../persistence/queries/history-process-query.repository';
import type { HistoricActivityInstanceDto, HistoricProcessInstanceDto } from '../../persistence/queries/history-process-query.repository';
import { HistoryTaskVariableQueryRepository } from '../../persistence/queries/history-task-variable-query.repository';
import type { HistoricTaskDto } from '../../persistence/queries/history-task-variable-query.repository';
import { notFoundRest } from '../camunda-rest-error';
import {
  HistoricActivityInstanceQueryDto,
  HistoricProcessInstanceListQueryDto,
  HistoricProcessInstanceQueryDto,
  HistoricTaskQueryDto,
  HistoricVariableQueryDto,
} from '../dto/history.dto';
import { PageQueryDto } from '../validation';
import { toRestVariable } from '../variables/camunda-variables';
import { RequirePermission } from '../../security/decorators';

type Count = { count: number };

@ApiTags('engine-rest: history')
@Controller('engine-rest/history')
@RequirePermission('case:read')
export class HistoryController {
  constructor(
    private readonly processes: HistoryProcessQueryRepository,
    private readonly tasksAndVariables: HistoryTaskVariableQueryRepository,
  ) {}

  @Get('process-instance')
  listProcessInstances(@Query() query: HistoricProcessInstanceListQueryDto): Promise<HistoricProcessInstanceDto[]> {
    return this.processes.listProcessInstances(query, query, query);
  }

  @Post('process-instance')
  @HttpCode(200)
  queryProcessInstances(@Body() body: HistoricProcessInstanceQueryDto, @Query() page: PageQueryDto): Promise<HistoricProcessInstanceDto[]> {
    return this.processes.listProcessInstances(body, body, page);
  }

  @Get('process-instance/count')
  async countProcessInstances(@Query() query: HistoricProcessInstanceQueryDto): Promise<Count> {
    return { count: await this.processes.countProcessInstances(query) };
  }

  @Post('process-instance/count')
  @HttpCode(200)
  async queryCountProcessInstances(@Body() body: HistoricProcessInstanceQueryDto): Promise<Count> {
    return { count: await this.processes.countProcessInstances(body) };
  }

  @Get('process-instance/:id')
  async getProcessInstance(@Param('id') id: string): Promise<HistoricProcessInstanceDto> {
    const found = await this.processes.findProcessInstance(id);
    if (!found) {
      throw notFoundRest(`Historic process instance with id ${id} does not exist`);
    }
    return found;
  }

  @Get('activity-instance')
  listActivityInstances(@Query() query: HistoricActivityInstanceQueryDto): Promise<HistoricActivityInstanceDto[]> {
    return this.processes.listActivityInstances(query, query, query);
  }

  @Get('activity-instance/count')
  async countActivityInstances(@Query() query: HistoricActivityInstanceQueryDto): Promise<Count> {
    return { count: await this.processes.countActivityInstances(query) };
  }

  @Get('task')
  listTasks(@Query() query: HistoricTaskQueryDto): Promise<HistoricTaskDto[]> {
    return this.tasksAndVariables.listTasks(query, query, query);
  }

  @Get('task/count')
  async countTasks(@Query() query: HistoricTaskQueryDto): Promise<Count> {
    return { count: await this.tasksAndVariables.countTasks(query) };
  }

  @Get('variable-instance')
  async listVariables(@Query() query: HistoricVariableQueryDto) {
    const records = await this.tasksAndVariables.listVariables(query, query, query);
    return records.map(({ typed, dto }) => {
      const rest = toRestVariable(typed, query);
      return { ...dto, type: rest.type, value: rest.value, valueInfo: rest.valueInfo };
    });
  }

  @Get('variable-instance/count')
  async countVariables(@Query() query: HistoricVariableQueryDto): Promise<Count> {
    return { count: await this.tasksAndVariables.countVariables(query) };
  }
}
