import type { NodeModel } from '../model/process-model';
import type { ExecutionState, JobState, SubscriptionState } from '../runtime/state';
import type { Step } from '../runtime/step';

/**
 * Wait-state listeners: the event subscriptions and timer jobs an execution owns while it waits
 * for a catching event (a catch event, a receive task, a boundary event, an event-subprocess
 * start, or the targets of an event-based gateway).
 */

/** Creates the subscription or job with which `owner` waits for the catching `event` node. */
export function listenFor(step: Step, owner: ExecutionState, event: NodeModel): void {
  const name = event.kind === 'receiveTask' ? event.messageName : event.event?.name;
  const kind = event.kind === 'receiveTask' ? 'message' : event.event?.kind;
  if ((kind === 'message' || kind === 'signal') && name) {
    const subscription: SubscriptionState = {
      id: step.env.newId(),
      executionId: owner.id,
      type: kind,
      eventName: name,
      activityId: event.id,
      created: step.nowIso,
    };
    step.instance.subscriptions.push(subscription);
  } else if (kind === 'timer' && event.event?.timer) {
    scheduleTimer(step, owner, event);
  }
}

/** Creates a timer job for a timer event, its due date computed from the model. */
export function scheduleTimer(step: Step, owner: ExecutionState, event: NodeModel, repeat?: { cycle: string; remaining: number | null }): JobState {
  const timer = event.event!.timer!;
  let due: Date;
  let nextRepeat = repeat;
  if (repeat) {
    const computed = step.env.dueDate('cycle', repeat.cycle, step.instance.tenantId);
    due = computed.due;
    // The next occurrence's own repeat: none once this is the last one of the cycle.
    nextRepeat = computed.repeat;
  } else {
    const value = step.evaluate(timer.text, owner.id, event.id);
    const computed = step.env.dueDate(timer.kind, value, step.instance.tenantId);
    due = computed.due;
    nextRepeat = computed.repeat;
  }
  const job: JobState = {
    id: step.env.newId(),
    executionId: owner.id,
    type: 'timer',
    activityId: event.id,
    dueDate: due.toISOString(),
    config: { timerKind: timer.kind, ...(nextRepeat ? { repeat: nextRepeat } : {}) },
    retries: 3,
    exceptionMessage: null,
    created: step.nowIso,
  };
  step.instance.jobs.push(job);
  step.env.jobsCreated.push({ id: job.id, dueDate: due });
  return job;
}
