import { EngineError, EngineErrorCode } from '../engine-error';
import type { CompiledExpression } from '../expressions';
import type { NodeModel } from '../model/process-model';
import { taskRecord } from '../runtime/history-records';
import { notifyTask } from '../runtime/notifications';
import type { ExecutionState, JobState, TaskState } from '../runtime/state';
import type { Step } from '../runtime/step';
import { listenFor } from './listeners';

/**
 * Activities: user tasks wait for a person, external tasks for a worker, receive tasks for a
 * message; manual tasks and plain tasks pass straight through.
 */

export function executeUserTask(step: Step, execution: ExecutionState, node: NodeModel): void {
  const spec = node.userTask!;
  const text = (e: CompiledExpression | null): string | null => {
    if (!e) return null;
    const value = step.evaluate(e, execution.id, node.id);
    return value == null || value === '' ? null : String(value);
  };
  const list = (e: CompiledExpression | null): string[] => {
    if (!e) return [];
    const value = step.evaluate(e, execution.id, node.id);
    const items = Array.isArray(value) ? value : String(value ?? '').split(',');
    return items.map((i) => String(i).trim()).filter(Boolean);
  };
  const date = (e: CompiledExpression | null): string | null => {
    if (!e) return null;
    const value = step.evaluate(e, execution.id, node.id);
    if (value == null || value === '') return null;
    return resolveDate(step, value, node.id);
  };
  const priorityValue = spec.priority ? Number(step.evaluate(spec.priority, execution.id, node.id)) : 50;
  if (!Number.isFinite(priorityValue)) {
    throw new EngineError(EngineErrorCode.Expression, `Element '${node.id}': priority is not a number.`, { elementId: node.id });
  }
  const task: TaskState = {
    id: step.env.newId(),
    executionId: execution.id,
    taskDefinitionKey: node.id,
    name: node.name,
    description: node.documentation,
    assignee: text(spec.assignee),
    owner: null,
    candidateUsers: list(spec.candidateUsers),
    candidateGroups: list(spec.candidateGroups),
    priority: Math.trunc(priorityValue),
    due: date(spec.dueDate),
    followUp: date(spec.followUpDate),
    created: step.nowIso,
    formKey: spec.formKey,
    formRef: spec.formRef,
    activityInstanceId: execution.activityInstanceId!,
  };
  step.instance.tasks.push(task);
  step.env.history.push({ kind: 'task', record: taskRecord(step, task, null, null) });
  step.recordActivity(execution, node, null, false);
  if (task.due) scheduleOverdue(step, task);
  if (step.escalating) notifyTask(step, task, 'escalation');
  else if (task.assignee) notifyTask(step, task, 'assignment', task.assignee);
}

/** The handler of a task's overdue job (a timer owned by the task's execution, gone with the task). */
export const TASK_OVERDUE = 'task-overdue';

/** Creates the job that marks a task overdue at its due date. */
export function scheduleOverdue(step: Step, task: TaskState): JobState {
  const job: JobState = {
    id: step.env.newId(),
    executionId: task.executionId,
    type: 'timer',
    activityId: task.taskDefinitionKey,
    dueDate: task.due,
    config: { handler: TASK_OVERDUE, taskId: task.id },
    retries: 3,
    exceptionMessage: null,
    created: step.nowIso,
  };
  step.instance.jobs.push(job);
  step.env.jobsCreated.push({ id: job.id, dueDate: task.due ? new Date(task.due) : null });
  return job;
}

/** The overdue job of a task, if it has one. */
export function overdueJobOf(step: Step, taskId: string): JobState | undefined {
  return step.instance.jobs.find((j) => j.config.handler === TASK_OVERDUE && j.config.taskId === taskId);
}

/** A task's due date passed while it was open: history records the moment and its people are told. */
export function taskOverdue(step: Step, job: JobState): void {
  const task = step.instance.tasks.find((t) => t.id === job.config.taskId);
  if (!task) return;
  step.env.history.push({ kind: 'task-overdue', record: { id: task.id, processInstanceId: step.instance.id, overdueAt: step.nowIso } });
  notifyTask(step, task, 'overdue');
}

/** Moves a task's due date (null: none): its overdue job moves with it. */
export function changeTaskDue(step: Step, task: TaskState, due: string | null): void {
  task.due = due;
  const job = overdueJobOf(step, task.id);
  if (job && due) {
    job.dueDate = due;
    step.env.jobsRescheduled.push({ id: job.id, dueDate: new Date(due) });
  } else if (job) {
    step.instance.jobs = step.instance.jobs.filter((j) => j.id !== job.id);
    step.env.jobsRemoved.push(job.id);
  } else if (due) {
    scheduleOverdue(step, task);
  }
  step.env.history.push({ kind: 'task', record: taskRecord(step, task, null, null) });
}

/** A due date: a Date, an ISO date-time, or a duration / working-time deadline from now. */
function resolveDate(step: Step, value: unknown, elementId: string): string {
  if (value instanceof Date) return value.toISOString();
  const text = String(value).trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) {
    return step.env.dueDate('date', text, step.instance.tenantId).due.toISOString();
  }
  try {
    return step.env.dueDate('duration', text, step.instance.tenantId).due.toISOString();
  } catch (error) {
    throw new EngineError(EngineErrorCode.Expression, `Element '${elementId}': '${text}' is not a date, a duration or a working-time deadline. ${(error as Error).message}`, { elementId });
  }
}

export function executeExternalTask(step: Step, execution: ExecutionState, node: NodeModel, topic: string, priority: CompiledExpression | null): void {
  const priorityValue = priority ? Number(step.evaluate(priority, execution.id, node.id)) : 0;
  step.instance.externalTasks.push({
    id: step.env.newId(),
    executionId: execution.id,
    activityId: node.id,
    activityInstanceId: execution.activityInstanceId!,
    topicName: topic,
    priority: Number.isFinite(priorityValue) ? Math.trunc(priorityValue) : 0,
    retries: null,
    errorMessage: null,
    errorDetails: null,
    workerId: null,
    lockExpirationTime: null,
    created: step.nowIso,
  });
}

export function executeReceiveTask(step: Step, execution: ExecutionState, node: NodeModel): void {
  listenFor(step, execution, node);
}

/** Completes a user task: its variables are set, then the token moves on. */
export function completeUserTask(step: Step, task: TaskState): void {
  const execution = step.execution(task.executionId);
  const node = step.node(task.taskDefinitionKey);
  step.instance.tasks = step.instance.tasks.filter((t) => t.id !== task.id);
  step.endedTasks.push(task);
  for (const v of step.instance.variables.filter((x) => x.taskId === task.id)) step.removeVariable(v);
  step.env.history.push({ kind: 'task', record: taskRecord(step, task, step.nowIso, 'completed') });
  step.schedule(() => step.leave(execution, node));
}
