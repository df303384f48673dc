/**
 * The process library of one organisation: its processes with their published versions and
 * drafts, saving and linting drafts, publishing a draft as the next version, restoring an old
 * version, and the forms a process uses.
 *
 * Lifecycle of a change: `PUT draft` (no effect on cases) → `publish` (the draft's XML and the
 * forms, called processes and decisions it needs are deployed as one deployment in the caller's
 * organisation; the publication is recorded; the draft is deleted). Running cases stay on the
 * version they started on; new cases start on the new version.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Clock, EngineApi } from '../../engine';
import { CLOCK, ENGINE } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { allFlowElements, executableProcesses, formReferenceOf, formReferences, readBpmn, UnreadableBpmnError, type FormReference } from './bpmn-outline';
import { buildBundle, libraryResourceName, type BundleOptions } from './deployment-bundle';
import { FormCatalogue, isFormSchema } from './form-catalogue';
import { conflict, ProblemsError } from './library-errors';
import { currentAuthor } from './library-scope';
import type { LibraryFormDto, ProcessDetail, ProcessSummary, PublishedVersion } from './library.dto';
import { LibraryRepository, type DraftRecord, type NewPublication, type VersionRecord } from './library.repository';
import type { Sql } from '../persistence/deployment-sql';
import { OrganisationModels } from './organisation-models';
import { hasErrors, lintBpmn, type Problem } from './process-lint';

/** Process keys are BPMN ids (XML NCNames). */
const PROCESS_KEY = /^[A-Za-z_][\w.-]{0,254}$/;
/** Form resource names the library writes: a file name ending in `.form`. */
const FORM_NAME = /^[A-Za-z0-9_][\w.-]{0,200}\.form$/;

export function checkKey(key: string): string {
  if (!PROCESS_KEY.test(key)) throw badRequest(`'${key}' is not a process key (a BPMN id such as tai_calon_da_disclosure)`);
  return key;
}

function publishedOf(v: VersionRecord): PublishedVersion {
  return { version: v.version, definitionId: v.definitionId, publishedAt: v.publishedAt, publishedBy: v.publishedBy, comment: v.comment };
}

@Injectable()
export class ProcessLibraryService {
  constructor(
    private readonly repository: LibraryRepository,
    private readonly models: OrganisationModels,
    @Inject(ENGINE) private readonly engine: EngineApi,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(tenantId: string): Promise<ProcessSummary[]> {
    const [latest, drafts] = await Promise.all([this.repository.latestDefinitions(tenantId), this.repository.drafts(tenantId)]);
    const byKey = new Map<string, ProcessSummary>();
    for (const d of latest) {
      byKey.set(d.key, {
        key: d.key,
        name: d.name,
        publishedVersion: d.version,
        publishedAt: d.publishedAt ?? d.deployedAt,
        publishedBy: d.publishedBy ?? 'system',
        draft: null,
      });
    }
    for (const draft of drafts) {
      const entry = byKey.get(draft.key) ?? { key: draft.key, name: await this.nameInXml(draft), publishedVersion: null, publishedAt: null, publishedBy: null, draft: null };
      entry.draft = { updatedAt: draft.updatedAt, updatedBy: draft.updatedBy };
      byKey.set(draft.key, entry);
    }
    return [...byKey.values()].sort((a, b) => (a.name ?? a.key).localeCompare(b.name ?? b.key));
  }

  private async nameInXml(draft: DraftRecord): Promise<string | null> {
    try {
      return executableProcesses(await readBpmn(draft.xml)).find((p) => p.id === draft.key)?.name ?? null;
    } catch {
      return null;
    }
  }

  async get(tenantId: string, key: string): Promise<ProcessDetail> {
    const [published, draft] = await Promise.all([this.repository.version(tenantId, checkKey(key), null), this.repository.draft(tenantId, key)]);
    if (!published && !draft) throw notFoundRest(`No process '${key}' in your organisation's library`);
    return {
      key,
      name: published ? ((await this.repository.latestDefinitions(tenantId)).find((d) => d.key === key)?.name ?? null) : draft ? await this.nameInXml(draft) : null,
      published: published ? { ...publishedOf(published), xml: published.xml } : null,
      draft: draft ? { xml: draft.xml, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy } : null,
    };
  }

  /** The single executable process of a document, which must be `key` when given; 400 otherwise. */
  private async executableKey(xml: string, key?: string): Promise<string> {
    let processes;
    try {
      processes = executableProcesses(await readBpmn(xml));
    } catch (error) {
      if (error instanceof UnreadableBpmnError) throw badRequest(error.message);
      throw error;
    }
    if (processes.length !== 1) throw badRequest(`The file must hold exactly one executable process (isExecutable="true"); it holds ${processes.length}`);
    const id = String(processes[0].id ?? '');
    if (key !== undefined && id !== key) throw badRequest(`The executable process's id is '${id}', not '${key}': a draft keeps its process key`);
    return checkKey(id);
  }

  async saveDraft(tenantId: string, key: string, xml: string): Promise<{ updatedAt: string; problems: Problem[] }> {
    await this.executableKey(xml, checkKey(key));
    const at = this.clock.now();
    await this.repository.saveDraftXml(tenantId, key, xml, currentAuthor(), at);
    const draft = await this.repository.draft(tenantId, key);
    return { updatedAt: draft?.updatedAt ?? at.toISOString(), problems: await this.problems(tenantId, xml, draft?.forms ?? {}) };
  }

  async deleteDraft(tenantId: string, key: string): Promise<void> {
    if (!(await this.repository.deleteDraft(tenantId, checkKey(key)))) throw notFoundRest(`Process '${key}' has no draft`);
  }

  /** Imports a .bpmn file as the draft of a new process (409 when the key exists already). */
  async importProcess(tenantId: string, xml: string): Promise<{ key: string }> {
    const key = await this.executableKey(xml);
    if (await this.repository.version(tenantId, key, null)) throw conflict(`Process '${key}' exists already: save the file as its draft instead (PUT /api/processes/${key}/draft)`);
    if (!(await this.repository.createDraft(tenantId, key, xml, currentAuthor(), this.clock.now()))) {
      throw conflict(`Process '${key}' has a draft already: save the file as its draft instead (PUT /api/processes/${key}/draft)`);
    }
    return { key };
  }

  /**
   * The problems of a document: bpmnlint + the Safepath rules + the engine's deploy check
   * (process-lint.ts), and what only the organisation can answer: forms no deployed or edited
   * form answers, and processes called with deployment binding that are not deployed.
   */
  async problems(tenantId: string, xml: string, editedForms: Readonly<Record<string, unknown>> = {}): Promise<Problem[]> {
    const problems = await lintBpmn(xml);
    let processes;
    try {
      processes = executableProcesses(await readBpmn(xml));
    } catch {
      return problems;
    }
    const catalogue = new FormCatalogue(await this.repository.latestResources(tenantId, '.form'), editedForms);
    const deployed = new Set((await this.repository.latestDefinitions(tenantId)).map((d) => d.key));
    for (const process of processes) {
      for (const element of allFlowElements(process)) {
        const reference = element.$type === 'bpmn:UserTask' || element.$type === 'bpmn:StartEvent' ? formReferenceOf(element) : null;
        if (reference && !catalogue.resolve(reference)) {
          problems.push({ elementId: element.id ?? null, message: `Form '${reference.value}' is not deployed in your organisation nor edited in this draft: the step will show no form`, category: 'warn', rule: 'library/form-found' });
        }
        if (element.$type === 'bpmn:CallActivity' && element.calledElementBinding === 'deployment' && typeof element.calledElement === 'string') {
          const called = element.calledElement.trim();
          if (called !== process.id && !deployed.has(called) && !processes.some((p) => p.id === called)) {
            problems.push({ elementId: element.id ?? null, message: `Process '${called}' is not deployed in your organisation: this call will fail`, category: 'warn', rule: 'library/called-process-found' });
          }
        }
      }
    }
    return problems;
  }

  /** Publishes the draft as the next version; 400 with the problems while any error remains. */
  async publish(tenantId: string, key: string, comment: string | null): Promise<{ version: number; definitionId: string }> {
    checkKey(key);
    return this.repository.transaction(async (sql) => {
      // The draft stays locked until the publication is recorded: one draft is published once.
      const draft = await this.repository.lockDraft(sql, tenantId, key);
      if (!draft) throw new ProblemsError(`Process '${key}' has no draft to publish`, []);
      const problems = await this.problems(tenantId, draft.xml, draft.forms);
      if (hasErrors(problems)) {
        const errors = problems.filter((p) => p.category === 'error').length;
        throw new ProblemsError(`The draft cannot be published: ${errors} error${errors === 1 ? '' : 's'} to fix first`, problems);
      }
      const published = await this.deploy(sql, tenantId, key, draft.xml, comment, { editedForms: draft.forms });
      await this.repository.deleteDraft(tenantId, key, sql);
      return published;
    });
  }

  /** Publishes an old version's XML (and its forms) again as the next version. */
  async restore(tenantId: string, key: string, version: number, comment: string | null): Promise<{ version: number; definitionId: string }> {
    const old = await this.repository.version(tenantId, checkKey(key), version);
    if (!old) throw notFoundRest(`Process '${key}' has no version ${version}`);
    const baseForms = (await this.repository.deploymentResources(tenantId, old.deploymentId)).filter((r) => /\.form$/i.test(r.name));
    return this.repository.transaction((sql) => this.deploy(sql, tenantId, key, old.xml, comment ?? `Restored version ${version}`, { baseForms }));
  }

  /**
   * Deploys `xml` with what it needs (deployment-bundle.ts) and records who published each new
   * process version: `key` with the comment, the processes deployed along with it as such.
   */
  private async deploy(sql: Sql, tenantId: string, key: string, xml: string, comment: string | null, options: BundleOptions): Promise<{ version: number; definitionId: string }> {
    const bundle = await buildBundle(this.models.bundleSource(tenantId), [{ key, xml, resourceName: libraryResourceName(key) }], options);
    const { deployment, definitions } = await this.engine.deploy({ name: `library: ${key}`, source: 'designer', tenantId, resources: bundle.resources });
    const root = definitions.find((d) => d.key === key);
    if (!root) throw new Error(`The deployment of ${key} created no version of it`);
    const by = currentAuthor();
    const at = new Date(deployment.deploymentTime);
    const publications: NewPublication[] = definitions.map((d) => ({
      key: d.key,
      version: d.version,
      definitionId: d.id,
      deploymentId: deployment.id,
      publishedBy: by,
      publishedAt: at,
      comment: d.key === key ? comment : `Deployed with ${key} version ${root.version}, which calls it`,
    }));
    await this.repository.recordPublications(sql, tenantId, 'process_publication', publications);
    return { version: root.version, definitionId: root.id };
  }

  async versions(tenantId: string, key: string): Promise<PublishedVersion[]> {
    const versions = await this.repository.versions(tenantId, checkKey(key));
    if (versions.length === 0 && !(await this.repository.draft(tenantId, key))) throw notFoundRest(`No process '${key}' in your organisation's library`);
    return versions.map(publishedOf);
  }

  async version(tenantId: string, key: string, version: number): Promise<PublishedVersion & { xml: string }> {
    const found = await this.repository.version(tenantId, checkKey(key), version);
    if (!found) throw notFoundRest(`Process '${key}' has no version ${version}`);
    return { ...publishedOf(found), xml: found.xml };
  }

  /** The forms the draft (else the latest version) names, with the draft's edits. */
  async forms(tenantId: string, key: string): Promise<LibraryFormDto[]> {
    const [published, draft] = await Promise.all([this.repository.version(tenantId, checkKey(key), null), this.repository.draft(tenantId, key)]);
    const xml = draft?.xml ?? published?.xml;
    if (xml === undefined) throw notFoundRest(`No process '${key}' in your organisation's library`);
    const base = new Map((await this.repository.latestResources(tenantId, '.form')).map((r) => [r.name, r] as const));
    // Forms of the latest version's own deployment first: those are the ones its cases use.
    if (published && !draft) for (const r of await this.repository.deploymentResources(tenantId, published.deploymentId)) if (/\.form$/i.test(r.name)) base.set(r.name, r);
    const catalogue = new FormCatalogue([...base.values()], draft?.forms ?? {});
    const references: FormReference[] = [];
    try {
      for (const process of executableProcesses(await readBpmn(xml))) references.push(...formReferences(process));
    } catch {
      return [];
    }
    const out = new Map<string, LibraryFormDto>();
    for (const reference of references) {
      const form = catalogue.resolve(reference);
      if (form && !out.has(form.name)) out.set(form.name, { name: form.name, formId: form.formId, schema: form.schema });
    }
    // Forms edited in the draft but not (yet) named by it are listed too, so that an edit is never lost from view.
    for (const [name, schema] of Object.entries(draft?.forms ?? {})) {
      if (!out.has(name) && isFormSchema(schema)) out.set(name, { name, formId: typeof schema.id === 'string' ? schema.id : null, schema });
    }
    return [...out.values()];
  }

  /** Saves an edited form into the draft (creating the draft from the latest version when there is none). */
  async saveDraftForm(tenantId: string, key: string, name: string, schema: unknown): Promise<{ name: string; formId: string | null; updatedAt: string }> {
    checkKey(key);
    if (!FORM_NAME.test(name)) throw badRequest(`'${name}' is not a form resource name (a file name ending in .form, e.g. tc_escalation.form)`);
    if (!isFormSchema(schema)) throw badRequest('schema must be a form-js schema: an object with a components list');
    const draft = await this.repository.draft(tenantId, key);
    const xml = draft?.xml ?? (await this.repository.version(tenantId, key, null))?.xml;
    if (xml === undefined) throw notFoundRest(`No process '${key}' in your organisation's library`);
    const at = this.clock.now();
    await this.repository.saveDraftForm(tenantId, key, xml, name, schema, currentAuthor(), at);
    return { name, formId: typeof schema.id === 'string' ? schema.id : null, updatedAt: at.toISOString() };
  }
}
