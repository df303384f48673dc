/**
 * Training scenarios: a named walk-through of one process (answers per step and time jumps),
 * shipped with an organisation's library (`processes/<organisation>/scenarios/*.scenario.json`,
 * from shared/procedures/scenarios.md) or recorded by a trainer from a simulation. A scenario is
 * replayed on the real engine in a sandbox; its expected path is whatever the procedure does with
 * its answers, so it cannot go stale against a new version. Plain data: no framework imports.
 */

/** One thing that happens in a walk-through, in order. Every kind may carry a `note` for trainees. */
export type ScenarioStep =
  /** A person completes the open user task `taskKey` (the oldest, if several) with these form answers. */
  | { kind: 'complete'; taskKey: string; values: Record<string, unknown>; note?: string }
  /** A worker completes the open external task of `activityId` (no real worker sees a simulation). */
  | { kind: 'external'; activityId: string; values?: Record<string, unknown>; note?: string }
  /** A message arrives (Camunda's correlate by name), optionally with variables. */
  | { kind: 'message'; messageName: string; variables?: Record<string, unknown>; note?: string }
  /** Time passes: exactly one of hours, workingDays, toNextDeadline or `to` (an ISO instant not before the clock). */
  | { kind: 'advance'; hours?: number; workingDays?: number; toNextDeadline?: true; to?: string; note?: string };

/** What a shipped scenario promises once all its steps have run (checked by the shipped-scenario test). */
export interface ScenarioExpectation {
  /** The main case has ended. */
  ended?: boolean;
  /** End events the main case or its called cases reached. */
  endEvents?: string[];
  /** Activities that must appear in the path (any case of the simulation). */
  reached?: string[];
  /** Activities that must not appear in the path ("must not happen"). */
  notReached?: string[];
}

export interface ScenarioDefinition {
  /** Unique within the organisation: 'S05' for shipped ones, a slug for recorded ones. */
  key: string;
  name: string;
  /** The set-up, in plain words, shown before starting. */
  summary: string;
  processKey: string;
  /** A published version; absent = the latest published version. */
  version?: number;
  /** The start event (none, message or timer start); absent = the none start, else a message start, else a timer start. */
  startEventId?: string;
  /** Variables the case starts with (a message start's payload). */
  startVariables?: Record<string, unknown>;
  /** The simulated clock at the start (ISO 8601 instant). */
  startsAt: string;
  steps: ScenarioStep[];
  expect?: ScenarioExpectation;
}

export type ScenarioSource = 'shipped' | 'recorded';
