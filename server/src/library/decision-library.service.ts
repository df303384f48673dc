/**
 * The organisation's DMN decisions (e.g. the DASH risk level): list, read, publish.
 *
 * A business rule task evaluates its decision from its own process version's deployment, so a
 * new decision version alone would change no case. Publishing therefore deploys the DMN together
 * with the latest version of every process that uses the decision, directly or through calls
 * with deployment binding (with what they need, deployment-bundle.ts); cases started afterwards
 * use the new decision, running cases keep theirs.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EngineApi } from '../../engine';
import { parseDmn } from '../../engine/dmn';
import { ENGINE } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { buildBundle, type BundleProcess } from './deployment-bundle';
import { ProblemsError } from './library-errors';
import { currentAuthor } from './library-scope';
import type { DecisionSummary } from './library.dto';
import { LibraryRepository, type NewPublication } from './library.repository';
import { OrganisationModels } from './organisation-models';
import type { Problem } from './process-lint';

/** Decision keys are DMN ids (XML NCNames). */
const DECISION_KEY = /^[A-Za-z_][\w.-]{0,254}$/;

function checkDecisionKey(key: string): string {
  if (!DECISION_KEY.test(key)) throw badRequest(`'${key}' is not a decision key (a DMN id such as dash_risk_level)`);
  return key;
}

@Injectable()
export class DecisionLibraryService {
  constructor(
    private readonly repository: LibraryRepository,
    private readonly models: OrganisationModels,
    @Inject(ENGINE) private readonly engine: EngineApi,
  ) {}

  async list(tenantId: string): Promise<DecisionSummary[]> {
    const latest = await this.repository.latestDecisions(tenantId);
    return latest.map(({ key, name, version }) => ({ key, name, version })).sort((a, b) => (a.name ?? a.key).localeCompare(b.name ?? b.key));
  }

  async get(tenantId: string, key: string): Promise<{ key: string; name: string | null; version: number; resourceName: string; xml: string }> {
    const found = (await this.repository.latestDecisions(tenantId)).find((d) => d.key === checkDecisionKey(key));
    if (!found) throw notFoundRest(`No decision '${key}' in your organisation`);
    const resource = (await this.repository.deploymentResources(tenantId, found.deploymentId)).find((r) => r.name === found.resourceName);
    if (!resource) throw notFoundRest(`No decision '${key}' in your organisation`);
    return { key, name: found.name, version: found.version, resourceName: found.resourceName, xml: resource.content };
  }

  async publish(tenantId: string, key: string, xml: string, comment: string | null): Promise<{ version: number }> {
    checkDecisionKey(key);
    const parsed = await parseDmn(xml);
    if (parsed.problems.length) {
      const problems: Problem[] = parsed.problems.map((p) => ({ elementId: p.elementId, message: p.message, category: 'error', rule: 'engine/dmn-check' }));
      throw new ProblemsError(`The decision cannot be published: ${parsed.problems[0].message}`, problems);
    }
    if (!parsed.decisions.some((d) => d.key === key)) {
      throw new ProblemsError(`The file does not define decision '${key}'`, [{ elementId: null, message: `No decision with id '${key}' in the file`, category: 'error', rule: 'engine/dmn-check' }]);
    }
    const latest = (await this.repository.latestDecisions(tenantId)).find((d) => d.key === key);
    const resourceName = latest?.resourceName ?? `library/${key}.dmn`;
    const bundle = await buildBundle(this.models.bundleSource(tenantId), await this.processesUsing(tenantId, parsed.decisions.map((d) => d.key)), {
      decisions: [{ name: resourceName, content: xml }],
    });
    return this.repository.transaction(async (sql) => {
      const { deployment, definitions } = await this.engine.deploy({ name: `library: decision ${key}`, source: 'designer', tenantId, resources: bundle.resources });
      const rows = await sql('SELECT key, version, id FROM decision_definition WHERE deployment_id = $1 AND tenant_id = $2 AND key = $3', [deployment.id, tenantId, key]);
      if (rows.length === 0) throw new Error(`The deployment of decision ${key} created no version of it`);
      const version = Number(rows[0].version);
      const by = currentAuthor();
      const at = new Date(deployment.deploymentTime);
      await this.repository.recordPublications(sql, tenantId, 'decision_publication', [
        { key, version, definitionId: String(rows[0].id), deploymentId: deployment.id, publishedBy: by, publishedAt: at, comment },
      ]);
      const processes: NewPublication[] = definitions.map((d) => ({
        key: d.key,
        version: d.version,
        definitionId: d.id,
        deploymentId: deployment.id,
        publishedBy: by,
        publishedAt: at,
        comment: `Deployed with decision ${key} version ${version}, which it uses`,
      }));
      await this.repository.recordPublications(sql, tenantId, 'process_publication', processes);
      return { version };
    });
  }

  /** The latest processes that evaluate one of `keys`, directly or through calls with deployment binding. */
  private async processesUsing(tenantId: string, keys: string[]): Promise<BundleProcess[]> {
    const latest = await this.models.latest(tenantId);
    const using = new Set(latest.filter((l) => l.outline.decisions.some((d) => keys.includes(d))).map((l) => l.definition.key));
    for (let grew = true; grew; ) {
      grew = false;
      for (const l of latest) {
        if (!using.has(l.definition.key) && l.outline.calls.some((c) => using.has(c))) {
          using.add(l.definition.key);
          grew = true;
        }
      }
    }
    const roots: BundleProcess[] = [];
    for (const key of using) {
      const version = await this.repository.version(tenantId, key, null);
      if (version) roots.push({ key, xml: version.xml, resourceName: version.resourceName });
    }
    return roots;
  }
}
