import { createHash } from 'node:crypto';
import type { DeployInput, DeployResult } from '../engine-api';
import { EngineError, EngineErrorCode, type ModelProblem } from '../engine-error';
import { parseDmn, type DecisionModel } from '../dmn';
import { parseBpmn } from '../model/bpmn-parser';
import type { ProcessModel } from '../model/process-model';
import type {
  CaseStore,
  DecisionDefinitionRecord,
  DefinitionJobRecord,
  DefinitionRecord,
  DeploymentRecord,
  ResourceRecord,
  StartEventSubscription,
} from '../ports/case-store';
import type { ScheduledJob } from '../ports/scheduler';
import { replaceTimerStartJobs } from './timer-start';

/** A deployment's outcome plus the timer start jobs it wrote and removed (to schedule after commit). */
export interface DeployOutcome extends DeployResult {
  jobsCreated: ScheduledJob[];
  jobsRemoved: string[];
}

const BPMN_RESOURCE = /\.bpmn(20\.xml)?$/i;

export function checksumOf(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Deployment: every BPMN resource is parsed and checked before anything is stored; one problem
 * anywhere rejects the whole deployment with every problem listed. A process whose resource is
 * unchanged keeps its version; a changed one becomes the next version of its key.
 */
export class Deployer {
  constructor(
    private readonly newId: () => string,
    private readonly now: () => Date,
    /** The timer start jobs of a new definition; default none. */
    private readonly timerStarts: (model: ProcessModel, definition: DefinitionRecord) => DefinitionJobRecord[] = () => [],
  ) {}

  async deploy(store: CaseStore, input: DeployInput): Promise<DeployOutcome> {
    if (!input.resources.length) {
      throw new EngineError(EngineErrorCode.InvalidRequest, 'A deployment needs at least one resource.');
    }
    const tenantId = input.tenantId ?? null;
    const { processes: parsed, decisions } = await this.parseAll(input);
    return store.transaction(async (tx) => {
      await tx.lockDeployments(tenantId);
      const changed: { resource: { name: string; content: string }; model: ProcessModel; checksum: string }[] = [];
      const unchangedResources = new Set<string>();
      for (const resource of input.resources) {
        const checksum = checksumOf(resource.content);
        if (input.duplicateFiltering && (await tx.findLatestResourceChecksum(resource.name, tenantId, input.name ?? null)) === checksum) {
          unchangedResources.add(resource.name);
        }
      }
      for (const item of parsed) {
        if (!unchangedResources.has(item.resource.name)) changed.push({ ...item, checksum: checksumOf(item.resource.content) });
      }
      if (input.duplicateFiltering && unchangedResources.size === input.resources.length) {
        const previous = await this.previousDeployment(tx, parsed, tenantId);
        if (previous) return { deployment: previous, definitions: [], jobsCreated: [], jobsRemoved: [] };
      }
      const deployment: DeploymentRecord = {
        id: this.newId(),
        name: input.name ?? null,
        source: input.source ?? null,
        tenantId,
        deploymentTime: this.now().toISOString(),
      };
      const resources: ResourceRecord[] = input.resources.map((r) => ({
        id: this.newId(),
        deploymentId: deployment.id,
        name: r.name,
        content: r.content,
        checksum: checksumOf(r.content),
      }));
      const definitions: DefinitionRecord[] = [];
      const subscriptions: StartEventSubscription[] = [];
      const timerJobs: { definition: DefinitionRecord; jobs: DefinitionJobRecord[] }[] = [];
      for (const { resource, model, checksum } of changed) {
        const latest = await tx.findLatestDefinition(model.id, tenantId);
        const version = (latest?.version ?? 0) + 1;
        const definition: DefinitionRecord = {
          id: `${model.id}:${version}:${this.newId()}`,
          key: model.id,
          version,
          name: model.name,
          versionTag: model.versionTag,
          deploymentId: deployment.id,
          resourceName: resource.name,
          tenantId,
          checksum,
          startFormKey: model.startFormKey,
          suspended: false,
          historyTimeToLive: model.historyTimeToLive,
        };
        definitions.push(definition);
        timerJobs.push({ definition, jobs: this.timerStarts(model, definition) });
        const root = model.scopes.get(model.id)!;
        for (const [type, ids] of [['message', root.messageStartIds], ['signal', root.signalStartIds]] as const) {
          for (const id of ids) {
            subscriptions.push({ definitionId: definition.id, definitionKey: model.id, tenantId, type, eventName: model.nodes.get(id)!.event!.name!, activityId: id });
          }
        }
      }
      const decisionDefinitions: DecisionDefinitionRecord[] = [];
      for (const { resource, models } of decisions.filter((d) => !unchangedResources.has(d.resource.name))) {
        for (const model of models) {
          const version = (await tx.findLatestDecisionVersion(model.key, tenantId)) + 1;
          decisionDefinitions.push({
            id: `${model.key}:${version}:${this.newId()}`,
            key: model.key,
            version,
            name: model.name,
            versionTag: model.versionTag,
            deploymentId: deployment.id,
            resourceName: resource.name,
            tenantId,
            historyTimeToLive: historyDays(model.historyTimeToLive),
          });
        }
      }
      await tx.insertDeployment(deployment, resources, definitions, subscriptions, decisionDefinitions);
      const jobsCreated: ScheduledJob[] = [];
      const jobsRemoved: string[] = [];
      for (const { definition, jobs } of timerJobs) {
        jobsRemoved.push(...(await replaceTimerStartJobs(tx, definition, jobs)));
        jobsCreated.push(...jobs.map((j) => ({ id: j.id, dueDate: j.dueDate ? new Date(j.dueDate) : null })));
      }
      return { deployment, definitions, jobsCreated, jobsRemoved };
    });
  }

  private async previousDeployment(
    tx: Parameters<Parameters<CaseStore['transaction']>[0]>[0],
    parsed: { model: ProcessModel }[],
    tenantId: string | null,
  ): Promise<DeploymentRecord | null> {
    for (const { model } of parsed) {
      const latest = await tx.findLatestDefinition(model.id, tenantId);
      if (latest) return tx.findDeployment(latest.deploymentId);
    }
    return null;
  }

  private async parseAll(input: DeployInput): Promise<{
    processes: { resource: { name: string; content: string }; model: ProcessModel }[];
    decisions: { resource: { name: string; content: string }; models: DecisionModel[] }[];
  }> {
    const problems: ModelProblem[] = [];
    const result: { resource: { name: string; content: string }; model: ProcessModel }[] = [];
    const decisions: { resource: { name: string; content: string }; models: DecisionModel[] }[] = [];
    const keys = new Map<string, string>();
    const decisionKeys = new Map<string, string>();
    const names = new Set<string>();
    for (const resource of input.resources) {
      if (names.has(resource.name)) problems.push({ elementId: null, message: `Two resources are named '${resource.name}'.`, resource: resource.name });
      names.add(resource.name);
      if (/\.dmn$/i.test(resource.name)) {
        const dmn = await parseDmn(resource.content, resource.name);
        for (const p of dmn.problems) problems.push({ elementId: p.elementId, message: p.message, resource: resource.name });
        for (const model of dmn.decisions) {
          const other = decisionKeys.get(model.key);
          if (other) problems.push({ elementId: model.key, message: `Decision key '${model.key}' is defined in both '${other}' and '${resource.name}'.`, resource: resource.name });
          decisionKeys.set(model.key, resource.name);
        }
        decisions.push({ resource, models: dmn.decisions });
        continue;
      }
      if (!BPMN_RESOURCE.test(resource.name)) continue;
      const parsed = await parseBpmn(resource.content, resource.name);
      problems.push(...parsed.problems);
      for (const model of parsed.processes) {
        const other = keys.get(model.id);
        if (other) problems.push({ elementId: model.id, message: `Process key '${model.id}' is defined in both '${other}' and '${resource.name}'.`, resource: resource.name });
        keys.set(model.id, resource.name);
        result.push({ resource, model });
      }
    }
    if (problems.length) {
      const first = problems[0];
      throw new EngineError(
        EngineErrorCode.InvalidDeployment,
        `The deployment was rejected: ${problems.length} problem${problems.length > 1 ? 's' : ''} found, e.g. ${first.elementId ? `'${first.elementId}': ` : ''}${first.message}`,
        { problems },
      );
    }
    return { processes: result, decisions };
  }

  /** Re-parses a deployed definition's resource (for the engine's model cache). */
  async modelOf(xml: string, definition: DefinitionRecord): Promise<ProcessModel> {
    const parsed = await parseBpmn(xml, definition.resourceName);
    const model = parsed.processes.find((p) => p.id === definition.key);
    if (!model) throw new Error(`Deployed resource ${definition.resourceName} no longer yields process ${definition.key}`);
    return model;
  }
}

/** Camunda's history time to live in days: a whole number or an ISO 8601 `P<n>D`; anything else is null. */
function historyDays(text: string | null): number | null {
  const match = text === null ? null : /^\s*(?:P(\d+)D|(\d+))\s*$/i.exec(text);
  return match ? Number(match[1] ?? match[2]) : null;
}
