/**
 * Live inbox events: the engine tells this hub, after each transaction commits, which tasks were
 * created, claimed or released, ended or fell overdue and which notifications it wrote (the
 * overdue mechanism of docs/deadlines.md fires through the same engine transactions). The hub
 * passes each event to the open event streams whose caller may see it:
 *
 * - only the caller's organisation (the platform administrator: every organisation);
 * - managers and organisation tokens: every task event of their organisation;
 * - staff: events of tasks offered to one of their groups, or assigned (or formerly assigned) to them;
 * - notifications: only their recipient (the user, or members of the group).
 *
 * Events carry ids, groups and people only, never case data. The hub delivers its own engine's
 * events to its streams at once, and also hands each one to the {@link InboxEventBus}, which
 * carries it over Redis pub/sub to the other server processes; what they publish comes back
 * through `deliver` with the same filtering. Without Redis, streams still get this process's
 * events.
 */
import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Engine } from '../../engine';
import type { CommittedChanges, TaskChange } from '../../engine/runtime/commit-events';
import type { NotificationRecord } from '../../engine/runtime/notifications';
import { ENGINE } from '../engine-host/tokens';
import { seesWholeOrganisation, type Caller } from '../security/caller';
import { DraftRepository } from './draft.repository';
import { InboxEventBus } from './inbox-event-bus';

export type InboxEventType = 'task-created' | 'task-claimed' | 'task-completed' | 'task-overdue' | 'notification';

/** What a stream receives: `data` is the JSON of the event's payload. */
export interface InboxEvent {
  type: InboxEventType;
  data: {
    taskId: string;
    caseId: string;
    groups: string[];
    assignee: string | null;
    /** task-completed: why the task ended (`completed`, `deleted`, …). */
    reason?: string | null;
    /** notification: its kind and title (task name and business key only). */
    kind?: string;
    title?: string;
  };
}

/** An event and who may receive it: what the hub filters on, and what travels between processes. */
export interface RoutedEvent {
  event: InboxEvent;
  tenantId: string | null;
  /** People the event concerns besides the groups (assignee, former assignee, recipient). */
  people: string[];
  /** notification: only its recipients, whoever the caller is. */
  recipientsOnly: boolean;
}

export interface Subscriber {
  tenantId: string | null;
  userId: string;
  groups: readonly string[];
  wholeOrganisation: boolean;
}

const TASK_EVENT: Record<TaskChange['kind'], InboxEventType> = {
  created: 'task-created',
  assigned: 'task-claimed',
  ended: 'task-completed',
  overdue: 'task-overdue',
};

export function subscriberOf(caller: Caller): Subscriber {
  return {
    tenantId: caller.platformAdmin ? null : caller.tenantId,
    userId: caller.userId,
    groups: [...caller.groups],
    wholeOrganisation: seesWholeOrganisation(caller),
  };
}

function mayReceive(subscriber: Subscriber, routed: RoutedEvent): boolean {
  if (subscriber.tenantId !== null && routed.tenantId !== subscriber.tenantId) return false;
  const mine = routed.people.includes(subscriber.userId) || routed.event.data.groups.some((g) => subscriber.groups.includes(g));
  return routed.recipientsOnly ? mine : subscriber.wholeOrganisation || mine;
}

function fromTask(change: TaskChange): RoutedEvent {
  return {
    event: {
      type: TASK_EVENT[change.kind],
      data: {
        taskId: change.taskId,
        caseId: change.instanceId,
        groups: change.candidateGroups,
        assignee: change.assignee,
        ...(change.kind === 'ended' ? { reason: change.reason } : {}),
      },
    },
    tenantId: change.tenantId,
    people: [change.assignee, change.previousAssignee].filter((p): p is string => p !== null),
    recipientsOnly: false,
  };
}

function fromNotification(n: NotificationRecord): RoutedEvent {
  return {
    event: {
      type: 'notification',
      data: { taskId: n.taskId, caseId: n.instanceId, groups: n.recipientGroup ? [n.recipientGroup] : [], assignee: n.recipientUser, kind: n.kind, title: n.title },
    },
    tenantId: n.tenantId,
    people: n.recipientUser ? [n.recipientUser] : [],
    recipientsOnly: true,
  };
}

@Injectable()
export class TaskEventHub implements OnModuleInit, BeforeApplicationShutdown {
  private readonly streams = new Map<number, { subscriber: Subscriber; send: (event: InboxEvent) => void; close: () => void }>();
  private nextId = 1;
  private stopListening: (() => void) | null = null;

  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly drafts: DraftRepository,
    private readonly bus: InboxEventBus,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.engine.onCommit((changes) => this.publish(changes));
    this.bus.onRemoteEvent((routed) => this.deliver([routed]));
  }

  /** Ends every open stream before the database goes (each stream's end is still audited). */
  beforeApplicationShutdown(): void {
    this.stopListening?.();
    this.bus.onRemoteEvent(null);
    for (const stream of [...this.streams.values()]) stream.close();
    this.streams.clear();
  }

  /** Registers an open stream; returns the function that removes it. `close` ends the stream at shutdown. */
  subscribe(subscriber: Subscriber, send: (event: InboxEvent) => void, close: () => void): () => void {
    const id = this.nextId++;
    this.streams.set(id, { subscriber, send, close });
    return () => this.streams.delete(id);
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /** Hands one committed transaction's changes to this process's streams that may see them, and to the other processes. */
  publish(changes: CommittedChanges): void {
    this.drafts.forgetEnded(changes.tasks.filter((c) => c.kind === 'ended').map((c) => c.taskId));
    const routed = [...changes.tasks.map(fromTask), ...changes.notifications.map(fromNotification)];
    this.deliver(routed);
    for (const item of routed) this.bus.publish(item);
  }

  /** Sends each event to the open streams whose caller may see it. */
  private deliver(routed: readonly RoutedEvent[]): void {
    for (const stream of this.streams.values()) {
      for (const item of routed) {
        if (!mayReceive(stream.subscriber, item)) continue;
        try {
          stream.send(item.event);
        } catch {
          // A stream that cannot take more is closed by its own request's 'close' handler.
        }
      }
    }
  }
}
