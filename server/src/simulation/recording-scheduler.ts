/**
 * A training simulation's scheduler port: it only records the wake-ups the engine asks for (no
 * queue), since the simulation fires its own due jobs when its clock moves (simulation.ts).
 */
import type { ScheduledJob, Scheduler } from '../../engine';

export class RecordingScheduler implements Scheduler {
  readonly wakeUps = new Map<string, Date | null>();
  async schedule(jobs: ScheduledJob[]): Promise<void> {
    for (const job of jobs) this.wakeUps.set(job.id, job.dueDate);
  }
  async cancel(jobIds: string[]): Promise<void> {
    for (const id of jobIds) this.wakeUps.delete(id);
  }
}
