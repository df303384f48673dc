import type { OperationNote } from '../engine-api';
import { EngineError, EngineErrorCode } from '../engine-error';
import type { DefinitionJobRecord } from '../ports/case-store';
import * as commands from './commands';
import { fireTimerStart, type RawDueDate } from './timer-start';
import type { UnitOfWork } from './unit-of-work';

/**
 * Jobs inside one unit of work, whoever owns them: a case (timers, overdue checks) or a
 * definition (timer start events). Each function runs in the engine's transaction.
 *
 * Failure lifecycle: a firing that throws rolls back; the engine then calls `recordFailure` in a
 * transaction of its own, which takes one retry off the job and keeps the error's description.
 * With no retries left the job gets a `failedJob` incident and is not retried until
 * `setRetries` gives it retries again.
 */

/** What a job failure may store: the error's class and the engine's message, never values of a case. */
export function describeFailure(error: unknown): string {
  const text = error instanceof EngineError ? `${error.name} (${error.code}): ${error.message}` : error instanceof Error ? error.name : 'Error';
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}

function gone(jobId: string): EngineError {
  return new EngineError(EngineErrorCode.NotFound, `Job with id ${jobId} does not exist`);
}

/** The case or definition a job belongs to (NotFound when neither has it). */
async function ownerOf(uow: UnitOfWork, jobId: string) {
  const instanceId = await uow.tx.findInstanceIdByJob(jobId);
  if (instanceId) {
    const loaded = await uow.load(instanceId);
    if (!loaded) throw gone(jobId);
    return { loaded, definitionJob: null };
  }
  const definitionJob = await uow.tx.findDefinitionJob(jobId);
  if (!definitionJob) throw gone(jobId);
  return { loaded: null, definitionJob };
}

/**
 * Fires a job. `due` (the scheduler's firing) skips a job without retries left: it waits for
 * someone to set its retries again. Returns false when skipped.
 */
export async function fireJob(uow: UnitOfWork, jobId: string, dueDate: RawDueDate, newId: () => string, due: boolean): Promise<boolean> {
  const { loaded, definitionJob } = await ownerOf(uow, jobId);
  const retries = loaded ? loaded.state.jobs.find((j) => j.id === jobId)?.retries : definitionJob!.retries;
  if (due && retries === 0) return false;
  if (loaded) commands.fireJob(uow.step(loaded), jobId);
  else await fireTimerStart(uow, definitionJob!, dueDate, newId);
  return true;
}

/** Takes one retry off a job that failed; returns the retries left. */
export async function recordFailure(uow: UnitOfWork, jobId: string, message: string, newId: () => string): Promise<number> {
  const { loaded, definitionJob } = await ownerOf(uow, jobId);
  if (loaded) return commands.recordJobFailure(uow.step(loaded), jobId, message);
  const job = definitionJob!;
  job.retries = Math.max(0, job.retries - 1);
  job.exceptionMessage = message;
  await uow.tx.updateDefinitionJob(job);
  if (job.retries === 0) await uow.tx.insertDefinitionIncident(incidentOf(job, message, newId(), uow.now));
  return job.retries;
}

function incidentOf(job: DefinitionJobRecord, message: string, id: string, now: Date) {
  return { id, definitionId: job.definitionId, activityId: job.activityId, message, configuration: job.id, created: now.toISOString(), tenantId: job.tenantId };
}

/**
 * Gives a job retries again: its incident is resolved and its wake-up scheduled again. With an
 * `operation`, the person's operation is recorded with it; that needs a case's job.
 */
export async function setRetries(uow: UnitOfWork, jobId: string, retries: number, operation?: OperationNote): Promise<void> {
  if (!Number.isInteger(retries) || retries < 0) throw new EngineError(EngineErrorCode.InvalidRequest, 'retries must be a whole number of at least 0.');
  const { loaded, definitionJob } = await ownerOf(uow, jobId);
  if (loaded) {
    commands.setJobRetries(uow.step(loaded), jobId, retries);
    if (operation) uow.recordOperation(loaded, 'SetJobRetries', operation, { jobId });
    return;
  }
  if (operation) {
    throw new EngineError(EngineErrorCode.InvalidRequest, `Job ${jobId} belongs to a process definition, not a case: no operation can be recorded for it.`);
  }
  const job = definitionJob!;
  job.retries = retries;
  await uow.tx.updateDefinitionJob(job);
  if (retries > 0) {
    await uow.tx.deleteDefinitionIncidents(job.id);
    uow.jobsRescheduled.push({ id: job.id, dueDate: job.dueDate ? new Date(job.dueDate) : null });
  }
}

/** Moves a job's due date (null: now) and its wake-up. */
export async function setDueDate(uow: UnitOfWork, jobId: string, due: Date | null): Promise<void> {
  const { loaded, definitionJob } = await ownerOf(uow, jobId);
  if (loaded) {
    commands.setJobDueDate(uow.step(loaded), jobId, due);
    return;
  }
  const job = definitionJob!;
  const when = due ?? uow.now;
  job.dueDate = when.toISOString();
  await uow.tx.updateDefinitionJob(job);
  uow.jobsRescheduled.push({ id: job.id, dueDate: when });
}
