import { TimerExhaustedError } from '../calendar';
import { EngineError, EngineErrorCode } from '../engine-error';
import type { ProcessModel } from '../model/process-model';
import type { CaseTransaction, DefinitionJobRecord, DefinitionRecord } from '../ports/case-store';
import type { UnitOfWork } from './unit-of-work';

/**
 * Timer start events: a deployed definition owns one job per timer start event (not a case's
 * job). Firing it starts a case at that start event and, for a cycle, writes the next
 * occurrence as a new job in the same transaction. Deploying a new version of a key replaces the
 * older versions' timer start jobs, as Camunda 7 does.
 */

/** The handler of a timer start job (`config.handler`). */
export const TIMER_START = 'timer-start';

type Repeat = { cycle: string; remaining: number | null };

/** Computes a timer's due date; throws `TimerExhaustedError` when a cycle has no occurrence left. */
export type RawDueDate = (kind: 'date' | 'duration' | 'cycle', text: string, tenantId: string | null) => { due: Date; repeat?: Repeat };

/** The first jobs of a freshly deployed definition's timer start events (none when a cycle is over). */
export function timerStartJobs(model: ProcessModel, definition: DefinitionRecord, dueDate: RawDueDate, newId: () => string, now: Date): DefinitionJobRecord[] {
  const jobs: DefinitionJobRecord[] = [];
  for (const id of model.scopes.get(model.id)!.timerStartIds) {
    const timer = model.nodes.get(id)!.event!.timer!;
    let value: unknown;
    try {
      // Timer start expressions see no case: there are no variables yet.
      value = timer.text.evaluate({});
    } catch (error) {
      throw new EngineError(EngineErrorCode.InvalidDeployment, `Timer start event '${id}': ${(error as Error).message}`, {
        problems: [{ elementId: id, message: (error as Error).message, resource: definition.resourceName }],
      });
    }
    const computed = computeOrNone(dueDate, timer.kind, value, definition, id);
    if (computed) jobs.push(jobOf(definition, id, timer.kind, computed, newId(), now));
  }
  return jobs;
}

function computeOrNone(dueDate: RawDueDate, kind: 'date' | 'duration' | 'cycle', value: unknown, definition: DefinitionRecord, elementId: string) {
  if (value instanceof Date) return { due: value };
  try {
    return dueDate(kind, String(value ?? '').trim(), definition.tenantId);
  } catch (error) {
    if (error instanceof TimerExhaustedError) return null;
    throw new EngineError(EngineErrorCode.InvalidDeployment, `Timer start event '${elementId}': ${(error as Error).message}`, {
      problems: [{ elementId, message: (error as Error).message, resource: definition.resourceName }],
    });
  }
}

function jobOf(definition: DefinitionRecord, activityId: string, timerKind: string, computed: { due: Date; repeat?: Repeat }, id: string, now: Date): DefinitionJobRecord {
  return {
    id,
    definitionId: definition.id,
    definitionKey: definition.key,
    tenantId: definition.tenantId,
    activityId,
    dueDate: computed.due.toISOString(),
    config: { handler: TIMER_START, timerKind, ...(computed.repeat ? { repeat: computed.repeat } : {}) },
    retries: 3,
    exceptionMessage: null,
    created: now.toISOString(),
  };
}

/**
 * Writes a deployed definition's timer start jobs, removing those of every older version of its
 * key. Returns the ids removed (to cancel their wake-ups).
 */
export async function replaceTimerStartJobs(tx: CaseTransaction, definition: DefinitionRecord, jobs: DefinitionJobRecord[]): Promise<string[]> {
  const removed = await tx.findDefinitionJobIds(definition.key, definition.tenantId);
  if (removed.length) await tx.deleteDefinitionJobs(removed);
  if (jobs.length) await tx.insertDefinitionJobs(jobs);
  return removed;
}

/** A timer start job is due: the next occurrence is written and a case starts (unless suspended). */
export async function fireTimerStart(uow: UnitOfWork, job: DefinitionJobRecord, dueDate: RawDueDate, newId: () => string): Promise<void> {
  const definition = await uow.tx.findDefinitionById(job.definitionId);
  await uow.tx.deleteDefinitionJobs([job.id]);
  if (!definition) return;
  const repeat = job.config.repeat as Repeat | undefined;
  if (repeat) {
    let next: { due: Date; repeat?: Repeat } | null;
    try {
      next = dueDate('cycle', repeat.cycle, definition.tenantId);
    } catch (error) {
      if (!(error instanceof TimerExhaustedError)) throw error;
      next = null;
    }
    if (next) {
      const following = jobOf(definition, job.activityId, String(job.config.timerKind ?? 'cycle'), next, newId(), uow.now);
      await uow.tx.insertDefinitionJobs([following]);
      uow.jobsCreated.push({ id: following.id, dueDate: next.due });
    }
  }
  // A suspended definition keeps its schedule but starts no cases.
  if (!definition.suspended) await uow.start(definition, {}, { startActivityId: job.activityId });
}
