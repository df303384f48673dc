/** The shapes of a training simulation: its state as the API answers it, its set-up and its steps as done. */
import type { BusinessCalendar } from '../../engine';
import type { FormSchema } from '../../engine/forms';
import type { FormJson } from '../inbox/form-values';
import type { AttemptComparison } from './comparison';
import type { Explanation } from './explanation';
import type { ScenarioDefinition, ScenarioStep } from './scenario';

/** A user: id and display name. */
export interface Person {
  id: string;
  name: string;
}

/** free: started from a process; replay: plays a scenario's steps; practice: a trainee walks a scenario. */
export type SimulationMode = 'free' | 'replay' | 'practice';

/** A step as it was done: the simulated time, by whom, and the timers that fired because of it. */
export type RecordedStep = ScenarioStep & { at: string; by: Person; fired?: FiredTimer[] };

/** A step that cannot apply (no such open task, answers the form refuses, …): the message says why, in plain words. */
export class SimulationStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationStepError';
  }
}

export interface SimulationTask {
  id: string;
  taskKey: string;
  name: string | null;
  candidateGroups: string[];
  due: string | null;
  /** The task's form as written (form-js), with its root `type`. */
  formSchema: FormJson | null;
  guidance: string | null;
  handedTo: Person | null;
  /** Whether the viewer may complete it: the owner any task, a participant those handed to them. */
  mayComplete: boolean;
}

export interface SimulationExternalTask {
  id: string;
  activityId: string;
  topicName: string;
}

export interface PendingTimer {
  jobId: string;
  activityId: string;
  due: string | null;
}

export interface FiredTimer {
  activityId: string;
  due: string | null;
  firedAt: string;
  outcome: string;
}

export interface ScenarioView {
  key: string;
  name: string;
  summary: string;
  stepCount: number;
  /** The steps that complete a task (a practice's score counts these). */
  taskStepCount: number;
  /** Replay: the next step to play; null otherwise. */
  cursor: number | null;
  /** Replay only (with its answers). */
  nextStep: ScenarioStep | null;
  /** The steps' notes for trainees, never their answers; a practice's only as far as the trainee has come. */
  story: { index: number; kind: ScenarioStep['kind']; taskKey?: string; note: string | null }[];
}

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
  externalTasks: SimulationExternalTask[];
  /** Activity ids where the cases are now. */
  position: string[];
  /** Activity ids in the order they started. */
  path: string[];
  variables: Record<string, unknown>;
  pendingTimers: { activityId: string; due: string | null }[];
  log: RecordedStep[];
  scenario: ScenarioView | null;
  explanation: Explanation;
  result: AttemptComparison | null;
  fired?: FiredTimer[];
}

export interface SimulationSetup {
  ownerId: string;
  tenantId: string;
  processKey: string;
  version: number | 'draft';
  resources: { name: string; content: string }[];
  start: Date;
  calendar: (tenantId: string | null) => BusinessCalendar;
  owner: Person;
  mode: SimulationMode;
  /** The scenario a replay plays or a practice walks. */
  scenario?: ScenarioDefinition;
}

/** How far to move the clock: exactly one of these. */
export interface AdvanceBy {
  hours?: number;
  workingDays?: number;
  toNextDeadline?: boolean;
  /** An ISO 8601 instant, not before the clock. */
  to?: string;
  /** A scenario step's note for trainees, kept in the log. */
  note?: string;
}

/** What a task is, from the model: for comparisons and explanations. */
export interface TaskInfo {
  name: string | null;
  guidance: string | null;
  schema: FormSchema | null;
}
