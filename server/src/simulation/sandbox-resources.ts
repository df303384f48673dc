/**
 * What a simulation's sandbox deploys: a published version's deployment or a draft's publication
 * bundle, plus the organisation's latest published versions of the processes it calls (with the
 * forms and decisions those need), since the sandbox holds only what it is given.
 */
import { Injectable } from '@nestjs/common';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { readProcessDetails } from '../inbox/process-details';
import { allFlowElements, executableProcesses, isLiteral, readBpmn } from '../library/bpmn-outline';
import { buildBundle, libraryResourceName } from '../library/deployment-bundle';
import { LibraryRepository, type Resource } from '../library/library.repository';
import { OrganisationModels } from '../library/organisation-models';

interface CallOutline {
  defined: string[];
  called: string[];
}

/** How many deployments' call outlines are kept (deployed resources never change). */
const CALL_CACHE_SIZE = 200;

@Injectable()
export class SandboxResources {
  private readonly callOutlines = new Map<string, CallOutline>();

  constructor(
    private readonly library: LibraryRepository,
    private readonly models: OrganisationModels,
  ) {}

  /**
   * Where a simulation's case starts: the start event named, else the none start event, else the
   * first message start, else the first timer start (a cycle such as the fortnightly MARAC starts
   * in training as if its timer had just fired).
   */
  async startEventOf(xml: string, processKey: string, startEventId: string | undefined): Promise<string> {
    const details = await readProcessDetails(xml, processKey);
    const rank = (kind: string) => ['none', 'message', 'timer'].indexOf(kind);
    const starts = details.startEvents.filter((e) => rank(e.kind) >= 0).sort((a, b) => rank(a.kind) - rank(b.kind));
    const start = startEventId !== undefined ? starts.find((e) => e.id === startEventId) : starts[0];
    if (!start) throw badRequest(startEventId ? `Process '${processKey}' has no start event '${startEventId}' a simulation can start at` : `Process '${processKey}' has no start event a simulation can start at`);
    return start.id;
  }

  /** The resources to deploy into the sandbox: a published version's deployment, or the draft's publication bundle. */
  async resourcesOf(tenantId: string, key: string, version: number | 'draft' | undefined): Promise<{ xml: string; resources: Resource[]; resolved: number | 'draft' }> {
    if (version === 'draft') {
      const draft = await this.library.draft(tenantId, key);
      if (!draft) throw notFoundRest(`Process '${key}' has no draft`);
      const bundle = await buildBundle(this.models.bundleSource(tenantId), [{ key, xml: draft.xml, resourceName: libraryResourceName(key) }], { editedForms: draft.forms });
      return { xml: draft.xml, resources: await this.withCalledProcesses(tenantId, null, bundle.resources), resolved: 'draft' };
    }
    const published = await this.library.version(tenantId, key, version ?? null);
    if (!published) throw notFoundRest(version === undefined ? `Process '${key}' has no published version` : `Process '${key}' has no version ${version}`);
    const resources = await this.library.deploymentResources(tenantId, published.deploymentId);
    return { xml: published.xml, resources: await this.withCalledProcesses(tenantId, published.deploymentId, resources), resolved: published.version };
  }

  /**
   * `resources` plus the organisation's latest published version of every process their call
   * activities name but they do not hold (a version published on its own, calling by key), with
   * the forms and decisions those need: the sandbox holds only what it is given.
   */
  async withCalledProcesses(tenantId: string, deploymentId: string | null, resources: Resource[]): Promise<Resource[]> {
    let outline = deploymentId === null ? undefined : this.callOutlines.get(deploymentId);
    if (outline === undefined) {
      outline = await callOutline(resources);
      if (deploymentId !== null) {
        if (this.callOutlines.size >= CALL_CACHE_SIZE) this.callOutlines.delete(this.callOutlines.keys().next().value!);
        this.callOutlines.set(deploymentId, outline);
      }
    }
    const defined = new Set(outline.defined);
    const queue = outline.called.filter((key) => !defined.has(key));
    if (queue.length === 0) return resources;
    const all = [...resources];
    while (queue.length) {
      const key = queue.shift()!;
      if (defined.has(key)) continue;
      defined.add(key);
      const latest = await this.library.version(tenantId, key, null);
      if (!latest) continue;
      const resource = { name: `called/${key}.bpmn`, content: latest.xml };
      all.push(resource);
      const more = await callOutline([resource]);
      for (const id of more.defined) defined.add(id);
      queue.push(...more.called.filter((k) => !defined.has(k)));
    }
    const present = new Set(all.map((r) => r.name));
    const forms = await this.library.latestResources(tenantId, '.form');
    const decisions = [...(await this.models.decisionResources(tenantId)).values()];
    for (const resource of [...forms, ...decisions]) {
      if (present.has(resource.name)) continue;
      present.add(resource.name);
      all.push(resource);
    }
    return all;
  }
}

function isBpmn(name: string): boolean {
  return /\.(bpmn|bpmn20\.xml)$/i.test(name);
}

/** The processes `resources` define and the keys their call activities name literally. */
async function callOutline(resources: Resource[]): Promise<CallOutline> {
  const defined = new Set<string>();
  const called = new Set<string>();
  for (const resource of resources.filter((r) => isBpmn(r.name))) {
    for (const process of executableProcesses(await readBpmn(resource.content))) {
      defined.add(String(process.id));
      for (const element of allFlowElements(process)) {
        if (element.$type === 'bpmn:CallActivity' && isLiteral(element.calledElement)) called.add(String(element.calledElement).trim());
      }
    }
  }
  return { defined: [...defined], called: [...called].sort() };
}
