/**
 * The inbox: views of open tasks with their counts, and claiming, releasing and assigning
 * through the engine (each one engine transaction). Every read runs in the caller's row-level
 * security scope with the service-layer visibility filter (inbox-query.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Clock, Engine } from '../../engine';
import type { BusinessCalendar } from '../../engine/calendar';
import { CalendarService } from '../calendars/calendar.service';
import { CLOCK, ENGINE } from '../engine-host/tokens';
import { badRequest, notFoundRest } from '../engine-rest/camunda-rest-error';
import { forbidden, organisationOf, requestCaller } from '../engine-rest/controllers/caller-scope';
import { SqlWhere } from '../persistence/queries/sql-query';
import { restrictTasks } from '../persistence/queries/visibility';
import { ScopedDataSource } from '../persistence/tenant-scope';
import { hasPermission, seesWholeOrganisation, type Caller } from '../security/caller';
import { IdentityRepository } from '../security/identity.repository';
import { DefinitionRepository } from './definition.repository';
import { INBOX_COLUMNS, inboxCountSql, inboxPageSql, type DueBounds, type InboxFilter, type InboxView } from './inbox-query';
import { toInboxTask, type InboxTask } from './inbox-task';

export interface InboxPage {
  tasks: InboxTask[];
  /** Open tasks in each view (without the filters); `all` is null for callers without that view. */
  counts: { mine: number; team: number; all: number | null };
}

/** An open task the caller may see, with what the task page and commands need beyond the inbox row. */
export interface VisibleTask extends InboxTask {
  definitionId: string;
  executionId: string;
  tenantId: string | null;
  formKey: string | null;
  formRef: string | null;
}

@Injectable()
export class InboxService {
  constructor(
    private readonly db: ScopedDataSource,
    private readonly definitions: DefinitionRepository,
    private readonly calendars: CalendarService,
    private readonly identities: IdentityRepository,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The calendar deadlines of `tenantId` are measured on. */
  calendarOf(tenantId: string | null): BusinessCalendar {
    return this.calendars.calendarFor(tenantId);
  }

  dueBounds(caller: Caller, now: Date): DueBounds {
    const zone = this.calendarOf(caller.tenantId).timeZone;
    const local = DateTime.fromJSDate(now, { zone });
    return { now, endOfToday: local.endOf('day').toJSDate(), endOfWeek: local.plus({ days: 6 }).endOf('day').toJSDate() };
  }

  async list(view: InboxView, filter: InboxFilter, page: { firstResult: number; maxResults: number }): Promise<InboxPage> {
    const caller = requestCaller();
    const whole = seesWholeOrganisation(caller);
    if (view === 'all' && !whole) throw forbidden('Only managers see every open task of the organisation');
    const now = this.clock.now();
    const due = this.dueBounds(caller, now);
    const { rows, counts } = await this.db.transaction(async (manager) => {
      const pageSql = inboxPageSql(caller, view, filter, due, page);
      const rows: Record<string, unknown>[] = await manager.query(pageSql.text, pageSql.params);
      const count = async (v: InboxView) => {
        const sql = inboxCountSql(caller, v);
        return ((await manager.query(sql.text, sql.params)) as { count: number }[])[0].count;
      };
      return { rows, counts: { mine: await count('mine'), team: await count('team'), all: whole ? await count('all') : null } };
    });
    return { tasks: await this.toInboxTasks(rows, now), counts };
  }

  async toInboxTasks(rows: Record<string, unknown>[], now: Date): Promise<InboxTask[]> {
    const names = await this.definitions.names(rows.map((r) => String(r.definition_id)));
    return rows.map((row) => toInboxTask(row, now, names.get(String(row.definition_id)) ?? null, this.calendarOf((row.tenant_id as string | null) ?? null)));
  }

  /** An open task the caller may see (404 otherwise): the inbox's row plus its form reference and execution. */
  async visibleTask(taskId: string): Promise<VisibleTask> {
    const where = restrictTasks(new SqlWhere(), 't');
    where.add(`t.id = ${where.param(taskId)}`);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${INBOX_COLUMNS}, t.execution_id, t.form_key, t.form_ref FROM task t ${where.toSql()}`,
      where.params,
    );
    if (!rows[0]) throw notFoundRest(`No task with id '${taskId}' in your inbox`);
    const row = rows[0];
    const [task] = await this.toInboxTasks([row], this.clock.now());
    return {
      ...task,
      definitionId: String(row.definition_id),
      executionId: String(row.execution_id),
      tenantId: (row.tenant_id as string | null) ?? null,
      formKey: (row.form_key as string | null) ?? null,
      formRef: (row.form_ref as string | null) ?? null,
    };
  }

  async claim(taskId: string): Promise<void> {
    const caller = requestCaller();
    await this.visibleTask(taskId);
    await this.engine.claimTask(taskId, caller.userId);
  }

  /** Releases a task to its groups: your own, or anyone's for those who may assign. */
  async unclaim(taskId: string): Promise<void> {
    const caller = requestCaller();
    const task = await this.visibleTask(taskId);
    if (task.assignee !== null && task.assignee !== caller.userId && !hasPermission(caller, 'task:assign')) {
      throw forbidden('You may release only tasks you have claimed');
    }
    await this.engine.unclaimTask(taskId);
  }

  /**
   * Gives a task to a colleague (managers); they are notified unless they assigned it to themselves.
   * With a `reason` (a manager's reassignment from the case view), the engine records the action and
   * its reason in the same transaction (`case_action`); default: none recorded.
   */
  async assign(taskId: string, userId: string, reason?: string): Promise<VisibleTask> {
    const caller = requestCaller();
    const task = await this.visibleTask(taskId);
    await this.requireColleague(caller, userId);
    const operation = reason === undefined ? undefined : { userId: caller.userId, annotation: reason };
    await this.engine.setAssignee(taskId, userId, caller.userId, { operation });
    return task;
  }

  /** 400 unless `userId` is an active user of the caller's organisation (the platform administrator may name anyone). */
  async requireColleague(caller: Caller, userId: string): Promise<void> {
    const organisation = organisationOf(caller);
    if (organisation === null) return;
    const user = await this.identities.findUserByUsername(userId);
    if (user === null || user.disabled || user.tenantId !== organisation) {
      throw badRequest(`Cannot assign the task to '${userId}': no such person in your organisation`);
    }
  }
}
