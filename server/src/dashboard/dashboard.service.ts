/**
 * The manager dashboard of an organisation: open and overdue work by process, step, team and
 * person; deadline compliance of each timed step this month with a six-month trend; the cases
 * waiting longest; the overdue list; the heat map of a process. Only for callers who see the
 * whole organisation (managers); every query is limited to it (dashboard-query.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '../../engine';
import { CLOCK } from '../engine-host/tokens';
import { notFoundRest } from '../engine-rest/camunda-rest-error';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictTasks } from '../persistence/queries/visibility';
import { ScopedDataSource } from '../persistence/tenant-scope';
import { seesWholeOrganisation, type Caller } from '../security/caller';
import { IdentityRepository } from '../security/identity.repository';
import { DefinitionRepository, type DefinitionRow } from '../inbox/definition.repository';
import { INBOX_COLUMNS } from '../inbox/inbox-query';
import type { InboxTask } from '../inbox/inbox-task';
import { InboxService } from '../inbox/inbox.service';
import type { ProcessDetails } from '../inbox/process-details';
import { TREND_MONTHS, casesAtStepSql, complianceSql, complianceWindow, heatmapSql, longestWaitingSql, openWorkSql } from './dashboard-query';

export interface Breakdown {
  key: string | null;
  label: string;
  open: number;
  overdue: number;
  /** How long the longest-overdue task of the entry has been overdue (ms); 0 when none is. */
  maxOverdueMs: number;
  processKey?: string;
  stepKey?: string;
}

export interface ComplianceRow {
  processKey: string;
  processName: string | null;
  stepKey: string;
  stepName: string | null;
  /** The deadline as the model writes it, e.g. `1 working day`. */
  deadline: string | null;
  /** This month (the organisation's calendar). */
  met: number;
  missed: number;
  rate: number | null;
  /** The last six months, oldest first. */
  trend: { month: string; met: number; missed: number; rate: number | null }[];
}

export interface Dashboard {
  openByProcess: Breakdown[];
  openByStep: Breakdown[];
  openByTeam: Breakdown[];
  openByPerson: Breakdown[];
  compliance: ComplianceRow[];
  longestWaiting: { caseId: string; businessKey: string | null; processName: string | null; taskName: string | null; waitingMs: number }[];
  /** The most overdue open tasks (up to 50), most overdue first. */
  overdue: InboxTask[];
}

const OVERDUE_LIST = 50;
const OVERDUE_EXPORT = 10_000;

/** A deadline written as an expression, read for people: its working-time literal if it has one. */
export function deadlineLabel(text: string | null): string | null {
  if (text === null) return null;
  if (!text.includes('${') && !text.startsWith('=')) return text;
  const literal = /['"]([^'"]*(?:working|day|hour|minute)[^'"]*)['"]/i.exec(text)?.[1];
  return literal ? `${literal} (or as agreed for the case)` : 'set for each case';
}

function add(map: Map<string, Breakdown>, key: string | null, label: string, open: number, overdue: number, overdueMs: number, extra: Partial<Breakdown> = {}): void {
  const id = key ?? '';
  const entry = map.get(id) ?? { key, label, open: 0, overdue: 0, maxOverdueMs: 0, ...extra };
  entry.open += open;
  entry.overdue += overdue;
  entry.maxOverdueMs = Math.max(entry.maxOverdueMs, overdueMs);
  map.set(id, entry);
}

function sorted(map: Map<string, Breakdown>): Breakdown[] {
  return [...map.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.label.localeCompare(b.label));
}

function rate(met: number, missed: number): number | null {
  return met + missed === 0 ? null : Math.round((met / (met + missed)) * 1000) / 1000;
}

@Injectable()
export class DashboardService {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly definitions: DefinitionRepository,
    private readonly inbox: InboxService,
    private readonly identities: IdentityRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The caller, who must see the whole organisation (403 for staff). */
  manager(): Caller {
    const caller = requestCaller();
    if (!seesWholeOrganisation(caller)) throw forbidden('The dashboard is for managers');
    return caller;
  }

  async dashboard(): Promise<Dashboard> {
    const caller = this.manager();
    const now = this.clock.now();
    const models = await this.models();
    const [open, compliance, longest, overdue] = [await this.openWork(caller, now, models), await this.compliance(caller, now, models), await this.longestWaiting(now, models), await this.overdueTasks(now, OVERDUE_LIST)];
    return { ...open, compliance, longestWaiting: longest, overdue };
  }

  /** Every open overdue task (up to 10,000), most overdue first, for the CSV export. */
  async overdueExport(): Promise<InboxTask[]> {
    this.manager();
    return this.overdueTasks(this.clock.now(), OVERDUE_EXPORT);
  }

  async complianceExport(): Promise<ComplianceRow[]> {
    const caller = this.manager();
    return this.compliance(caller, this.clock.now(), await this.models());
  }

  async heatmap(processKey: string): Promise<{ definitionId: string; processKey: string; name: string | null; xml: string; steps: { activityId: string; active: number; overdue: number }[] }> {
    this.manager();
    const [definition] = await this.definitions.latest(processKey);
    const xml = definition ? await this.definitions.xml(definition.id) : null;
    if (!definition || xml === null) throw notFoundRest(`No process '${processKey}' in your organisation`);
    const sql = heatmapSql(processKey, this.clock.now());
    const rows: { activity_id: string; active: number; overdue: number }[] = await this.db.query(sql.text, sql.params);
    return { definitionId: definition.id, processKey, name: definition.name, xml, steps: rows.map((r) => ({ activityId: r.activity_id, active: r.active, overdue: r.overdue })) };
  }

  async casesAtStep(processKey: string, activityId: string) {
    this.manager();
    const now = this.clock.now();
    const sql = casesAtStepSql(processKey, activityId, 500);
    const rows: Record<string, unknown>[] = await this.db.query(sql.text, sql.params);
    return rows.map((r) => {
      const due = r.due as Date | null;
      return {
        caseId: String(r.instance_id),
        businessKey: (r.business_key as string | null) ?? null,
        since: (r.start_time as Date).toISOString(),
        taskId: (r.task_id as string | null) ?? null,
        taskName: (r.task_name as string | null) ?? null,
        assignee: (r.assignee as string | null) ?? null,
        candidateGroups: (r.candidate_groups as string[] | null) ?? [],
        due: due ? due.toISOString() : null,
        overdue: due !== null && due.getTime() < now.getTime(),
        overdueForMs: due !== null && due.getTime() < now.getTime() ? now.getTime() - due.getTime() : 0,
      };
    });
  }

  /** The latest definitions the caller sees, with their model details, by process key. */
  private async models(): Promise<Map<string, { definition: DefinitionRow; details: ProcessDetails }>> {
    const latest = await this.definitions.latest();
    const byKey = new Map<string, { definition: DefinitionRow; details: ProcessDetails }>();
    for (const definition of latest) {
      if (!byKey.has(definition.key)) byKey.set(definition.key, { definition, details: await this.definitions.processDetails(definition) });
    }
    return byKey;
  }

  private async openWork(caller: Caller, now: Date, models: Map<string, { definition: DefinitionRow; details: ProcessDetails }>) {
    const sql = openWorkSql(now);
    const rows: { definition_key: string; task_definition_key: string; assignee: string | null; candidate_groups: string[]; open: number; overdue: number; oldest_due: Date | null }[] =
      await this.db.query(sql.text, sql.params);
    const people = new Map((await this.identities.listUsers(caller.platformAdmin ? null : caller.tenantId)).map((u) => [u.username, u.displayName]));
    const byProcess = new Map<string, Breakdown>();
    const byStep = new Map<string, Breakdown>();
    const byTeam = new Map<string, Breakdown>();
    const byPerson = new Map<string, Breakdown>();
    for (const row of rows) {
      const model = models.get(row.definition_key);
      const overdueMs = row.oldest_due ? now.getTime() - row.oldest_due.getTime() : 0;
      const processName = model?.definition.name ?? row.definition_key;
      const stepName = model?.details.steps.get(row.task_definition_key)?.name ?? row.task_definition_key;
      add(byProcess, row.definition_key, processName, row.open, row.overdue, overdueMs);
      add(byStep, `${row.definition_key}:${row.task_definition_key}`, `${stepName} (${processName})`, row.open, row.overdue, overdueMs, { processKey: row.definition_key, stepKey: row.task_definition_key });
      for (const group of row.candidate_groups) {
        add(byTeam, group, model?.details.groupLabels.get(group) ?? group, row.open, row.overdue, overdueMs);
      }
      add(byPerson, row.assignee, row.assignee === null ? 'Not claimed yet' : (people.get(row.assignee) ?? row.assignee), row.open, row.overdue, overdueMs);
    }
    return { openByProcess: sorted(byProcess), openByStep: sorted(byStep), openByTeam: sorted(byTeam), openByPerson: sorted(byPerson) };
  }

  private async compliance(caller: Caller, now: Date, models: Map<string, { definition: DefinitionRow; details: ProcessDetails }>): Promise<ComplianceRow[]> {
    const window = complianceWindow(now, this.inbox.calendarOf(caller.tenantId).timeZone, TREND_MONTHS);
    const sql = complianceSql(now, window.monthStarts, window.until);
    const rows: { definition_key: string; task_definition_key: string; month: number; met: number; missed: number }[] = await this.db.query(sql.text, sql.params);
    const steps = new Map<string, ComplianceRow>();
    for (const row of rows) {
      const id = `${row.definition_key}:${row.task_definition_key}`;
      let entry = steps.get(id);
      if (!entry) {
        const model = models.get(row.definition_key);
        const step = model?.details.steps.get(row.task_definition_key);
        entry = {
          processKey: row.definition_key,
          processName: model?.definition.name ?? null,
          stepKey: row.task_definition_key,
          stepName: step?.name ?? null,
          deadline: deadlineLabel(step?.dueDate ?? null),
          met: 0,
          missed: 0,
          rate: null,
          trend: window.labels.map((month) => ({ month, met: 0, missed: 0, rate: null })),
        };
        steps.set(id, entry);
      }
      const month = entry.trend[row.month - 1];
      if (!month) continue;
      month.met += row.met;
      month.missed += row.missed;
      month.rate = rate(month.met, month.missed);
    }
    for (const entry of steps.values()) {
      const current = entry.trend[entry.trend.length - 1];
      entry.met = current.met;
      entry.missed = current.missed;
      entry.rate = current.rate;
    }
    return [...steps.values()].sort((a, b) => (a.processName ?? a.processKey).localeCompare(b.processName ?? b.processKey) || (a.stepName ?? a.stepKey).localeCompare(b.stepName ?? b.stepKey));
  }

  private async longestWaiting(now: Date, models: Map<string, { definition: DefinitionRow; details: ProcessDetails }>): Promise<Dashboard['longestWaiting']> {
    const sql = longestWaitingSql(40);
    const rows: { instance_id: string; business_key: string | null; definition_key: string; name: string | null; created: Date }[] = await this.db.query(sql.text, sql.params);
    const seen = new Set<string>();
    const result: Dashboard['longestWaiting'] = [];
    for (const row of rows) {
      if (seen.has(row.instance_id) || result.length >= 10) continue;
      seen.add(row.instance_id);
      result.push({
        caseId: row.instance_id,
        businessKey: row.business_key,
        processName: models.get(row.definition_key)?.definition.name ?? row.definition_key,
        taskName: row.name,
        waitingMs: now.getTime() - row.created.getTime(),
      });
    }
    return result;
  }

  private async overdueTasks(now: Date, limit: number): Promise<InboxTask[]> {
    const where = restrictTasks(new SqlWhere(), 't');
    where.add(`t.due < ${where.param(now)}`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${INBOX_COLUMNS} FROM task t ${where.toSql()} ORDER BY t.due ASC, t.priority DESC, t.id LIMIT ${where.param(limit)}`,
      where.params,
    );
    return this.inbox.toInboxTasks(rows, now);
  }
}
