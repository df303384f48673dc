import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** Which tasks: the person's own, their teams' (candidate groups), or the whole organisation's (managers). */
export type InboxView = 'mine' | 'team' | 'all';
/** Due-date filter of the inbox. */
export type DueWindow = 'overdue' | 'today' | 'week';

/** One open task as GET /api/inbox lists it. */
export interface InboxTask {
  id: string;
  name: string | null;
  processKey: string;
  processName: string | null;
  taskKey: string;
  businessKey: string | null;
  caseId: string;
  assignee: string | null;
  candidateGroups: string[];
  created: string | null;
  due: string | null;
  overdue: boolean;
  overdueForMs: number;
  priority: number;
  workingHoursLeft: number | null;
}

export interface InboxCounts {
  mine: number;
  team: number;
  all: number;
}

export interface InboxPage {
  tasks: InboxTask[];
  counts: InboxCounts;
}

export interface InboxQuery {
  view: InboxView;
  processKey?: string;
  taskKey?: string;
  dueWithin?: DueWindow;
  firstResult?: number;
  maxResults?: number;
}

/** A process the person may start (GET /api/startable). */
export interface StartableProcess {
  key: string;
  name: string | null;
  definitionId: string;
  startFormKey: string | null;
  formSchema: FormSchema | null;
}

/** A form-js schema, as the server hands it over (the viewer reads it). */
export type FormSchema = Record<string, unknown> & { components?: unknown[] };

export interface StartedCase {
  caseId: string;
  nextTaskId: string | null;
}

/** A notice about an escalation, an overdue task or an assignment (GET /api/notifications). */
export interface AppNotification {
  id: string;
  kind: 'overdue' | 'escalation' | 'assignment';
  taskId: string;
  processInstanceId: string;
  businessKey: string | null;
  title: string;
  created: string | null;
  readAt: string | null;
}

/** The server's `{type, message}` error body as one sentence, or `fallback`. */
export function problemMessage(error: unknown, fallback: string): string {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && body.message !== '') return body.message;
    if (error.status === 0) return 'Safepath could not be reached. Check your connection and try again.';
  }
  return fallback;
}

/** The HTTP status of a failed request (0 for no answer, -1 for anything else). */
export function statusOf(error: unknown): number {
  return error instanceof HttpErrorResponse ? error.status : -1;
}

/** The staff inbox's side of the server: task lists, claiming, starting cases, notifications. */
@Injectable({ providedIn: 'root' })
export class InboxApi {
  private readonly http = inject(HttpClient);

  list(query: InboxQuery): Promise<InboxPage> {
    let params = new HttpParams().set('view', query.view);
    for (const key of ['processKey', 'taskKey', 'dueWithin', 'firstResult', 'maxResults'] as const) {
      const value = query[key];
      if (value !== undefined && value !== '') params = params.set(key, String(value));
    }
    return firstValueFrom(this.http.get<InboxPage>('/api/inbox', { params }));
  }

  claim(taskId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/inbox/${encodeURIComponent(taskId)}/claim`, {}));
  }

  unclaim(taskId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/inbox/${encodeURIComponent(taskId)}/unclaim`, {}));
  }

  /** Gives the task to a colleague (managers). */
  assign(taskId: string, userId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/inbox/${encodeURIComponent(taskId)}/assign`, { userId }));
  }

  startable(): Promise<StartableProcess[]> {
    return firstValueFrom(this.http.get<StartableProcess[]>('/api/startable'));
  }

  startCase(processKey: string, variables: Record<string, unknown>, businessKey?: string): Promise<StartedCase> {
    return firstValueFrom(this.http.post<StartedCase>('/api/cases', { processKey, variables, ...(businessKey ? { businessKey } : {}) }));
  }

  notifications(): Promise<AppNotification[]> {
    return firstValueFrom(this.http.get<AppNotification[]>('/api/notifications', { params: { maxResults: '20' } }));
  }

  markRead(id: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`, {}));
  }
}
