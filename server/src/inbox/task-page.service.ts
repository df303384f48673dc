/**
 * The task page: everything a person needs to do one step of a case (its guidance, form,
 * signposting, deadline, the case so far and their draft), and completing it through the engine.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Clock, Engine } from '../../engine';
import { CLOCK, ENGINE } from '../engine-host/tokens';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';
import { hasPermission } from '../security/caller';
import { CaseReadingRepository, type HistoryStep, type KeyFact } from './case-reading.repository';
import { DefinitionRepository } from './definition.repository';
import { DraftRepository } from './draft.repository';
import { findRawForm, findSchema, toVariables, type FormJson } from './form-values';
import type { InboxTask } from './inbox-task';
import { InboxService, type VisibleTask } from './inbox.service';
import { signpostingFor, type SignpostingView } from './signposting';

export interface TaskPage {
  task: InboxTask;
  guidance: string | null;
  formSchema: FormJson | null;
  draft: Record<string, unknown> | null;
  signposting: SignpostingView[];
  deadline: { due: string; workingHoursLeft: number | null; overdue: boolean } | null;
  caseSummary: { businessKey: string | null; keyFacts: KeyFact[] };
  history: { activityName: string | null; assignee: string | null; start: string; end: string | null; onTime: boolean | null }[];
}

export interface NextTask {
  id: string;
  name: string | null;
  candidateGroups: string[];
  assignee: string | null;
}

@Injectable()
export class TaskPageService {
  constructor(
    private readonly inbox: InboxService,
    private readonly definitions: DefinitionRepository,
    private readonly cases: CaseReadingRepository,
    private readonly drafts: DraftRepository,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(taskId: string): Promise<TaskPage> {
    const caller = requestCaller();
    const task = await this.inbox.visibleTask(taskId);
    const definition = await this.definitions.byId(task.definitionId);
    const details = definition ? await this.definitions.processDetails(definition) : null;
    const step = details?.steps.get(task.taskKey);
    const forms = definition ? await this.definitions.formsOf(definition.deploymentId) : null;
    const signposting = definition && step?.signpostingKeys.length ? signpostingFor(step.signpostingKeys, await this.definitions.signpostingOf(definition.deploymentId)) : [];
    const history: HistoryStep[] = await this.cases.history(task.caseId, this.clock.now());
    return {
      task: this.publicTask(task),
      guidance: step?.guidance ?? null,
      formSchema: forms ? findRawForm(task, forms.raw) : null,
      draft: (await this.drafts.load(task.id, caller.userId))?.values ?? null,
      signposting,
      deadline: task.due ? { due: task.due, workingHoursLeft: task.workingHoursLeft, overdue: task.overdue } : null,
      caseSummary: { businessKey: task.businessKey, keyFacts: await this.cases.keyFacts(task.caseId, details?.sensitive ?? new Set()) },
      history: history.map((h) => ({ activityName: h.activityName, assignee: h.assignee, start: h.start, end: h.end, onTime: h.onTime })),
    };
  }

  async saveDraft(taskId: string, values: Record<string, unknown>): Promise<void> {
    const caller = requestCaller();
    const task = await this.inbox.visibleTask(taskId);
    await this.drafts.save(task.tenantId, task.id, caller.userId, values, this.clock.now());
  }

  /**
   * Completes a task with its form's answers (the engine checks them against the form: 400
   * naming the fields) and answers the tasks that came next in the case. A task someone else has
   * claimed can be completed only by those who may assign work.
   */
  async complete(taskId: string, values: Record<string, unknown>): Promise<{ nextTasks: NextTask[] }> {
    const caller = requestCaller();
    const task = await this.inbox.visibleTask(taskId);
    if (task.assignee !== null && task.assignee !== caller.userId && !hasPermission(caller, 'task:assign')) {
      throw forbidden(`This task is claimed by ${task.assignee}`);
    }
    const definition = await this.definitions.byId(task.definitionId);
    const forms = definition ? await this.definitions.formsOf(definition.deploymentId) : null;
    const schema = forms ? findSchema(task, forms.deployed) : null;
    const root = (await this.cases.rootOf(task.caseId)) ?? task.caseId;
    const before = new Set((await this.cases.openTasksOfTree(root)).map((t) => t.id));
    await this.engine.completeTask(task.id, toVariables(values, schema));
    await this.drafts.deleteForTask(task.id);
    const after = await this.cases.openTasksOfTree(root);
    return { nextTasks: after.filter((t) => !before.has(t.id)) };
  }

  private publicTask(task: VisibleTask): InboxTask {
    const { definitionId: _d, executionId: _e, tenantId: _t, formKey: _k, formRef: _r, ...inboxTask } = task;
    return inboxTask;
  }
}
