import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

export interface CaseInfo {
  id: string;
  businessKey: string | null;
  processKey?: string | null;
  processName?: string | null;
  state?: string | null;
  startTime?: string | null;
  endTime?: string | null;
}

/** One step of the case's timeline, or a manager's action on it (with its reason). */
export interface TimelineEntry {
  kind: 'step' | 'action';
  activityId: string | null;
  name: string | null;
  /** The task of a user-task step or of an action (manager actions need it). */
  taskId?: string | null;
  assignee?: string | null;
  start?: string | null;
  end?: string | null;
  durationMs?: number | null;
  due?: string | null;
  onTime?: boolean | null;
  canceled?: boolean;
  /** Actions: who did it, why, and when. */
  actor?: string;
  reason?: string | null;
  at: string;
}

export interface CaseVariable {
  name: string;
  value: unknown;
  type: string | null;
  /** A sensitive value the caller may not read: shown as "hidden". */
  redacted: boolean;
  sensitive: boolean;
}

/** A variable as the server sends it (Camunda's typed value). */
interface TypedValue {
  type?: string | null;
  value?: unknown;
  valueInfo?: { redacted?: boolean; sensitive?: boolean } | null;
  sensitive?: boolean;
}

export interface CaseIncident {
  id: string;
  message: string | null;
  activityId: string | null;
  type?: string | null;
  created?: string | null;
  jobId?: string | null;
}

/** Everything the case view shows (GET /api/cases/:id). */
export interface CaseView {
  case: CaseInfo;
  xml: string | null;
  currentActivityIds: string[];
  timeline: TimelineEntry[];
  variables: CaseVariable[];
  incidents: CaseIncident[];
}

/** The case view's side of the server: read a case and the manager's actions on it. */
@Injectable({ providedIn: 'root' })
export class CaseApi {
  private readonly http = inject(HttpClient);

  async get(caseId: string): Promise<CaseView> {
    const view = await firstValueFrom(
      this.http.get<Omit<CaseView, 'variables'> & { variables: Record<string, TypedValue> }>(`/api/cases/${encodeURIComponent(caseId)}`),
    );
    const variables = Object.entries(view.variables ?? {})
      .map(([name, typed]): CaseVariable => ({
        name,
        value: typed.value ?? null,
        type: typed.type ?? null,
        redacted: typed.valueInfo?.redacted === true,
        sensitive: typed.sensitive === true || typed.valueInfo?.sensitive === true,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { ...view, variables };
  }

  retryIncident(caseId: string, incidentId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/cases/${encodeURIComponent(caseId)}/incidents/${encodeURIComponent(incidentId)}/retry`, {}));
  }

  cancel(caseId: string, reason: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/cases/${encodeURIComponent(caseId)}/cancel`, { reason }));
  }

  changeDue(taskId: string, due: string, reason: string): Promise<void> {
    return firstValueFrom(this.http.put<void>(`/api/tasks/${encodeURIComponent(taskId)}/due`, { due, reason }));
  }

  reassign(taskId: string, userId: string, reason: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/tasks/${encodeURIComponent(taskId)}/reassign`, { userId, reason }));
  }
}
