import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A user of the organisation: id and display name. */
export interface Person {
  id: string;
  name: string;
}

/** 'free': a trainer started it from a process; 'replay': from a scenario; 'practice': a trainee walks a scenario. */
export type SimulationMode = 'free' | 'replay' | 'practice';

/** A step of a simulation waiting for a person, with its form and guidance as staff see them. */
export interface SimulationTask {
  id: string;
  taskKey: string;
  name: string | null;
  candidateGroups: string[];
  due: string | null;
  formSchema: Record<string, unknown> | null;
  guidance: string | null;
  /** The participant the owner handed it to; only they (and the owner) may complete it. */
  handedTo: Person | null;
  /** Whether the viewer may complete it. */
  mayComplete: boolean;
}

/** A timer that fired while the clock moved, and what came of it ('fired', 'retry', 'incident'). */
export interface FiredTimer {
  activityId: string;
  due: string | null;
  firedAt: string;
  outcome: string;
}

/** One thing that happens in a scenario (server/src/simulation/scenario.ts). */
export type ScenarioStep =
  | { kind: 'complete'; taskKey: string; values: Record<string, unknown>; note?: string }
  | { kind: 'external'; activityId: string; values?: Record<string, unknown>; note?: string }
  | { kind: 'message'; messageName: string; variables?: Record<string, unknown>; note?: string }
  | { kind: 'advance'; hours?: number; workingDays?: number; toNextDeadline?: true; to?: string; note?: string };

/** A step as the simulation recorded it: when (simulated time) and by whom. */
export type RecordedStep = ScenarioStep & { at: string; by: Person; fired?: FiredTimer[] };

/** The scenario a replay or practice follows. Story notes never carry answers. */
export interface SimulationScenario {
  key: string;
  name: string;
  summary: string;
  /** Every step (a replay plays each). */
  stepCount: number;
  /** The steps that complete a task (a practice's score counts these). */
  taskStepCount: number;
  /** Replay: the next step to play (0-based); null otherwise. */
  cursor: number | null;
  /** Replay only, with its answers; null in practice and once every step is played. */
  nextStep: ScenarioStep | null;
  /**
   * The steps' notes, never their answers. A practice tells the story as it unfolds: only up to the
   * trainee's next decision, all of it once finished; a replay all of it.
   */
  story: { index: number; kind: ScenarioStep['kind']; taskKey?: string; note: string | null }[];
}

/** Why the case went where it went, where it can go next, and the deadlines running. */
export interface Explanation {
  decisions: {
    gatewayId: string;
    gatewayName: string | null;
    flowId: string;
    flowName: string | null;
    targetId: string;
    targetName: string | null;
    condition: string | null;
    isDefault: boolean;
    values: Record<string, unknown>;
  }[];
  next: {
    activityId: string;
    name: string | null;
    leadsTo: { flowName: string | null; targetId: string; targetName: string | null; condition: string | null; isDefault: boolean; viaGatewayName?: string | null }[];
  }[];
  deadlines: {
    timerId: string;
    timerName: string | null;
    attachedToId: string | null;
    attachedToName: string | null;
    due: string | null;
    interrupting: boolean;
    leadsToName: string | null;
  }[];
}

/** A form field whose answer differs from the scenario's (or a free-text answer, shown side by side). */
export interface AnswerDifference {
  field: string;
  label: string;
  expected: unknown;
  given: unknown;
}

export type ComparisonStatus = 'matched' | 'different' | 'missed' | 'extra';

/** A practice attempt compared with its scenario, step by step. */
export interface AttemptComparison {
  scenarioKey: string;
  scenarioName: string;
  matched: number;
  total: number;
  /** 0..100. */
  score: number;
  steps: {
    index: number;
    taskKey: string;
    name: string | null;
    status: ComparisonStatus;
    differences: AnswerDifference[];
    freeText: AnswerDifference[];
    guidance: string | null;
  }[];
  decisions: { gatewayId: string; gatewayName: string | null; expected: string | null; yours: string | null; same: boolean }[];
  pathDifference: { expectedOnly: { id: string; name: string | null }[]; yoursOnly: { id: string; name: string | null }[] };
}

export interface AttemptSummary {
  id: string;
  scenarioKey: string;
  scenarioName: string;
  trainee: Person;
  startedAt: string;
  finishedAt: string;
  matched: number;
  total: number;
  score: number;
}

export interface Attempt extends AttemptSummary {
  result: AttemptComparison;
}

/** A scenario trainees can practise: shipped with the organisation's library, or recorded by a trainer. */
export interface ScenarioSummary {
  key: string;
  name: string;
  summary: string;
  processKey: string;
  version: number | null;
  source: 'shipped' | 'recorded';
  /** Every step: tasks completed, time jumps, messages, automatic steps (a replay plays each). */
  stepCount: number;
  /** The steps that complete a task: what a practice is compared and scored on. */
  taskStepCount: number;
  createdBy: Person | null;
  createdAt: string | null;
}

/** One simulation as GET /api/simulations/:id answers for the viewer (docs/simulation.md). */
export interface SimulationState {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  ended: boolean;
  mode: SimulationMode;
  owner: Person;
  participants: Person[];
  viewerIsOwner: boolean;
  tasks: SimulationTask[];
  externalTasks: { id: string; activityId: string; topicName: string }[];
  position: string[];
  path: string[];
  variables: Record<string, unknown>;
  pendingTimers: { activityId: string; due: string | null }[];
  log: RecordedStep[];
  scenario: SimulationScenario | null;
  explanation: Explanation;
  result: AttemptComparison | null;
  fired?: FiredTimer[];
}

/** One of the caller's simulations, owned or participating in (GET /api/simulations). */
export interface SimulationSummary {
  id: string;
  processKey: string;
  version: number | 'draft';
  clock: string;
  ended: boolean;
  mode: SimulationMode;
  scenarioName: string | null;
  role: 'owner' | 'participant';
  /** Who started it, when the server says (shown to participants). */
  owner?: Person;
}

export type Advance = { hours: number } | { workingDays: number } | { toNextDeadline: true };

const BASE = '/api/simulations';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/**
 * Training on the server: simulations (start, read, complete a step, move the clock, replay, hand
 * steps to participants, end), scenarios (list, record, delete) and practice attempts.
 */
@Injectable({ providedIn: 'root' })
export class SimulationApi {
  private readonly http = inject(HttpClient);

  list(): Promise<SimulationSummary[]> {
    return firstValueFrom(this.http.get<SimulationSummary[]>(BASE));
  }

  start(processKey: string, version?: number | 'draft'): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(BASE, version === undefined ? { processKey } : { processKey, version }));
  }

  /** A replay of a scenario (trainers), its clock at the scenario's start and no step played. */
  replay(scenarioKey: string): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(BASE, { scenarioKey }));
  }

  /** A practice of a scenario, owned by the caller. */
  practise(scenarioKey: string): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${BASE}/practice`, { scenarioKey }));
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

  /** Plays the replay's next scenario step, or every remaining one. */
  playNext(id: string, all = false): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/replay`, all ? { all: true } : {}));
  }

  /** Ends a practice: compares it with its scenario and stores the attempt. */
  finish(id: string): Promise<Attempt> {
    return firstValueFrom(this.http.post<Attempt>(`${one(id)}/finish`, {}));
  }

  /** Colleagues of the organisation a trainer can invite (the caller excluded). */
  people(): Promise<Person[]> {
    return firstValueFrom(this.http.get<Person[]>(`${BASE}/people`));
  }

  invite(id: string, userId: string): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/participants`, { userId }));
  }

  /** Hands an open step to a participant, or takes it back (null). */
  hand(id: string, taskId: string, userId: string | null): Promise<SimulationState> {
    return firstValueFrom(this.http.post<SimulationState>(`${one(id)}/tasks/${encodeURIComponent(taskId)}/hand`, { userId }));
  }

  scenarios(): Promise<ScenarioSummary[]> {
    return firstValueFrom(this.http.get<ScenarioSummary[]>(`${BASE}/scenarios`));
  }

  /** Records the simulation's steps so far as a scenario of the organisation. */
  saveScenario(simulationId: string, name: string, summary: string): Promise<ScenarioSummary> {
    const body = summary === '' ? { simulationId, name } : { simulationId, name, summary };
    return firstValueFrom(this.http.post<ScenarioSummary>(`${BASE}/scenarios`, body));
  }

  deleteScenario(key: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${BASE}/scenarios/${encodeURIComponent(key)}`));
  }

  /** The caller's own attempts; a trainer's: every attempt of the organisation. */
  attempts(scenarioKey?: string): Promise<AttemptSummary[]> {
    const params = scenarioKey ? new HttpParams().set('scenarioKey', scenarioKey) : undefined;
    return firstValueFrom(this.http.get<AttemptSummary[]>(`${BASE}/attempts`, { params }));
  }

  attempt(id: string): Promise<Attempt> {
    return firstValueFrom(this.http.get<Attempt>(`${BASE}/attempts/${encodeURIComponent(id)}`));
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

/** A scenario's name for people: shipped ones lead with their code ("S05 — Tai Calon: …"); recorded keys are slugs of the name. */
export function scenarioLabel(scenario: { key: string; name: string }): string {
  const slug = scenario.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return scenario.name.startsWith(scenario.key) || slug.startsWith(scenario.key) ? scenario.name : `${scenario.key} — ${scenario.name}`;
}
