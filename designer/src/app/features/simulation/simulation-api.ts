import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A step of a simulation waiting for a person, with its form and guidance as staff see them. */
export interface SimulationTask {
  id: string;
  taskKey: string;
  name: string | null;
  candidateGroups: string[];
  due: string | null;
  formSchema: Record<string, unknown> | null;
  guidance: string | null;
}

/** A timer that fired while the clock moved, and what came of it ('fired', 'retry', 'incident'). */
export interface FiredTimer {
  activityId: string;
  due: string | null;
  firedAt: string;
  outcome: string;
}

/** One simulation as GET /api/simulations/:id answers (docs/simulation.md). */
export interface SimulationState {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  tasks: SimulationTask[];
  externalTasks: { id: string; activityId: string; topicName: string }[];
  position: string[];
  path: string[];
  variables: Record<string, unknown>;
  pendingTimers: { activityId: string; due: string | null }[];
  ended: boolean;
  fired?: FiredTimer[];
}

/** One of the caller's simulations (GET /api/simulations). */
export interface SimulationSummary {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  ended: boolean;
}

export type Advance = { hours: number } | { workingDays: number } | { toNextDeadline: true };

const BASE = '/api/simulations';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Training simulations on the server: start, read, complete a step, move the clock, end. */
@Injectable({ providedIn: 'root' })
export class SimulationApi {
  private readonly http = inject(HttpClient);

  list(): Promise<SimulationSummary[]> {
    return firstValueFrom(this.http.get<SimulationSummary[]>(BASE));
  }

  start(processKey: string, version?: number | 'draft'): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(BASE, version === undefined ? { processKey } : { processKey, version }));
  }

  get(id: string): Promise<SimulationState> {
    return firstValueFrom(this.http.get<SimulationState>(one(id)));
  }

  complete(id: string, taskId: string, values: Record<string, unknown>): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/tasks/${encodeURIComponent(taskId)}/complete`, { values }));
  }

  completeExternal(id: string, externalTaskId: string): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/external-tasks/${encodeURIComponent(externalTaskId)}/complete`, { values: {} }));
  }

  advance(id: string, by: Advance): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/advance`, by));
  }

  end(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(one(id)));
  }

  /** The BPMN XML of the simulated version (a published version, or the draft). */
  async xml(processKey: string, version: number | 'draft'): Promise<string> {
    const key = encodeURIComponent(processKey);
    if (version === 'draft') {
      const detail = await firstValueFrom(this.http.get<{ draft: { xml: string } | null }>(`/api/processes/${key}`));
      if (!detail.draft) throw new Error('The draft is gone');
      return detail.draft.xml;
    }
    return (await firstValueFrom(this.http.get<{ xml: string }>(`/api/processes/${key}/versions/${version}`))).xml;
  }
}

const SIMULATED = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London',
});

/** A simulated time as "Tue 24 Nov 2026, 09:00" (UK time, always with the year). */
export function formatSimulatedTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const part = (type: Intl.DateTimeFormatPartTypes) => SIMULATED.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}
