import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { InboxTask } from '../inbox/inbox-api';

/** Open and overdue tasks of one process, step, team or person. */
export interface Breakdown {
  /** Process key, step key, group or username; null for "nobody" (e.g. unclaimed tasks by person). */
  key: string | null;
  label: string;
  open: number;
  overdue: number;
  /** How long the most overdue of them has been overdue (0 when none is). */
  maxOverdueMs: number;
  /** A second line under the label (a step's process). */
  detail?: string;
}

/** How often one timed step met its deadline. */
export interface Compliance {
  processKey: string;
  processName?: string | null;
  stepKey: string;
  stepName: string | null;
  /** The deadline in words, e.g. "1 working day". */
  deadline: string | null;
  met: number;
  missed: number;
  /** 0–1 (share met), null with no finished cases. */
  rate: number | null;
  trend: { month: string; rate: number | null }[];
}

export interface Waiting {
  caseId: string;
  businessKey: string | null;
  processName: string | null;
  taskName: string | null;
  waitingMs: number;
}

export interface Dashboard {
  openByProcess: Breakdown[];
  openByStep: Breakdown[];
  openByTeam: Breakdown[];
  openByPerson: Breakdown[];
  compliance: Compliance[];
  longestWaiting: Waiting[];
  /** The most overdue open tasks, most overdue first. */
  overdue?: InboxTask[];
}

export interface HeatmapStep {
  activityId: string;
  active: number;
  overdue: number;
}

export interface Heatmap {
  definitionId: string;
  name?: string | null;
  xml: string;
  steps: HeatmapStep[];
}

/** A case waiting at a step of the heat map. */
export interface StepCase {
  caseId: string;
  businessKey: string | null;
  taskId?: string | null;
  taskName?: string | null;
  assignee?: string | null;
  due?: string | null;
  overdue?: boolean;
  overdueForMs?: number;
  since?: string | null;
}

/** CSV downloads of the dashboard (the session cookie signs the request). */
export const OVERDUE_CSV_URL = '/api/dashboard/overdue.csv';
export const COMPLIANCE_CSV_URL = '/api/dashboard/compliance.csv';

/** The manager dashboard's side of the server. */
@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  dashboard(): Promise<Dashboard> {
    return firstValueFrom(this.http.get<Dashboard>('/api/dashboard'));
  }

  heatmap(processKey: string): Promise<Heatmap> {
    return firstValueFrom(this.http.get<Heatmap>(`/api/dashboard/heatmap/${encodeURIComponent(processKey)}`));
  }

  stepCases(processKey: string, activityId: string): Promise<StepCase[]> {
    return firstValueFrom(
      this.http.get<StepCase[]>(`/api/dashboard/heatmap/${encodeURIComponent(processKey)}/steps/${encodeURIComponent(activityId)}`),
    );
  }
}
