/**
 * ISO 8601 as BPMN timer definitions use it: `timeDate`, `timeDuration` and `timeCycle`.
 *
 * Everything is applied on the wall clock of a time zone (the office's calendar zone):
 * - a date-time without an offset is a local time there;
 * - calendar units of a duration (Y, M, W, D) move the local date and keep the local time, so
 *   `P1D` across a clock change is 23 or 25 real hours; time units (H, M, S) are real elapsed
 *   time, so `PT24H` is always 24 hours;
 * - the n-th occurrence of a cycle is `start + n × duration` computed in one step, so a monthly
 *   cycle that starts on the 31st comes back to the 31st after a short month.
 */
import { DateTime } from 'luxon';
import { TimerSyntaxError } from './timer-syntax-error';

export { TimerSyntaxError };

/** A parsed ISO 8601 duration. Calendar parts are whole numbers; the time part is exact milliseconds. */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  /** Hours, minutes and seconds together, in milliseconds. */
  readonly millis: number;
  /** The text as written. */
  readonly text: string;
}

/** A parsed `timeCycle`: `R[n]/[start/]duration`. */
export interface IsoCycle {
  readonly text: string;
  /** How many times the timer fires in all; null for `R/…` (no limit). */
  readonly repetitions: number | null;
  /** First occurrence; null when the cycle starts from the moment the timer is created. */
  readonly start: Date | null;
  readonly duration: IsoDuration;
  /** Zone calendar units are added in. */
  readonly timeZone: string;
}

/** One occurrence of a cycle. */
export interface CycleOccurrence {
  readonly at: Date;
  /** 0 for the first occurrence. */
  readonly index: number;
  /** Occurrences still to come after this one; null when unlimited. */
  readonly remaining: number | null;
}

const DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/;
const UNIT_MS = [3_600_000, 60_000, 1_000];

/** Parses `PnYnMnWnDTnHnMnS` (any subset, at least one part). Throws `TimerSyntaxError`. */
export function parseIsoDuration(text: string): IsoDuration {
  const upper = text.trim().toUpperCase();
  const match = DURATION.exec(upper);
  const fail = (problem: string): TimerSyntaxError =>
    new TimerSyntaxError(`'${text}' is not a valid ISO 8601 duration: ${problem}. Examples: 'P1D', 'PT4H', 'P2W', 'P1DT12H'`, text);
  if (upper.startsWith('-')) throw fail('negative durations are not allowed');
  if (!match || upper === 'P' || upper.endsWith('T')) throw fail('expected P, then amounts with units Y M W D, then T and H M S');
  const parts = match.slice(1).map((part) => (part === undefined ? undefined : Number(part.replace(',', '.'))));
  const [years, months, weeks, days, ...time] = parts;
  for (const calendarPart of [years, months, weeks, days]) {
    if (calendarPart !== undefined && !Number.isInteger(calendarPart)) throw fail('years, months, weeks and days must be whole numbers');
  }
  const present = parts.map((part, index) => (part === undefined ? -1 : index)).filter((index) => index >= 0);
  const last = present[present.length - 1];
  if (present.some((index) => index !== last && !Number.isInteger(parts[index]))) throw fail('only the last part may have a fraction');
  const millis = Math.round(time.reduce<number>((sum, part, index) => sum + (part ?? 0) * UNIT_MS[index], 0));
  return Object.freeze({ years: years ?? 0, months: months ?? 0, weeks: weeks ?? 0, days: days ?? 0, millis, text: text.trim() });
}

/** True when a duration is zero length (`PT0S`). */
export function isZeroDuration(duration: IsoDuration): boolean {
  return duration.years + duration.months + duration.weeks + duration.days + duration.millis === 0;
}

/** `from + times × duration` on the wall clock of `timeZone` (calendar parts first, then elapsed time). */
export function addIsoDuration(from: Date, duration: IsoDuration, timeZone: string, times = 1): Date {
  return DateTime.fromJSDate(from, { zone: timeZone })
    .plus({ years: duration.years * times, months: duration.months * times, weeks: duration.weeks * times, days: duration.days * times })
    .plus({ milliseconds: duration.millis * times })
    .toJSDate();
}

/**
 * Parses a `timeDate`: `YYYY-MM-DD[THH:mm[:ss[.fff]]][Z|±HH:mm]`. Without an offset the time is
 * local to `timeZone`; a local time skipped by the spring change moves forward an hour, and one
 * repeated by the autumn change means its first (summer-time) occurrence. Date only = local midnight.
 */
export function parseIsoDateTime(text: string, timeZone: string): Date {
  const trimmed = text.trim();
  const normalized = trimmed.replace(/t/, 'T').replace(/z$/, 'Z');
  const fail = (problem: string): TimerSyntaxError =>
    new TimerSyntaxError(`'${text}' is not a valid ISO 8601 date-time: ${problem}. Examples: '2027-01-06T10:00:00Z', '2027-01-06T10:00'`, text);
  if (!DATE_TIME.test(normalized)) throw fail('expected YYYY-MM-DDTHH:mm:ss with an optional offset such as Z or +01:00');
  const parsed = DateTime.fromISO(normalized.replace(',', '.'), { zone: timeZone });
  if (!parsed.isValid) throw fail(parsed.invalidExplanation ?? 'no such date or time');
  if (HAS_OFFSET.test(normalized) && normalized.length > 10) return parsed.toJSDate();
  // Luxon resolves a repeated local time to the later occurrence; deadlines take the earlier one.
  const hourEarlier = parsed.minus({ hours: 1 });
  const wallClock = (value: DateTime): string => value.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
  return (wallClock(hourEarlier) === wallClock(parsed) ? hourEarlier : parsed).toJSDate();
}

/**
 * Parses a `timeCycle`: `R/duration`, `Rn/duration`, `R/start/duration` or `Rn/start/duration`.
 * `Rn` means the timer fires n times in all. Throws `TimerSyntaxError`; cron expressions and
 * `start/end` or `duration/end` forms are not supported.
 */
export function parseIsoCycle(text: string, timeZone: string): IsoCycle {
  const trimmed = text.trim();
  const fail = (problem: string): TimerSyntaxError =>
    new TimerSyntaxError(`'${text}' is not a valid ISO 8601 time cycle: ${problem}. Examples: 'R/2027-01-06T10:00:00Z/P14D', 'R3/PT1H'`, text);
  if (/\s/.test(trimmed)) throw fail('cron expressions are not supported; write R/start/duration');
  const parts = trimmed.split('/');
  const repeat = /^R(\d*)$/i.exec(parts[0]);
  if (!repeat || parts.length < 2 || parts.length > 3) throw fail('expected R or Rn, then an optional start, then a duration, separated by /');
  const repetitions = repeat[1] === '' ? null : Number(repeat[1]);
  if (repetitions === 0) throw fail('R0 never fires');
  const startText = parts.length === 3 ? parts[1] : null;
  const durationText = parts[parts.length - 1];
  if (!/^p/i.test(durationText)) throw fail('the last part must be a duration (end dates are not supported)');
  if (startText !== null && /^p/i.test(startText)) throw fail('the middle part must be a start date-time');
  const duration = parseIsoDuration(durationText);
  if (isZeroDuration(duration)) throw fail('the duration must be longer than zero');
  const start = startText === null ? null : parseIsoDateTime(startText, timeZone);
  return Object.freeze({ text: trimmed, repetitions, start, duration, timeZone });
}

/**
 * The first occurrence of a cycle strictly after `after`, or null when a limited cycle has none
 * left. Without a start the cycle counts from `after` (the timer is being created), so the first
 * occurrence is `after + duration`. Occurrences missed while nothing ran are skipped, not caught up.
 */
export function nextOccurrence(cycle: IsoCycle, after: Date): CycleOccurrence | null {
  const remainingAfter = (index: number): number | null => (cycle.repetitions === null ? null : cycle.repetitions - index - 1);
  if (cycle.start === null) {
    return { at: addIsoDuration(after, cycle.duration, cycle.timeZone), index: 0, remaining: remainingAfter(0) };
  }
  const start = cycle.start;
  const occurrence = (k: number): number => addIsoDuration(start, cycle.duration, cycle.timeZone, k).getTime();
  const limit = after.getTime();
  const step = occurrence(1) - occurrence(0);
  let k = Math.max(0, Math.floor((limit - start.getTime()) / step));
  while (k > 0 && occurrence(k - 1) > limit) k--;
  while (occurrence(k) <= limit) k++;
  if (cycle.repetitions !== null && k >= cycle.repetitions) return null;
  return { at: new Date(occurrence(k)), index: k, remaining: remainingAfter(k) };
}

/** An instant written as ISO 8601 with the zone's offset, e.g. `2027-01-20T10:00:00.000+00:00`. */
export function formatIsoInstant(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISO() as string;
}
