/** `/engine-rest/incident` and `/engine-rest/job`: open incidents, timers and their execution. */
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import type { Engine } from '../../../engine';
import { EngineHostService } from '../../engine-host/engine-host.service';
import { IncidentQueryRepository } from '../../persistence/queries/incident-query.repository';
import type { IncidentDto } from '../../persistence/queries/incident-query.repository';
import { JobQueryRepository } from '../../persistence/queries/job-query.repository';
import type { JobDto } from '../../persistence/queries/job-query.repository';
import { parseCamundaDate } from '../camunda-date';
import { notFoundRest } from '../camunda-rest-error';
import { IncidentQueryDto, JobDueDateDto, JobQueryDto } from '../dto/incident-job.dto';
import { RequirePermission } from '../../security/decorators';

/** Body of `PUT /job/{id}/retries` (Camunda's RetriesDto). */
export class JobRetriesDto {
  @ApiProperty({ type: Number, minimum: 0, description: 'Retries left; more than 0 resolves the failedJob incident and reschedules the job' })
  @IsInt({ message: 'retries must be a whole number' })
  @Min(0, { message: 'retries must be at least 0' })
  retries!: number;
}

@ApiTags('engine-rest: incident, job')
@Controller('engine-rest')
@RequirePermission('job:manage')
export class IncidentJobController {
  private readonly engine: Engine;

  constructor(
    host: EngineHostService,
    private readonly incidents: IncidentQueryRepository,
    private readonly jobs: JobQueryRepository,
  ) {
    this.engine = host.engine;
  }

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
    await this.getJob(id);
    await this.engine.executeJob(id);
  }

  @Put('job/:id/duedate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change a job due date (null: now); its wake-up moves with it.' })
  async setDueDate(@Param('id') id: string, @Body() body: JobDueDateDto): Promise<void> {
    await this.getJob(id);
    const due = body.duedate ? parseCamundaDate(body.duedate) : null;
    await this.engine.setJobDueDate(id, due);
  }

  @Put('job/:id/retries')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the retries of a job; more than 0 resolves its failedJob incident and reschedules it' })
  async setRetries(@Param('id') id: string, @Body() body: JobRetriesDto): Promise<void> {
    await this.getJob(id);
    await this.engine.setJobRetries(id, body.retries);
  }
}
