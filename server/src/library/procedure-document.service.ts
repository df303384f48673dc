/**
 * Assembles the readable procedure (procedure-document.ts) of a draft or a version: the model, the
 * forms its steps name (a version's own deployment first, a draft's edits first), the
 * organisation's signposting and role names.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '../../engine';
import { CLOCK } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { IdentityRepository } from '../security/identity.repository';
import { organisationName } from '../security/demo-directory';
import { executableProcesses, formReferenceOf, readBpmn, UnreadableBpmnError } from './bpmn-outline';
import { FormCatalogue } from './form-catalogue';
import { LibraryRepository, type Resource } from './library.repository';
import { OrganisationModels } from './organisation-models';
import { procedureDocument, type SignpostingEntry } from './procedure-document';
import { checkKey } from './process-library.service';

function signpostingEntries(resource: Resource | undefined): Map<string, SignpostingEntry> {
  const entries = new Map<string, SignpostingEntry>();
  if (!resource) return entries;
  try {
    const parsed = JSON.parse(resource.content) as { entries?: unknown };
    for (const entry of Array.isArray(parsed.entries) ? parsed.entries : []) {
      if (entry && typeof entry.key === 'string' && typeof entry.name === 'string') entries.set(entry.key, entry as SignpostingEntry);
    }
  } catch {
    // Not JSON: no signposting.
  }
  return entries;
}

const day = (iso: string): string => iso.slice(0, 10);

@Injectable()
export class ProcedureDocumentService {
  constructor(
    private readonly repository: LibraryRepository,
    private readonly models: OrganisationModels,
    private readonly identity: IdentityRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The HTML of the draft (`'draft'`), a version (a number), or by default the draft if any, else the latest version. */
  async document(tenantId: string, key: string, which: 'draft' | number | undefined): Promise<string> {
    checkKey(key);
    const draft = which === undefined || which === 'draft' ? await this.repository.draft(tenantId, key) : null;
    let xml: string;
    let versionLine: string;
    const latestForms = await this.repository.latestResources(tenantId, '.form');
    const latestSignposting = (await this.repository.latestResources(tenantId, 'signposting.json')).find((r) => r.name === 'signposting.json');
    let catalogue: FormCatalogue;
    let signposting = latestSignposting;
    if (draft) {
      xml = draft.xml;
      versionLine = `Draft, last saved ${day(draft.updatedAt)} by ${draft.updatedBy}`;
      catalogue = new FormCatalogue(latestForms, draft.forms);
    } else {
      if (which === 'draft') throw notFoundRest(`Process '${key}' has no draft`);
      const version = await this.repository.version(tenantId, key, typeof which === 'number' ? which : null);
      if (!version) throw notFoundRest(typeof which === 'number' ? `Process '${key}' has no version ${which}` : `No process '${key}' in your organisation's library`);
      xml = version.xml;
      versionLine = `Version ${version.version}, published ${day(version.publishedAt)} by ${version.publishedBy}`;
      const own = await this.repository.deploymentResources(tenantId, version.deploymentId);
      const forms = new Map(latestForms.map((r) => [r.name, r] as const));
      for (const r of own) if (/\.form$/i.test(r.name)) forms.set(r.name, r);
      catalogue = new FormCatalogue([...forms.values()]);
      signposting = own.find((r) => r.name === 'signposting.json') ?? latestSignposting;
    }
    let process;
    try {
      const processes = executableProcesses(await readBpmn(xml));
      process = processes.find((p) => p.id === key) ?? processes[0];
    } catch (error) {
      if (error instanceof UnreadableBpmnError) throw badRequest(error.message);
      throw error;
    }
    if (!process) throw badRequest(`Process '${key}' has no executable process to describe`);
    const latest = await this.models.latest(tenantId);
    const names = new Map(latest.map((l) => [l.definition.key, l.definition.name] as const));
    return procedureDocument({
      process,
      organisationName: (await this.identity.organisationName(tenantId)) ?? organisationName(tenantId),
      versionLine,
      formOf: (element) => {
        const reference = formReferenceOf(element);
        return reference ? catalogue.resolve(reference) : null;
      },
      roleLabel: await this.models.labeller(tenantId),
      signposting: signpostingEntries(signposting),
      processName: (calledKey) => names.get(calledKey) ?? null,
      generatedAt: this.clock.now(),
    });
  }
}
