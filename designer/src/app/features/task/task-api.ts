import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { InboxTask } from '../inbox/inbox-api';

/** A service to contact, as the step's signposting lists it. */
export interface Signpost {
  name: string;
  phone?: string | string[];
  web?: string | string[];
  email?: string | string[];
  address?: string;
  notes?: string;
}

export interface HistoryEntry {
  activityName: string | null;
  assignee: string | null;
  start: string | null;
  end: string | null;
  onTime: boolean | null;
}

/** Everything the task page shows (GET /api/tasks/:id/page). */
export interface TaskPageData {
  task: InboxTask;
  guidance: string | null;
  formSchema: Record<string, unknown> | null;
  draft: Record<string, unknown> | null;
  signposting: Signpost[];
  deadline: { due: string; workingHoursLeft: number | null; overdue: boolean; overdueForMs?: number } | null;
  caseSummary: { businessKey: string | null; keyFacts: { label: string; value: string }[] } | null;
  history: HistoryEntry[];
}

export interface NextTask {
  id: string;
  name: string | null;
  candidateGroups: string[];
  assignee: string | null;
}

/** The task page's side of the server: read the page, save a draft, complete. */
@Injectable({ providedIn: 'root' })
export class TaskApi {
  private readonly http = inject(HttpClient);

  page(taskId: string): Promise<TaskPageData> {
    return firstValueFrom(this.http.get<TaskPageData>(`/api/tasks/${encodeURIComponent(taskId)}/page`));
  }

  saveDraft(taskId: string, values: Record<string, unknown>): Promise<void> {
    return firstValueFrom(this.http.put<void>(`/api/tasks/${encodeURIComponent(taskId)}/draft`, { values }));
  }

  complete(taskId: string, values: Record<string, unknown>): Promise<{ nextTasks: NextTask[] }> {
    return firstValueFrom(this.http.post<{ nextTasks: NextTask[] }>(`/api/tasks/${encodeURIComponent(taskId)}/complete`, { values }));
  }
}
