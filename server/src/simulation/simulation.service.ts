/**
 * The training simulations of this server process. They live in memory only: a restart ends them
 * all, and one unused for `SIMULATION_TTL_MINUTES` is deleted with everything it created. Each is
 * visible to its creator only; anyone else (other organisations included) gets 404.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '../../engine';
import { CalendarService } from '../calendars/calendar.service';
import { AppConfig } from '../config/app-config';
import { CLOCK } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { requestCaller } from '../engine-rest/controllers/caller-scope';
import { readProcessDetails } from '../inbox/process-details';
import { buildBundle, libraryResourceName } from '../library/deployment-bundle';
import { LibraryRepository } from '../library/library.repository';
import { OrganisationModels } from '../library/organisation-models';
import { Simulation, type FiredTimer, type SimulationState } from './simulation';

export interface SimulationSummary {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  ended: boolean;
}

@Injectable()
export class SimulationService implements OnModuleDestroy {
  private readonly simulations = new Map<string, Simulation>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly library: LibraryRepository,
    private readonly models: OrganisationModels,
    private readonly calendars: CalendarService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly liveClock: Clock,
  ) {
    this.sweeper = setInterval(() => this.expire(), 60_000);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
    this.simulations.clear();
  }

  private expire(): void {
    const oldest = Date.now() - this.config.simulationTtlMinutes * 60_000;
    for (const [id, simulation] of this.simulations) if (simulation.lastUsed < oldest) this.simulations.delete(id);
  }

  /** The caller's simulation, or 404 (also for someone else's: its existence is not disclosed). */
  private mine(id: string): Simulation {
    this.expire();
    const caller = requestCaller();
    const simulation = this.simulations.get(id);
    if (!simulation || simulation.ownerId !== caller.id || simulation.tenantId !== caller.tenantId) throw notFoundRest(`Simulation ${id} does not exist`);
    simulation.lastUsed = Date.now();
    return simulation;
  }

  async create(processKey: string, version: number | 'draft' | undefined, startEventId: string | undefined): Promise<SimulationState> {
    const caller = requestCaller();
    const tenantId = caller.tenantId;
    if (tenantId === null) throw badRequest('A simulation runs the processes of an organisation: sign in as a member of one');
    const { xml, resources, resolved } = await this.resourcesOf(tenantId, processKey, version);
    const details = await readProcessDetails(xml, processKey);
    const starts = details.startEvents.filter((e) => e.kind === 'none' || e.kind === 'message');
    const start = startEventId !== undefined ? starts.find((e) => e.id === startEventId) : (starts.find((e) => e.kind === 'none') ?? starts[0]);
    if (!start) throw badRequest(startEventId ? `Process '${processKey}' has no start event '${startEventId}' a person can start` : `Process '${processKey}' cannot be started by a person`);
    const simulation = new Simulation({
      ownerId: caller.id,
      tenantId,
      processKey,
      version: resolved,
      resources,
      start: this.liveClock.now(),
      calendar: (tenant) => this.calendars.calendarFor(tenant),
    });
    await simulation.begin(start.id, {});
    this.simulations.set(simulation.id, simulation);
    return simulation.state();
  }

  /** The resources to deploy into the sandbox: a published version's deployment, or the draft's publication bundle. */
  private async resourcesOf(tenantId: string, key: string, version: number | 'draft' | undefined) {
    if (version === 'draft') {
      const draft = await this.library.draft(tenantId, key);
      if (!draft) throw notFoundRest(`Process '${key}' has no draft`);
      const bundle = await buildBundle(this.models.bundleSource(tenantId), [{ key, xml: draft.xml, resourceName: libraryResourceName(key) }], { editedForms: draft.forms });
      return { xml: draft.xml, resources: bundle.resources, resolved: 'draft' as const };
    }
    const published = await this.library.version(tenantId, key, version ?? null);
    if (!published) throw notFoundRest(version === undefined ? `Process '${key}' has no published version` : `Process '${key}' has no version ${version}`);
    const resources = await this.library.deploymentResources(tenantId, published.deploymentId);
    return { xml: published.xml, resources, resolved: published.version };
  }

  list(): SimulationSummary[] {
    this.expire();
    const caller = requestCaller();
    return [...this.simulations.values()]
      .filter((s) => s.ownerId === caller.id && s.tenantId === caller.tenantId)
      .map((s) => {
        const state = s.state();
        return { id: s.id, processKey: s.processKey, version: s.version, clock: state.clock, ended: state.ended };
      });
  }

  get(id: string): SimulationState {
    return this.mine(id).state();
  }

  async completeTask(id: string, taskId: string, values: Record<string, unknown>): Promise<SimulationState> {
    const simulation = this.mine(id);
    if (!simulation.hasTask(taskId)) throw notFoundRest(`Task ${taskId} does not exist in simulation ${id}`);
    await simulation.completeTask(taskId, values);
    return simulation.state();
  }

  async completeExternalTask(id: string, externalTaskId: string, values: Record<string, unknown>): Promise<SimulationState> {
    const simulation = this.mine(id);
    if (!simulation.hasExternalTask(externalTaskId)) throw notFoundRest(`External task ${externalTaskId} does not exist in simulation ${id}`);
    await simulation.completeExternalTask(externalTaskId, values);
    return simulation.state();
  }

  async advance(id: string, by: { hours?: number; workingDays?: number; toNextDeadline?: boolean }): Promise<SimulationState & { fired: FiredTimer[] }> {
    const simulation = this.mine(id);
    const fired = await simulation.advance(by);
    return { ...simulation.state(), fired };
  }

  delete(id: string): void {
    this.simulations.delete(this.mine(id).id);
  }
}
