/**
 * Starting a case from the inbox: which processes the caller may start (and their start forms),
 * and starting one with the start form's answers, checked against the form on the server.
 *
 * A process can be started by a person when it has a none start event or a message start event
 * at process level, is not only called by another process of the organisation, and either names
 * no `camunda:candidateStarterGroups` or names one of the person's groups. Machine clients and
 * the platform administrator may start any of them.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Engine } from '../../engine';
import { describeViolations, validateForm } from '../../engine/forms';
import { ENGINE } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictTasks } from '../persistence/queries/visibility';
import { ScopedDataSource } from '../persistence/tenant-scope';
import type { Caller } from '../security/caller';
import { DefinitionRepository, type DefinitionRow } from './definition.repository';
import { findRawForm, findSchema, startFormReference, toVariables, type FormJson } from './form-values';
import type { ProcessDetails, StartEventDetails } from './process-details';

export interface StartableProcess {
  key: string;
  name: string | null;
  definitionId: string;
  tenantId: string | null;
  startFormKey: string | null;
  formSchema: FormJson | null;
}

const STARTABLE_KINDS: readonly StartEventDetails['kind'][] = ['none', 'message'];

function mayStart(caller: Caller, details: ProcessDetails): boolean {
  if (caller.kind === 'token' || caller.platformAdmin || details.candidateStarterGroups === null) return true;
  return details.candidateStarterGroups.some((group) => caller.groups.includes(group));
}

/** The start event a person starts at: the one asked for, else the none start event, else the first message start event. */
function startEventOf(details: ProcessDetails, requested?: string): StartEventDetails | null {
  const events = details.startEvents.filter((e) => STARTABLE_KINDS.includes(e.kind));
  if (requested !== undefined) return events.find((e) => e.id === requested) ?? null;
  return events.find((e) => e.kind === 'none') ?? events[0] ?? null;
}

@Injectable()
export class CaseStartService {
  constructor(
    private readonly definitions: DefinitionRepository,
    private readonly db: ScopedDataSource,
    @Inject(ENGINE) private readonly engine: Engine,
  ) {}

  async startable(): Promise<StartableProcess[]> {
    const caller = requestCaller();
    const latest = (await this.definitions.latest()).filter((d) => !d.suspended);
    const details = await Promise.all(latest.map((d) => this.definitions.processDetails(d)));
    const called = new Set(latest.flatMap((d, i) => details[i].calls.map((key) => `${d.tenantId ?? ''}/${key}`)));
    const result: StartableProcess[] = [];
    for (const [i, definition] of latest.entries()) {
      const start = startEventOf(details[i]);
      if (start === null || called.has(`${definition.tenantId ?? ''}/${definition.key}`) || !mayStart(caller, details[i])) continue;
      result.push(await this.describe(definition, start));
    }
    return result;
  }

  /** Starts a case of the latest version of `processKey`; answers the new case and the first task the caller may work on. */
  async start(processKey: string, values: Record<string, unknown>, businessKey?: string, startEventId?: string): Promise<{ caseId: string; nextTaskId: string | null }> {
    const caller = requestCaller();
    const versions = await this.definitions.latest(processKey);
    if (versions.length === 0) throw notFoundRest(`No process '${processKey}' in your organisation`);
    if (versions.length > 1) throw badRequest(`Process '${processKey}' exists in several organisations: start it through /engine-rest with a tenant id`);
    const [definition] = versions;
    const details = await this.definitions.processDetails(definition);
    if (!mayStart(caller, details)) throw forbidden(`You may not start '${processKey}'`);
    const start = startEventOf(details, startEventId);
    if (start === null) throw badRequest(startEventId ? `Process '${processKey}' has no start event '${startEventId}' a person can start` : `Process '${processKey}' cannot be started by a person`);
    const forms = await this.definitions.formsOf(definition.deploymentId);
    const reference = { formKey: start.formKey, formRef: start.formRef };
    const schema = findSchema(reference, forms.deployed);
    if (schema) {
      const violations = validateForm(schema, values);
      if (violations.length) throw badRequest(describeViolations(violations));
    }
    const started = await this.engine.startProcessInstance({
      definitionId: definition.id,
      businessKey: businessKey ?? null,
      variables: toVariables(values, schema),
      startActivityId: start.id,
    });
    return { caseId: started.instance.id, nextTaskId: await this.firstTaskFor(started.instance.id) };
  }

  private async describe(definition: DefinitionRow, start: StartEventDetails): Promise<StartableProcess> {
    const reference = start.formKey || start.formRef ? { formKey: start.formKey, formRef: start.formRef } : startFormReference(definition.startFormKey);
    const hasForm = Boolean(reference.formKey || reference.formRef);
    const formSchema = hasForm ? findRawForm(reference, (await this.definitions.formsOf(definition.deploymentId)).raw) : null;
    return {
      key: definition.key,
      name: definition.name,
      definitionId: definition.id,
      tenantId: definition.tenantId,
      startFormKey: reference.formKey ?? reference.formRef ?? null,
      formSchema,
    };
  }

  /** The oldest open task of the new case (or a case it called) that the caller may see, if any. */
  private async firstTaskFor(caseId: string): Promise<string | null> {
    const where = restrictTasks(new SqlWhere(), 't');
    where.add(`p.root_instance_id = ${where.param(caseId)}`);
    const rows: { id: string }[] = await this.db.query(
      `SELECT t.id FROM task t JOIN process_instance p ON p.id = t.instance_id ${where.toSql()} ORDER BY t.created, t.id LIMIT 1`,
      where.params,
    );
    return rows[0]?.id ?? null;
  }
}
