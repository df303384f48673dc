/**
 * `/api/simulations`: training on the organisation's processes (docs/simulation.md). Trainers
 * (`simulation:run`) run free simulations and replays, record scenarios, invite colleagues and
 * see every attempt; trainees (`simulation:practise`) practise scenarios, see their own attempts
 * and act in simulations they were invited to. Routes with literal segments come before `:id`.
 */
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { badRequest } from '../engine-rest/camunda-rest-error';
import { RequirePermission } from '../security/decorators';
import { SCENARIO_KEY } from './scenario-validation';
import { SimulationService } from './simulation.service';

type Json = Record<string, unknown>;

const MAX_NAME = 200;
const MAX_SUMMARY = 2_000;
const MAX_ID = 200;

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

/** A required non-empty string field of at most `max` characters. */
function requiredText(json: Json, name: string, max: number): string {
  const value = json[name];
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${name} is required`);
  if (value.length > max) throw badRequest(`${name} must be at most ${max} characters`);
  return value;
}

function optionalText(json: Json, name: string, max: number): string | undefined {
  if (json[name] === undefined) return undefined;
  return requiredText(json, name, max);
}

@ApiTags('api: simulations')
@Controller('api/simulations')
export class SimulationController {
  constructor(private readonly simulations: SimulationService) {}

  // --- scenarios, attempts, people, practice (literal paths before `:id`) ---------------------------

  @Get('scenarios')
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: "The organisation's training scenarios: shipped with its procedures, then recorded by trainers" })
  scenarios() {
    return this.simulations.scenarios();
  }

  @Post('scenarios')
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Record what was done in one of your simulations as a scenario (409 when the key exists)' })
  record(@Body() body: unknown) {
    const json = objectBody(body);
    const simulationId = requiredText(json, 'simulationId', MAX_ID);
    const name = requiredText(json, 'name', MAX_NAME).trim();
    const summary = json.summary === undefined ? '' : json.summary;
    if (typeof summary !== 'string' || summary.length > MAX_SUMMARY) throw badRequest(`summary must be a text of at most ${MAX_SUMMARY} characters`);
    const key = optionalText(json, 'key', 64);
    if (key !== undefined && !SCENARIO_KEY.test(key)) throw badRequest("key must be letters, digits, '-' or '_' (at most 64)");
    return this.simulations.record(simulationId, name, summary, key);
  }

  @Get('scenarios/:key')
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'A scenario with its steps and answers' })
  scenario(@Param('key') key: string) {
    return this.simulations.scenario(key);
  }

  @Delete('scenarios/:key')
  @HttpCode(204)
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Delete a recorded scenario (shipped ones cannot be deleted)' })
  async deleteScenario(@Param('key') key: string): Promise<void> {
    await this.simulations.deleteScenario(key);
  }

  @Get('attempts')
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: "Finished practices: your own; with 'simulation:run' every one of the organisation" })
  attempts(@Query('scenarioKey') scenarioKey: unknown) {
    if (scenarioKey !== undefined && (typeof scenarioKey !== 'string' || scenarioKey === '')) throw badRequest('scenarioKey must be one scenario key');
    return this.simulations.attempts(scenarioKey as string | undefined);
  }

  @Get('attempts/:attemptId')
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'One finished practice with its comparison' })
  attempt(@Param('attemptId') attemptId: string) {
    return this.simulations.attempt(attemptId);
  }

  @Get('people')
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Colleagues who can be invited to a simulation' })
  people() {
    return this.simulations.people();
  }

  @Post('practice')
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'Start practising a scenario: you make the decisions, Safepath compares them at the end' })
  practise(@Body() body: unknown) {
    return this.simulations.createFromScenario(requiredText(objectBody(body), 'scenarioKey', 64), 'practice');
  }

  // --- simulations -----------------------------------------------------------------------------------

  @Post()
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Start a simulation of a process (published version or draft) or a replay of a scenario' })
  create(@Body() body: unknown) {
    const json = objectBody(body);
    if (json.scenarioKey !== undefined) {
      if (json.processKey !== undefined || json.version !== undefined || json.startEventId !== undefined) {
        throw badRequest('Give either scenarioKey or processKey (with version and startEventId), not both');
      }
      return this.simulations.createFromScenario(requiredText(json, 'scenarioKey', 64), 'replay');
    }
    const { processKey, version, startEventId } = json;
    if (typeof processKey !== 'string' || processKey === '') throw badRequest('processKey or scenarioKey is required');
    if (version !== undefined && version !== 'draft' && !(typeof version === 'number' && Number.isInteger(version) && version > 0)) {
      throw badRequest("version must be a published version number or 'draft'");
    }
    if (startEventId !== undefined && typeof startEventId !== 'string') throw badRequest('startEventId must be a string');
    return this.simulations.create(processKey, version as number | 'draft' | undefined, startEventId as string | undefined);
  }

  @Get()
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'Your simulations: those you started and those you were invited to' })
  list() {
    return this.simulations.list();
  }

  @Get(':id')
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'A simulation: its clock, tasks, position, path, variables, timers, log and explanation' })
  get(@Param('id') id: string) {
    return this.simulations.get(id);
  }

  @Post(':id/tasks/:taskId/complete')
  @HttpCode(200)
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: "Complete a simulation's task with form answers (participants: only steps handed to them)" })
  completeTask(@Param('id') id: string, @Param('taskId') taskId: string, @Body() body: unknown) {
    return this.simulations.completeTask(id, taskId, valuesOf(body));
  }

  @Post(':id/tasks/:taskId/hand')
  @HttpCode(200)
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Hand a step to a colleague (inviting them if needed), or take it back with userId null' })
  hand(@Param('id') id: string, @Param('taskId') taskId: string, @Body() body: unknown) {
    const json = objectBody(body);
    if (!('userId' in json) || (json.userId !== null && (typeof json.userId !== 'string' || json.userId === '' || json.userId.length > MAX_ID))) {
      throw badRequest('userId must be the id of a colleague, or null to take the step back');
    }
    return this.simulations.hand(id, taskId, json.userId as string | null);
  }

  @Post(':id/external-tasks/:externalTaskId/complete')
  @HttpCode(200)
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: "Complete a simulation's external task in place of a worker (owner only)" })
  completeExternalTask(@Param('id') id: string, @Param('externalTaskId') externalTaskId: string, @Body() body: unknown) {
    return this.simulations.completeExternalTask(id, externalTaskId, valuesOf(body));
  }

  @Post(':id/advance')
  @HttpCode(200)
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: "Move the simulation's clock (hours, working days or to the next deadline), firing its due timers in order (owner only)" })
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

  @Post(':id/replay')
  @HttpCode(200)
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: "Play the scenario's next step (or all remaining with all: true) in a replay" })
  replay(@Param('id') id: string, @Body() body: unknown) {
    const json = objectBody(body);
    if (json.all !== undefined && typeof json.all !== 'boolean') throw badRequest('all must be a boolean');
    return this.simulations.replay(id, json.all === true);
  }

  @Post(':id/participants')
  @HttpCode(200)
  @RequirePermission('simulation:run')
  @ApiOperation({ summary: 'Invite a colleague of your organisation to follow the simulation' })
  invite(@Param('id') id: string, @Body() body: unknown) {
    return this.simulations.invite(id, requiredText(objectBody(body), 'userId', MAX_ID));
  }

  @Post(':id/finish')
  @HttpCode(200)
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'Finish a practice: compare it with the scenario and store the attempt (409 when finished already)' })
  finish(@Param('id') id: string) {
    return this.simulations.finish(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('simulation:practise')
  @ApiOperation({ summary: 'End a simulation: it is deleted with everything it created (owner only)' })
  remove(@Param('id') id: string): void {
    this.simulations.delete(id);
  }
}
