import { EngineError, EngineErrorCode } from '../engine-error';
import { triggerBoundaryEvent } from '../elements/boundary';
import { startEventSubprocess, throwBpmnError } from '../elements/errors';
import { eventGatewayTriggered } from '../elements/gateways';
import { scheduleTimer } from '../elements/listeners';
import { calledInstanceCompleted, calledInstanceFailed, listenForEventSubprocesses } from '../elements/sub-processes';
import { completeUserTask, taskOverdue, TASK_OVERDUE } from '../elements/tasks';
import type { NodeModel } from '../model/process-model';
import { instanceRecord } from './history-records';
import type { ExternalTaskState, JobState, TypedValue } from './state';
import type { Step } from './step';

/**
 * The commands a step can apply to a loaded instance. Each one leaves the instance consistent:
 * the unit of work saves the result in the same transaction or throws it all away.
 */

export type Variables = Record<string, TypedValue>;

function setAll(step: Step, executionId: string, variables: Variables | undefined, local = false): void {
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (local) step.setLocalVariable(executionId, name, value);
    else step.setVariable(executionId, name, value);
  }
}

/** Starts a fresh instance (its root execution already exists) at `start`. */
export function startInstance(step: Step, start: NodeModel, variables: Variables | undefined): void {
  const root = step.root();
  setAll(step, root.id, variables, true);
  step.env.history.push({ kind: 'process-instance', record: instanceRecord(step, null, null) });
  listenForEventSubprocesses(step, root, step.model.id);
  const token = step.newExecution(root.id, start.id);
  step.schedule(() => step.enter(token, start, null));
  step.run();
}

export function completeTask(step: Step, taskId: string, variables: Variables | undefined): void {
  const task = step.instance.tasks.find((t) => t.id === taskId);
  if (!task) throw new EngineError(EngineErrorCode.NotFound, `Cannot complete task ${taskId}: it does not exist.`);
  setAll(step, task.executionId, variables);
  completeUserTask(step, task);
  step.run();
}

/** A message or signal arrived for one of the instance's subscriptions. */
export function triggerSubscription(step: Step, subscriptionId: string, variables?: Variables, localVariables?: Variables): void {
  const subscription = step.instance.subscriptions.find((s) => s.id === subscriptionId);
  if (!subscription) throw new EngineError(EngineErrorCode.NotFound, `Event subscription ${subscriptionId} no longer exists.`);
  const owner = step.execution(subscription.executionId);
  setAll(step, owner.id, variables);
  setAll(step, owner.id, localVariables, true);
  triggerCatcher(step, subscription.executionId, step.node(subscription.activityId));
  step.run();
}

function triggerCatcher(step: Step, ownerId: string, event: NodeModel, job?: JobState): void {
  const owner = step.execution(ownerId);
  const repeat = job?.config.repeat as { cycle: string; remaining: number | null } | undefined;
  if (event.kind === 'boundaryEvent') {
    triggerBoundaryEvent(step, owner, event, { repeat });
  } else if (event.kind === 'startEvent') {
    if (!event.cancelActivity && repeat) scheduleTimer(step, owner, event, repeat);
    startEventSubprocess(step, owner, event, event.cancelActivity);
  } else if (owner.phase === 'event-gateway') {
    step.removeListeners(owner.id);
    eventGatewayTriggered(step, owner, event);
  } else {
    step.leave(owner, event);
  }
}

function findJob(step: Step, jobId: string): JobState {
  const job = step.instance.jobs.find((j) => j.id === jobId);
  if (!job) throw new EngineError(EngineErrorCode.NotFound, `Job ${jobId} does not exist.`);
  return job;
}

/** A timer job is due: the waiting catcher fires (or the task it watches becomes overdue). */
export function fireJob(step: Step, jobId: string): void {
  const job = findJob(step, jobId);
  step.instance.jobs = step.instance.jobs.filter((j) => j.id !== jobId);
  step.resolveIncidentsWhere((i) => i.type === 'failedJob' && i.configuration === jobId, 'resolved');
  if (job.config.handler === TASK_OVERDUE) {
    taskOverdue(step, job);
    return;
  }
  const node = step.node(job.activityId);
  // Tasks a boundary timer leads to are escalations (their people are told so).
  step.escalating = node.kind === 'boundaryEvent';
  try {
    triggerCatcher(step, job.executionId, node, job);
    step.run();
  } finally {
    step.escalating = false;
  }
}

/**
 * A firing failed (its transaction rolled back): one retry fewer, and the error's description
 * kept; with none left, a `failedJob` incident. Returns the retries left.
 */
export function recordJobFailure(step: Step, jobId: string, message: string): number {
  const job = findJob(step, jobId);
  job.retries = Math.max(0, job.retries - 1);
  job.exceptionMessage = message;
  if (job.retries === 0 && !step.instance.incidents.some((i) => i.type === 'failedJob' && i.configuration === jobId)) {
    step.addIncident(job.executionId, job.activityId, 'failedJob', message, job.id);
  }
  return job.retries;
}

/** Sets a job's retries again: its incident is resolved and it is woken at its due date. */
export function setJobRetries(step: Step, jobId: string, retries: number): void {
  const job = findJob(step, jobId);
  job.retries = retries;
  if (retries > 0) {
    step.resolveIncidentsWhere((i) => i.type === 'failedJob' && i.configuration === jobId, 'resolved');
    step.env.jobsRescheduled.push({ id: job.id, dueDate: job.dueDate ? new Date(job.dueDate) : null });
  }
}

/** Moves a job's due date (null: now); its wake-up moves with it. */
export function setJobDueDate(step: Step, jobId: string, due: Date | null): void {
  const job = findJob(step, jobId);
  const when = due ?? step.env.now;
  job.dueDate = when.toISOString();
  step.env.jobsRescheduled.push({ id: job.id, dueDate: when });
}

export function findExternalTask(step: Step, id: string, workerId: string | null): ExternalTaskState {
  const task = step.instance.externalTasks.find((t) => t.id === id);
  if (!task) throw new EngineError(EngineErrorCode.NotFound, `External task ${id} does not exist.`);
  if (workerId !== null && task.workerId !== workerId) {
    throw new EngineError(
      EngineErrorCode.ExternalTaskLockedByOther,
      `External task ${id} cannot be handled by worker '${workerId}'. It is locked by worker '${task.workerId ?? 'none'}'.`,
    );
  }
  return task;
}

export function completeExternalTask(step: Step, id: string, workerId: string, variables?: Variables, localVariables?: Variables): void {
  const task = findExternalTask(step, id, workerId);
  step.instance.externalTasks = step.instance.externalTasks.filter((t) => t.id !== id);
  setAll(step, task.executionId, variables);
  setAll(step, task.executionId, localVariables, true);
  const execution = step.execution(task.executionId);
  step.leave(execution, step.node(task.activityId));
  step.run();
}

export function externalTaskBpmnError(step: Step, id: string, workerId: string, errorCode: string, errorMessage: string | null, variables?: Variables): void {
  const task = findExternalTask(step, id, workerId);
  step.instance.externalTasks = step.instance.externalTasks.filter((t) => t.id !== id);
  setAll(step, task.executionId, variables);
  throwBpmnError(step, step.execution(task.executionId), errorCode, errorMessage);
  step.run();
}

/** A worker reports a failure: retries left, or an incident when none are. */
export function failExternalTask(step: Step, id: string, workerId: string, input: { errorMessage?: string | null; errorDetails?: string | null; retries?: number; retryTimeout?: number }): void {
  const task = findExternalTask(step, id, workerId);
  const retries = Math.max(0, input.retries ?? 0);
  task.retries = retries;
  task.errorMessage = input.errorMessage ?? null;
  task.errorDetails = input.errorDetails ?? null;
  task.lockExpirationTime = new Date(step.env.now.getTime() + Math.max(0, input.retryTimeout ?? 0)).toISOString();
  if (retries === 0) {
    const execution = step.execution(task.executionId);
    step.raiseIncident(execution, step.node(task.activityId), 'failedExternalTask', task.errorMessage ?? 'The external task failed and has no retries left.', task.id);
  }
}

export function childCompleted(step: Step, executionId: string, variables: Variables): void {
  calledInstanceCompleted(step, step.execution(executionId), variables);
  step.run();
}

export function childFailed(step: Step, executionId: string, errorCode: string, errorMessage: string | null): void {
  calledInstanceFailed(step, step.execution(executionId), errorCode, errorMessage);
  step.run();
}

export function deleteInstance(step: Step, reason: string | null): void {
  step.completeInstance('EXTERNALLY_TERMINATED', reason ?? 'deleted');
  step.run();
}
