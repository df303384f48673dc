/**
 * Shares live inbox events between server processes through Redis pub/sub, so that a stream open
 * on one process hears the commits of every other process's engine (docs/inbox.md, live events).
 *
 * Lifecycle: at module init the bus opens two ioredis connections, one to publish and one in
 * subscriber mode, and waits (at most {@link CONNECT_WAIT_MS}) until both are up and the channel is
 * subscribed, so a server that answers HTTP already hears the others. Each
 * routed event the hub publishes goes out as one message tagged with this process's random origin
 * id; messages from other origins are checked field by field and handed to the hub, which filters
 * them for its streams exactly like its own. While Redis is down, publishing drops messages
 * (they are hints: a page reload reads PostgreSQL) and ioredis reconnects; on every reconnect the
 * bus subscribes again. Only the change between available and unavailable is logged (and the
 * first malformed message, without its content). At shutdown both connections are closed.
 *
 * The channel is `<QUEUE_PREFIX>:inbox-events`: pub/sub channels are shared by every database
 * number of a Redis server, so the deployment's prefix is what keeps deployments (and test files)
 * apart, as it does for the BullMQ keys.
 */
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config';
import type { InboxEvent, InboxEventType, RoutedEvent } from './task-event-hub';

/** How long start-up waits for the first subscription before going on without it (ms). */
export const CONNECT_WAIT_MS = 5_000;
/** Messages longer than this are dropped unread (characters); a real one is well under 2,000. */
export const MAX_MESSAGE_LENGTH = 64 * 1024;

const EVENT_TYPES: ReadonlySet<string> = new Set<InboxEventType>(['task-created', 'task-claimed', 'task-completed', 'task-overdue', 'notification']);

/** The pub/sub channel of a deployment's live events. */
export function inboxEventChannel(queuePrefix: string): string {
  return `${queuePrefix}:inbox-events`;
}

/** What travels on the channel: one routed event and the process it came from. */
export interface BusMessage {
  origin: string;
  routed: RoutedEvent;
}

export function encodeBusMessage(message: BusMessage): string {
  const { event, tenantId, people } = message.routed;
  return JSON.stringify({ origin: message.origin, tenantId, people, type: event.type, data: event.data });
}

/**
 * Reads one message off the channel; null for anything that is not exactly a live event (wrong
 * shape or types, unknown event type, too long). Only the known fields are kept.
 */
export function decodeBusMessage(raw: string): BusMessage | null {
  if (raw.length > MAX_MESSAGE_LENGTH) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isRecord(value['data'])) return null;
  const { origin, tenantId, people, type, data } = value;
  if (typeof origin !== 'string' || !isStringOrNull(tenantId) || !isStringArray(people)) return null;
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) return null;
  const { taskId, caseId, groups, assignee, reason, kind, title } = data;
  if (typeof taskId !== 'string' || typeof caseId !== 'string' || !isStringArray(groups) || !isStringOrNull(assignee)) return null;
  if ((reason !== undefined && !isStringOrNull(reason)) || !isOptionalString(kind) || !isOptionalString(title)) return null;
  const event: InboxEvent = {
    type: type as InboxEventType,
    data: {
      taskId,
      caseId,
      groups,
      assignee,
      ...(reason !== undefined ? { reason } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(title !== undefined ? { title } : {}),
    },
  };
  // Notifications go to their recipients only, as the hub routes its own.
  return { origin, routed: { event, tenantId, people, recipientsOnly: type === 'notification' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The Redis pub/sub link of {@link TaskEventHub}; see the file comment. */
@Injectable()
export class InboxEventBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveEvents');
  /** This process's id on the channel; its own messages coming back are ignored. */
  readonly origin = randomUUID();
  readonly channel: string;
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private listener: ((routed: RoutedEvent) => void) | null = null;
  private subscribed = false;
  /** Both connections up and the channel subscribed; null until start-up has settled. */
  private available: boolean | null = null;
  private onFirstUp: (() => void) | null = null;
  private warnedMalformed = false;
  private closed = false;

  constructor(private readonly config: AppConfig) {
    this.channel = inboxEventChannel(config.queuePrefix);
  }

  /** Sets who hears the other processes' events (one listener: the hub). */
  onRemoteEvent(listener: ((routed: RoutedEvent) => void) | null): void {
    this.listener = listener;
  }

  async onModuleInit(): Promise<void> {
    // No offline queue: while Redis is away a publish fails at once instead of piling up.
    const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, autoResubscribe: false };
    const publisher = new Redis(this.config.redisUrl, { ...options, connectionName: 'safepath-live-events-pub' });
    const subscriber = new Redis(this.config.redisUrl, { ...options, connectionName: 'safepath-live-events-sub' });
    this.publisher = publisher;
    this.subscriber = subscriber;

    const firstUp = new Promise<void>((resolve) => (this.onFirstUp = resolve));
    subscriber.on('close', () => {
      this.subscribed = false;
    });
    // Every (re)connection subscribes afresh: a restarted Redis has forgotten the subscription.
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          this.settle();
        },
        () => this.settle(),
      );
    });
    subscriber.on('message', (channel: string, message: string) => this.receive(channel, message));
    publisher.on('ready', () => this.settle());
    for (const connection of [publisher, subscriber]) {
      // ioredis reports every failed reconnection attempt as an error; only the state change is logged.
      connection.on('error', () => this.settle());
      connection.on('close', () => this.settle());
    }

    let timer: NodeJS.Timeout | undefined;
    await Promise.race([firstUp, new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)))]);
    clearTimeout(timer);
    this.onFirstUp = null;
    if (this.available === null) this.report(false);
  }

  /** Sends one routed event to the other processes; dropped while Redis is unavailable. */
  publish(routed: RoutedEvent): void {
    const publisher = this.publisher;
    if (this.closed || !publisher || publisher.status !== 'ready') return;
    publisher.publish(this.channel, encodeBusMessage({ origin: this.origin, routed })).catch(() => this.settle());
  }

  onApplicationShutdown(): void {
    this.closed = true;
    this.listener = null;
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }

  private receive(channel: string, raw: string): void {
    if (channel !== this.channel) return;
    const message = decodeBusMessage(raw);
    if (!message) {
      if (!this.warnedMalformed) {
        this.warnedMalformed = true;
        this.logger.warn('Ignored a malformed message on the live-event channel (further ones are ignored silently)');
      }
      return;
    }
    if (message.origin === this.origin) return;
    try {
      this.listener?.(message.routed);
    } catch {
      // A failing stream must not break the subscription; the hub already guards each send.
    }
  }

  /** Logs a change between available and unavailable, once per change. */
  private settle(): void {
    if (this.closed) return;
    const up = this.subscribed && this.subscriber?.status === 'ready' && this.publisher?.status === 'ready';
    // Before the first subscription has settled, only onModuleInit reports (so a slow start is not an outage).
    if (this.available === null && !up) return;
    if (up !== this.available) this.report(up);
    if (up) this.onFirstUp?.();
  }

  private report(up: boolean): void {
    const before = this.available;
    this.available = up;
    if (!up) this.logger.warn('Live-event bus unavailable (Redis): streams get only this server\'s events until it returns');
    else if (before === false) this.logger.log('Live-event bus recovered: streams get every server\'s events again');
  }
}
