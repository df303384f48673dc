/** `/engine-rest/incident` and `/engine-rest/job`: open incidents, timers and their execution. */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EngineApi } from '../../../engine/engine-api';
import { ENGINE } from '../../engine-host/tokens';
import { IncidentQueryRepository } from '../../persistence/queries/incident-query.repository';
import type { IncidentDto } from '../../persistence/queries/incident-query.repository';
import { JobQueryRepository } from '../../persistence/queries/job-query.repository';
import type { JobDto } from '../../persistence/queries/job-query.repository';
import { parseCamundaDate } from '../camunda-date';
import { notFoundRest } from '../camunda-rest-error';
import { IncidentQueryDto, JobDueDateDto, JobQueryDto } from '../dto/incident-job.dto';

@ApiTags('engine-rest: incident, job')
@Controller('engine-rest')
export class IncidentJobController {
  constructor(
    @Inject(ENGINE) private readonly engine: EngineApi,
    private readonly incidents: IncidentQueryRepository,
    private readonly jobs: JobQueryRepository,
  ) {}

  @Get('incident')
  listIncidents(@Query() query: IncidentQueryDto): Promise<IncidentDto[]> {
    return this.incidents.list(query, query, query);
  }

  @Get('incident/count')
  async countIncidents(@Query() query: IncidentQueryDto): Promise<{ count: number }> {
    return { count: await this.incidents.count(query) };
  }

  @Get('job')
  listJobs(@Query() query: JobQueryDto): Promise<JobDto[]> {
    return this.jobs.list(query, query, query);
  }

  @Get('job/count')
  async countJobs(@Query() query: JobQueryDto): Promise<{ count: number }> {
    return { count: await this.jobs.count(query) };
  }

  @Get('job/:id')
  async getJob(@Param('id') id: string): Promise<JobDto> {
    const found = await this.jobs.findById(id);
    if (!found) {
      throw notFoundRest(`Job with id ${id} does not exist`);
    }
    return found;
  }

  @Post('job/:id/execute')
  @HttpCode(204)
  @ApiOperation({ summary: 'Fire a job (timer) now' })
  async execute(@Param('id') id: string): Promise<void> {
    await this.engine.executeJob(id);
  }

  @Put('job/:id/duedate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change a job due date (null: now). The scheduler picks up the new date on its next refill.' })
  async setDueDate(@Param('id') id: string, @Body() body: JobDueDateDto): Promise<void> {
    const due = body.duedate ? parseCamundaDate(body.duedate) : null;
    if (!(await this.jobs.setDueDate(id, due))) {
      throw notFoundRest(`Job with id ${id} does not exist`);
    }
  }
}
