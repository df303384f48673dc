import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** What the server pushes on /api/inbox/events. */
export type InboxEventType = 'task-created' | 'task-claimed' | 'task-completed' | 'task-overdue' | 'notification';

export interface InboxEvent {
  type: InboxEventType;
  taskId: string | null;
  caseId: string | null;
  groups: string[];
  assignee: string | null;
}

const TYPES: readonly InboxEventType[] = ['task-created', 'task-claimed', 'task-completed', 'task-overdue', 'notification'];

/**
 * The inbox's live feed: one EventSource on /api/inbox/events (the session cookie signs it in)
 * for as long as the component that provides this service lives. The browser reconnects by
 * itself after a network drop; `connected` says whether updates are arriving.
 */
@Injectable()
export class InboxEvents {
  private source: EventSource | null = null;
  private readonly listeners = new Set<(event: InboxEvent) => void>();
  /** Whether the live feed is open (false while reconnecting or when the browser has none). */
  readonly connected = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /** Starts listening (once); `listener` gets every event the caller may see. */
  subscribe(listener: (event: InboxEvent) => void): void {
    this.listeners.add(listener);
    if (this.source !== null || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/inbox/events', { withCredentials: true });
    this.source = source;
    source.onopen = () => this.connected.set(true);
    source.onerror = () => {
      this.connected.set(source.readyState === EventSource.OPEN);
      // CLOSED means the server refused (e.g. the session ended): the browser will not retry.
      if (source.readyState === EventSource.CLOSED) this.source = null;
    };
    for (const type of TYPES) source.addEventListener(type, (message) => this.dispatch(type, message as MessageEvent<string>));
  }

  close(): void {
    this.source?.close();
    this.source = null;
    this.connected.set(false);
    this.listeners.clear();
  }

  private dispatch(type: InboxEventType, message: MessageEvent<string>): void {
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(message.data);
      if (typeof parsed === 'object' && parsed !== null) data = parsed as Record<string, unknown>;
    } catch {
      // A malformed event still means "something changed": re-fetch without details.
    }
    const event: InboxEvent = {
      type,
      taskId: typeof data['taskId'] === 'string' ? data['taskId'] : null,
      caseId: typeof data['caseId'] === 'string' ? data['caseId'] : null,
      groups: Array.isArray(data['groups']) ? data['groups'].filter((g): g is string => typeof g === 'string') : [],
      assignee: typeof data['assignee'] === 'string' ? data['assignee'] : null,
    };
    for (const listener of this.listeners) listener(event);
  }
}
