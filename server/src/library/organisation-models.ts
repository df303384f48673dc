/**
 * An organisation's deployed process models as the library needs them: the latest version of
 * each key read once (deployed XML never changes, so outlines are cached by definition id), the
 * roles they name, their lanes, and the sources a publication bundle draws from.
 */
import { Injectable } from '@nestjs/common';
import { parseDmn } from '../../engine/dmn';
import { IdentityRepository } from '../security/identity.repository';
import { candidateGroups, decisionReferences, deploymentBoundCalls, executableProcesses, lanesOf, readBpmn } from './bpmn-outline';
import type { BundleSource } from './deployment-bundle';
import { LibraryRepository, type LatestDefinition, type Resource } from './library.repository';
import type { RoleDto } from './library.dto';
import { roleLabeller } from './role-labels';

/** What the library reads from one deployed process version. */
export interface ModelOutline {
  groups: string[];
  lanes: { id: string; name: string | null }[];
  /** Keys called with deployment binding. */
  calls: string[];
  decisions: string[];
}

/** How many outlines are kept (one per deployed definition version). */
const OUTLINE_CACHE_SIZE = 2000;

@Injectable()
export class OrganisationModels {
  private readonly outlines = new Map<string, Promise<ModelOutline>>();

  constructor(
    private readonly repository: LibraryRepository,
    private readonly identity: IdentityRepository,
  ) {}

  /** The latest definition of each key with its outline. */
  async latest(tenantId: string): Promise<{ definition: LatestDefinition; outline: ModelOutline }[]> {
    const definitions = await this.repository.latestDefinitions(tenantId);
    return Promise.all(definitions.map(async (definition) => ({ definition, outline: await this.outlineOf(tenantId, definition) })));
  }

  private outlineOf(tenantId: string, definition: LatestDefinition): Promise<ModelOutline> {
    let outline = this.outlines.get(definition.definitionId);
    if (!outline) {
      outline = this.read(tenantId, definition);
      if (this.outlines.size >= OUTLINE_CACHE_SIZE) this.outlines.delete(this.outlines.keys().next().value!);
      this.outlines.set(definition.definitionId, outline);
      outline.catch(() => this.outlines.delete(definition.definitionId));
    }
    return outline;
  }

  private async read(tenantId: string, definition: LatestDefinition): Promise<ModelOutline> {
    const version = await this.repository.version(tenantId, definition.key, definition.version);
    const empty: ModelOutline = { groups: [], lanes: [], calls: [], decisions: [] };
    if (!version) return empty;
    const process = executableProcesses(await readBpmn(version.xml)).find((p) => p.id === definition.key);
    if (!process) return empty;
    return {
      groups: candidateGroups(process),
      lanes: lanesOf(process).map(({ id, name }) => ({ id, name })),
      calls: deploymentBoundCalls(process),
      decisions: decisionReferences(process),
    };
  }

  /** Names candidate groups for this organisation (see role-labels.ts). */
  async labeller(tenantId: string): Promise<(groupId: string) => string> {
    const latest = await this.latest(tenantId);
    return roleLabeller(tenantId, latest.flatMap((l) => l.outline.lanes));
  }

  /** The organisation's roles: groups its people hold and groups its deployed processes name. */
  async roles(tenantId: string): Promise<RoleDto[]> {
    const [users, latest] = await Promise.all([this.identity.listUsers(tenantId), this.latest(tenantId)]);
    const label = roleLabeller(tenantId, latest.flatMap((l) => l.outline.lanes));
    const ids = new Set([...users.flatMap((u) => u.groups), ...latest.flatMap((l) => l.outline.groups)]);
    return [...ids].map((id) => ({ id, label: label(id) })).sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
  }

  /** Where a publication of this organisation takes its called processes, forms, decisions and signposting from. */
  bundleSource(tenantId: string): BundleSource {
    const repository = this.repository;
    return {
      async latestProcess(key) {
        const version = await repository.version(tenantId, key, null);
        return version ? { key, xml: version.xml, resourceName: version.resourceName } : null;
      },
      latestForms: () => repository.latestResources(tenantId, '.form'),
      decisionResources: () => this.decisionResources(tenantId),
      signposting: async () => (await repository.latestResources(tenantId, 'signposting.json')).find((r) => r.name === 'signposting.json') ?? null,
    };
  }

  /** The newest DMN resource holding each decision key of the organisation. */
  async decisionResources(tenantId: string): Promise<Map<string, Resource>> {
    const byKey = new Map<string, Resource>();
    const latest = await this.repository.latestDecisions(tenantId);
    const resources = new Map((await this.repository.latestDecisionResources(tenantId)).map((r) => [r.name, r] as const));
    for (const decision of latest) {
      const resource = resources.get(decision.resourceName);
      if (resource) byKey.set(decision.key, resource);
    }
    // Deployments older than the decision_definition table: read the keys from the XML.
    for (const resource of resources.values()) {
      if ([...byKey.values()].includes(resource)) continue;
      for (const decision of (await parseDmn(resource.content, resource.name)).decisions) if (!byKey.has(decision.key)) byKey.set(decision.key, resource);
    }
    return byKey;
  }
}
