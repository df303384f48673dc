/**
 * The case view and managers' actions on a case. The view: the diagram with the current
 * position, a timeline of every step (who, when, how long, on time or late) and of managers'
 * actions with their reasons, the variables (sensitive ones only for readers of the case's
 * organisation; every view is audited with the case id), and incidents. Each action is one
 * engine command carrying an operation note (who and why): the engine records it with the change,
 * and the store writes it to `case_action` in the same transaction, so an action never stands
 * without its reason, nor a reason without its action.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Clock, Engine } from '../../engine';
import type { TypedValue, VariableType } from '../../engine/runtime/state';
import { requestAuditOf } from '../audit/request-audit';
import { CLOCK, ENGINE } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { requestCaller } from '../engine-rest/controllers/caller-scope';
import { openVariableRow } from '../persistence/sensitive-columns';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictCases } from '../persistence/queries/visibility';
import { ScopedDataSource } from '../persistence/tenant-scope';
import { DataCipher } from '../security/data-cipher';
import { mayReadSensitive, redactedValue } from '../security/sensitive-access';
import { CaseReadingRepository, type HistoryStep } from '../inbox/case-reading.repository';
import { DefinitionRepository } from '../inbox/definition.repository';
import { InboxService } from '../inbox/inbox.service';
import { CaseActionRepository, type CaseAction } from './case-action.repository';

export interface CaseSummary {
  id: string;
  businessKey: string | null;
  processKey: string;
  processName: string | null;
  definitionId: string;
  tenantId: string | null;
  state: string;
  startTime: string;
  endTime: string | null;
  deleteReason: string | null;
  superCaseId: string | null;
  rootCaseId: string;
}

export type TimelineEntry =
  | ({ kind: 'step'; name: string | null; at: string } & Omit<HistoryStep, 'activityName'>)
  | ({ kind: 'action'; activityId: string | null; name: string; at: string } & CaseAction);

export interface CaseView {
  case: CaseSummary;
  xml: string | null;
  currentActivityIds: string[];
  timeline: TimelineEntry[];
  variables: Record<string, TypedValue & { sensitive?: boolean }>;
  incidents: { id: string; activityId: string; type: string; message: string; created: string; jobId: string | null }[];
}

const ACTION_NAMES: Record<CaseAction['action'], string> = {
  reassign: 'Task reassigned',
  'change-due': 'Due date changed',
  cancel: 'Case cancelled',
  'retry-incident': 'Incident retried',
};

@Injectable()
export class CaseViewService {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly definitions: DefinitionRepository,
    private readonly cases: CaseReadingRepository,
    private readonly actions: CaseActionRepository,
    private readonly inbox: InboxService,
    private readonly cipher: DataCipher,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A case the caller may see (404 otherwise); the audit entry of the request names it. */
  async summary(caseId: string, request?: Request): Promise<CaseSummary> {
    const where = restrictCases(new SqlWhere(), 'h.tenant_id', 'h.id');
    where.add(`h.id = ${where.param(caseId)}`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT h.id, h.business_key, h.definition_id, h.definition_key, h.definition_name, h.tenant_id, h.state, h.start_time, h.end_time,
              h.delete_reason, h.super_instance_id, h.root_instance_id
         FROM hi_process_instance h ${where.toSql()}`,
      where.params,
    );
    const row = rows[0];
    if (!row) throw notFoundRest(`No case with id '${caseId}'`);
    if (request) requestAuditOf(request)?.addCaseIds([String(row.id)]);
    return {
      id: String(row.id),
      businessKey: (row.business_key as string | null) ?? null,
      processKey: String(row.definition_key),
      processName: (row.definition_name as string | null) ?? null,
      definitionId: String(row.definition_id),
      tenantId: (row.tenant_id as string | null) ?? null,
      state: String(row.state),
      startTime: (row.start_time as Date).toISOString(),
      endTime: row.end_time ? (row.end_time as Date).toISOString() : null,
      deleteReason: (row.delete_reason as string | null) ?? null,
      superCaseId: (row.super_instance_id as string | null) ?? null,
      rootCaseId: String(row.root_instance_id),
    };
  }

  async view(caseId: string, request: Request): Promise<CaseView> {
    const caller = requestCaller();
    const summary = await this.summary(caseId, request);
    const readable = mayReadSensitive(caller, summary.tenantId);
    const history = await this.cases.history(summary.id, this.clock.now());
    const actions = await this.actions.forCase(summary.id, readable);
    const activityOfTask = new Map(history.filter((h) => h.taskId).map((h) => [h.taskId!, h.activityId]));
    const timeline: TimelineEntry[] = [
      ...history.map(({ activityName, ...step }) => ({ kind: 'step' as const, name: activityName, at: step.start, ...step })),
      ...actions.map((action) => ({ kind: 'action' as const, activityId: action.taskId ? (activityOfTask.get(action.taskId) ?? null) : null, name: ACTION_NAMES[action.action], ...action })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return {
      case: summary,
      xml: await this.definitions.xml(summary.definitionId),
      currentActivityIds: await this.currentActivities(summary.id),
      timeline,
      variables: await this.variables(summary, readable),
      incidents: await this.incidents(summary.id),
    };
  }

  private async currentActivities(caseId: string): Promise<string[]> {
    const rows: { activity_id: string }[] = await this.db.query(
      `SELECT DISTINCT e.activity_id FROM execution e WHERE e.instance_id = $1 AND e.phase <> 'scope' AND e.activity_id IS NOT NULL ORDER BY e.activity_id`,
      [caseId],
    );
    return rows.map((r) => r.activity_id);
  }

  /** The case's own variables (latest values, live or ended case); sensitive ones redacted unless `readable`. */
  private async variables(summary: CaseSummary, readable: boolean): Promise<CaseView['variables']> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT v.id, v.name, v.type, v.value, v.value_info, v.sensitive, v.tenant_id FROM hi_variable v
        WHERE v.instance_id = $1 AND v.execution_id = $1 AND v.task_id IS NULL AND v.state = 'CREATED' ORDER BY v.name`,
      [summary.id],
    );
    const variables: CaseView['variables'] = {};
    for (const row of rows) {
      const sensitive = row.sensitive === true;
      const typed: TypedValue = { type: row.type as VariableType, value: null };
      if (sensitive && !readable) {
        variables[String(row.name)] = { ...redactedValue(typed), sensitive: true };
        continue;
      }
      const open = openVariableRow(row, this.cipher);
      variables[String(row.name)] = { type: typed.type, value: open.value ?? null, ...(sensitive ? { sensitive: true } : {}) };
    }
    return variables;
  }

  private async incidents(caseId: string): Promise<CaseView['incidents']> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT i.id, i.activity_id, i.type, i.message, i.configuration, i.created FROM incident i WHERE i.instance_id = $1 ORDER BY i.created, i.id`,
      [caseId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      activityId: String(r.activity_id),
      type: String(r.type),
      message: String(r.message),
      created: (r.created as Date).toISOString(),
      jobId: r.type === 'failedJob' ? ((r.configuration as string | null) ?? null) : null,
    }));
  }

  /** Gives a failed job of the case its retries again (its incident resolves and it is woken at its due date). */
  async retryIncident(caseId: string, incidentId: string, reason: string | null, request: Request): Promise<void> {
    const caller = requestCaller();
    const summary = await this.summary(caseId, request);
    const incident = (await this.incidents(summary.id)).find((i) => i.id === incidentId);
    if (!incident) throw notFoundRest(`No incident '${incidentId}' in case '${caseId}'`);
    if (incident.jobId === null) throw badRequest(`Incident '${incidentId}' is a ${incident.type}: only failed jobs are retried here`);
    await this.engine.setJobRetries(incident.jobId, 1, { operation: { userId: caller.userId, annotation: reason } });
  }

  async cancel(caseId: string, reason: string, request: Request): Promise<void> {
    const caller = requestCaller();
    const summary = await this.summary(caseId, request);
    if (summary.endTime !== null) throw badRequest(`Case '${caseId}' has already ended`);
    await this.engine.deleteProcessInstance(summary.id, `Cancelled by ${caller.userId}`, { operation: { userId: caller.userId, annotation: reason } });
  }

  async changeDue(taskId: string, due: Date | null, reason: string, request: Request): Promise<void> {
    const caller = requestCaller();
    const task = await this.inbox.visibleTask(taskId);
    requestAuditOf(request)?.addCaseIds([task.caseId]);
    await this.engine.updateTaskDates(task.id, { due }, { operation: { userId: caller.userId, annotation: reason } });
  }

  async reassign(taskId: string, userId: string, reason: string, request: Request): Promise<void> {
    const task = await this.inbox.assign(taskId, userId, reason);
    requestAuditOf(request)?.addCaseIds([task.caseId]);
  }
}
