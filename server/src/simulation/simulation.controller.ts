/** `/api/simulations`: training simulations of the organisation's processes (docs/simulation.md). */
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../engine-rest/camunda-rest-error';
import { RequirePermission } from '../security/decorators';
import { SimulationService } from './simulation.service';

type Json = Record<string, unknown>;

function objectBody(body: unknown): Json {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object');
  return body as Json;
}

function valuesOf(body: unknown): Json {
  const values = objectBody(body).values ?? {};
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw badRequest('values must be an object of form answers');
  return values as Json;
}

function positive(value: unknown, name: string, whole: boolean, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max || (whole && !Number.isInteger(value))) {
    throw badRequest(`${name} must be ${whole ? 'a whole number' : 'a number'} from 0 to ${max}`);
  }
  return value;
}

@ApiTags('api: simulations')
@Controller('api/simulations')
@RequirePermission('simulation:run')
export class SimulationController {
  constructor(private readonly simulations: SimulationService) {}

  @Post()
  @ApiOperation({ summary: 'Start a simulation of a published version (default: the latest) or the draft of a process' })
  create(@Body() body: unknown) {
    const { processKey, version, startEventId } = objectBody(body);
    if (typeof processKey !== 'string' || processKey === '') throw badRequest('processKey is required');
    if (version !== undefined && version !== 'draft' && !(typeof version === 'number' && Number.isInteger(version) && version > 0)) {
      throw badRequest("version must be a published version number or 'draft'");
    }
    if (startEventId !== undefined && typeof startEventId !== 'string') throw badRequest('startEventId must be a string');
    return this.simulations.create(processKey, version as number | 'draft' | undefined, startEventId as string | undefined);
  }

  @Get()
  @ApiOperation({ summary: "The caller's simulations" })
  list() {
    return this.simulations.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A simulation: its clock, tasks, position, path, variables and pending timers' })
  get(@Param('id') id: string) {
    return this.simulations.get(id);
  }

  @Post(':id/tasks/:taskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: "Complete a simulation's task with form answers (checked against the form, as live)" })
  completeTask(@Param('id') id: string, @Param('taskId') taskId: string, @Body() body: unknown) {
    return this.simulations.completeTask(id, taskId, valuesOf(body));
  }

  @Post(':id/external-tasks/:externalTaskId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: "Complete a simulation's external task in place of a worker" })
  completeExternalTask(@Param('id') id: string, @Param('externalTaskId') externalTaskId: string, @Body() body: unknown) {
    return this.simulations.completeExternalTask(id, externalTaskId, valuesOf(body));
  }

  @Post(':id/advance')
  @HttpCode(200)
  @ApiOperation({ summary: "Move the simulation's clock (hours, working days or to the next deadline), firing its due timers in order" })
  advance(@Param('id') id: string, @Body() body: unknown) {
    const json = objectBody(body);
    const hours = positive(json.hours, 'hours', false, 24 * 366);
    const workingDays = positive(json.workingDays, 'workingDays', true, 366);
    const toNextDeadline = json.toNextDeadline === true;
    if (json.toNextDeadline !== undefined && typeof json.toNextDeadline !== 'boolean') throw badRequest('toNextDeadline must be a boolean');
    if ([hours !== undefined, workingDays !== undefined, toNextDeadline].filter(Boolean).length !== 1) {
      throw badRequest('Give exactly one of hours, workingDays or toNextDeadline: true');
    }
    return this.simulations.advance(id, { hours, workingDays, toNextDeadline });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a simulation: it is deleted with everything it created' })
  remove(@Param('id') id: string): void {
    this.simulations.delete(id);
  }
}
