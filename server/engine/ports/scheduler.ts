/**
 * Wakes the engine up when a job falls due. Called after the transaction that wrote the jobs has
 * committed. The store's job rows are the truth: a scheduler may lose everything and is refilled
 * from them (`reconcile`), so every call must be idempotent by job id.
 */
export interface ScheduledJob {
  id: string;
  dueDate: Date | null;
}

export interface Scheduler {
  schedule(jobs: ScheduledJob[]): Promise<void>;
  cancel(jobIds: string[]): Promise<void>;
}

/** A scheduler that does nothing: for unit tests and tools that fire jobs by hand. */
export const noopScheduler: Scheduler = {
  schedule: async () => undefined,
  cancel: async () => undefined,
};
