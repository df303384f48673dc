/**
 * The one entry point the engine uses for timers and task due dates.
 *
 * A BPMN timer (`timeDate`, `timeDuration`, `timeCycle`) or a `camunda:dueDate` /
 * `camunda:followUpDate` holds text after expression evaluation. `computeDueDate` turns that
 * text into the instant it falls due, on the office's `BusinessCalendar`:
 * - `duration`: Safepath notation (`1 working day`) or an ISO 8601 duration (`P1D`, `PT4H`);
 * - `date`: Safepath notation, an ISO 8601 date-time, or an ISO 8601 duration counted from now
 *   (as Camunda 7 accepts for due dates);
 * - `cycle`: an ISO 8601 repeating interval; the result says how to schedule the next firing.
 * `validateTimerText` is the same parsing without a clock, for the deploy check.
 */
import { BusinessCalendar } from './business-calendar';
import { parseDeadline, resolveDeadline } from './deadline-notation';
import {
  addIsoDuration,
  formatIsoInstant,
  nextOccurrence,
  parseIsoCycle,
  parseIsoDateTime,
  parseIsoDuration,
} from './iso8601';
import { TimerExhaustedError, TimerSyntaxError } from './timer-syntax-error';

/** Which BPMN timer definition the text comes from; due dates of tasks are `date`. */
export type TimerKind = 'date' | 'duration' | 'cycle';

/** When a timer fires, and for a cycle how to schedule the firing after it. */
export interface DueDate {
  readonly due: Date;
  /**
   * Present when a cycle fires again after `due`. When the timer fires, call
   * `computeDueDate('cycle', repeat.cycle, firedAt, calendar)` for the next one.
   */
  readonly repeat?: {
    readonly cycle: string;
    /** Firings still to come after `due`; null when unlimited. */
    readonly remaining: number | null;
  };
}

/** The zone, calendar and instant used to check syntax when none is at hand; they never change what is valid. */
const SYNTAX_CHECK_ZONE = 'Europe/London';
const SYNTAX_CHECK_CALENDAR = new BusinessCalendar({ region: 'ENG', timeZone: SYNTAX_CHECK_ZONE });
const SYNTAX_CHECK_INSTANT = new Date(Date.UTC(2026, 0, 5, 12));

/** For text that looks like neither notation, name both, so a typo in "working" is not reported as bad ISO 8601. */
function neitherNotation(text: string, kind: 'duration' | 'date'): TimerSyntaxError {
  const iso = kind === 'duration' ? "an ISO 8601 duration (e.g. 'P1D', 'PT4H')" : "an ISO 8601 date-time or duration (e.g. '2027-01-06T10:00:00Z', 'P3D')";
  return new TimerSyntaxError(
    `'${text}' is neither Safepath notation (e.g. '1 working day', '4 working hours', 'end of working day') nor ${iso}`,
    text,
  );
}

/** Parses the text of a `duration` or `date` timer into a due instant relative to `now`. */
function dueOf(kind: 'duration' | 'date', text: string, now: Date, calendar: BusinessCalendar): Date {
  const spec = parseDeadline(text);
  if (spec) return resolveDeadline(spec, now, calendar);
  if (/^p/i.test(text)) return addIsoDuration(now, parseIsoDuration(text), calendar.timeZone);
  if (kind === 'date' && /^\d{4}-/.test(text)) return parseIsoDateTime(text, calendar.timeZone);
  throw neitherNotation(text, kind);
}

function checkedText(text: string): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed === '') throw new TimerSyntaxError('the timer definition is empty', String(text));
  if (/[$#]\{/.test(trimmed)) {
    throw new TimerSyntaxError(`'${trimmed}' still contains an expression; evaluate it before computing the due date`, trimmed);
  }
  return trimmed;
}

/**
 * The due instant of a timer definition or due date, relative to `now`. Throws
 * `TimerSyntaxError` for unreadable text and `TimerExhaustedError` for a cycle with nothing left.
 */
export function computeDueDate(kind: TimerKind, text: string, now: Date, calendar: BusinessCalendar): DueDate {
  const trimmed = checkedText(text);
  if (kind === 'cycle') return computeCycle(trimmed, now, calendar.timeZone);
  return { due: dueOf(kind, trimmed, now, calendar) };
}

function cannotRepeat(text: string): TimerSyntaxError {
  return new TimerSyntaxError(`'${text}' is working-time notation, which cannot repeat; write an ISO 8601 cycle such as 'R/P1D'`, text);
}

function computeCycle(text: string, now: Date, zone: string): DueDate {
  if (parseDeadline(text)) throw cannotRepeat(text);
  const cycle = parseIsoCycle(text, zone);
  const occurrence = nextOccurrence(cycle, now);
  if (!occurrence) throw new TimerExhaustedError(text);
  if (occurrence.remaining === 0) return { due: occurrence.at };
  if (cycle.start) return { due: occurrence.at, repeat: { cycle: cycle.text, remaining: occurrence.remaining } };
  // Without a start the cycle is anchored now: pin the next firing as the start of a shorter cycle.
  const nextStart = formatIsoInstant(addIsoDuration(occurrence.at, cycle.duration, zone), zone);
  const count = occurrence.remaining === null ? '' : String(occurrence.remaining);
  return { due: occurrence.at, repeat: { cycle: `R${count}/${nextStart}/${cycle.duration.text}`, remaining: occurrence.remaining } };
}

/**
 * Checks a literal timer text at deploy time: the error message, or null when it is valid.
 * Text containing an expression (`${…}`) is checked when it is evaluated, so it passes here.
 */
export function validateTimerText(kind: TimerKind, text: string): string | null {
  if (typeof text === 'string' && /[$#]\{/.test(text)) return null;
  try {
    const trimmed = checkedText(text);
    if (kind === 'cycle') {
      if (parseDeadline(trimmed)) return cannotRepeat(trimmed).message;
      parseIsoCycle(trimmed, SYNTAX_CHECK_ZONE);
    } else {
      dueOf(kind, trimmed, SYNTAX_CHECK_INSTANT, SYNTAX_CHECK_CALENDAR);
    }
    return null;
  } catch (error) {
    if (error instanceof TimerSyntaxError) return error.message;
    throw error;
  }
}
