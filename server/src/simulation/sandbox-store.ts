/**
 * The sandbox's storage and scheduler ports for a training simulation: the in-memory store (noting
 * the order activities started) and a scheduler that only records wake-ups, since the simulation
 * fires its own due jobs when its clock moves (simulation.ts).
 */
import { type CaseTransaction, type HistoricActivityInstance, type HistoryEvent, type ScheduledJob, type Scheduler } from '../../engine';
import { InMemoryCaseStore } from '../../engine/sandbox';

/** A scheduler that only records the wake-ups the engine asks for (no queue): the simulation fires jobs itself. */
export class RecordingScheduler implements Scheduler {
  readonly wakeUps = new Map<string, Date | null>();
  async schedule(jobs: ScheduledJob[]): Promise<void> {
    for (const job of jobs) this.wakeUps.set(job.id, job.dueDate);
  }
  async cancel(jobIds: string[]): Promise<void> {
    for (const id of jobIds) this.wakeUps.delete(id);
  }
}

/**
 * The sandbox's store, noting the order in which activity instances started. The in-memory store
 * keeps history in the order of each record's latest write (an activity moves when it ends), and
 * the manual clock gives many activities the same start time: only the first writes tell the
 * true order.
 */
export class SimulationStore extends InMemoryCaseStore {
  private readonly started: string[] = [];
  private readonly known = new Set<string>();

  override async transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    const written: string[] = [];
    const result = await super.transaction((tx) => work(notingActivities(tx, written)));
    for (const id of written) {
      if (this.known.has(id)) continue;
      this.known.add(id);
      this.started.push(id);
    }
    return result;
  }

  /** Every activity instance, in the order they started. */
  activitiesInOrder(): HistoricActivityInstance[] {
    const byId = new Map(this.historyOf('activity-instance').map((a) => [a.id, a] as const));
    return this.started.map((id) => byId.get(id)).filter((a) => a !== undefined);
  }
}

function notingActivities(tx: CaseTransaction, written: string[]): CaseTransaction {
  return new Proxy(tx, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'appendHistory') {
        return (events: HistoryEvent[]) => {
          for (const event of events) if (event.kind === 'activity-instance') written.push(event.record.id);
          return target.appendHistory(events);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

