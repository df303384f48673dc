/**
 * Safepath deadline notation: working-time deadlines written the way procedures say them, for
 * BPMN `timeDuration`, `camunda:dueDate` and `camunda:followUpDate`.
 *
 *   1 working day · 3 working days · within 1 working day
 *   4 working hours · 1.5 working hours · 30 working minutes
 *   end of working day · same working day · by end of the working day
 *   end of next working day
 *   end of day · same day                  (23:59 of the calendar day: "referrals the same day")
 *   same day at 16:00 · today at 16:00     (that local time on the calendar day; a reminder)
 *
 * Case and extra spaces do not matter, nor singular/plural. Every form contains the word
 * "working", which is how it is told apart from ISO 8601 (`P1D`, `2027-01-06T10:00:00Z`), which
 * is left alone. docs/deadlines.md has the rules.
 */
import { DateTime } from 'luxon';
import { BusinessCalendar, HOUR_MS } from './business-calendar';
import { TimerSyntaxError } from './timer-syntax-error';

/** A parsed Safepath deadline. */
export type DeadlineSpec =
  /** n office-days of working time after the clock starts. */
  | { readonly kind: 'workingDays'; readonly days: number }
  /** An amount of working time (hours or minutes), in milliseconds. */
  | { readonly kind: 'workingTime'; readonly millis: number }
  /** Closing time of the working day the clock starts on (0) or of the next working day (1). */
  | { readonly kind: 'endOfWorkingDay'; readonly workingDaysAfter: 0 | 1 }
  /** 23:59 of the calendar day the clock starts on, in the calendar's zone (working hours or not). */
  | { readonly kind: 'endOfDay' }
  /** A local time on the calendar day the clock starts on; if that time has passed, at once. */
  | { readonly kind: 'sameDayAt'; readonly hour: number; readonly minute: number };

/** The largest amounts accepted; anything longer is surely a typo. */
const MAX_DAYS = 1_000;
const MAX_HOURS = 10_000;

const AMOUNT = /^(?:within )?(\d+(?:\.\d+)?) working (days?|hours?|hrs?|minutes?|mins?)$/;
const END_OF_DAY = /^(?:by )?(?:the )?(?:end of (?:the )?(next )?working day|same working day)$/;
const MENTIONS_WORKING = /\bworking\b/;
const CALENDAR_END_OF_DAY = /^(?:by )?(?:the )?(?:end of (?:the )?(?:same )?day|same day)$/;
const SAME_DAY_AT = /^(?:same day|today) at (\d{1,2}):(\d{2})$/;

const EXAMPLES = "'1 working day', '4 working hours', '30 working minutes', 'end of working day', 'end of next working day'";

function syntaxError(text: string, problem: string): TimerSyntaxError {
  return new TimerSyntaxError(`'${text}' is not a valid Safepath deadline: ${problem}. Examples: ${EXAMPLES}`, text);
}

/**
 * Reads Safepath notation. Returns null when the text is not Safepath notation at all (it does
 * not use the word "working"; e.g. ISO 8601), so the caller can try ISO 8601. Throws
 * `TimerSyntaxError` when the text is meant as Safepath notation but is malformed.
 */
export function parseDeadline(text: string): DeadlineSpec | null {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (CALENDAR_END_OF_DAY.test(normalized)) return { kind: 'endOfDay' };
  const at = SAME_DAY_AT.exec(normalized);
  if (at) {
    const hour = Number(at[1]);
    const minute = Number(at[2]);
    if (hour > 23 || minute > 59) throw syntaxError(text, 'the time must be between 00:00 and 23:59');
    return { kind: 'sameDayAt', hour, minute };
  }
  if (!MENTIONS_WORKING.test(normalized)) return null;

  const end = END_OF_DAY.exec(normalized);
  if (end) return { kind: 'endOfWorkingDay', workingDaysAfter: end[1] ? 1 : 0 };

  const amount = AMOUNT.exec(normalized);
  if (!amount) throw syntaxError(text, 'write a number then a working-time unit, or an end-of-day form');
  const value = Number(amount[1]);
  const unit = amount[2];
  if (!(value > 0)) throw syntaxError(text, 'the amount must be more than 0');
  if (unit.startsWith('day')) {
    if (!Number.isInteger(value)) throw syntaxError(text, 'working days must be whole; write part of a day in working hours');
    if (value > MAX_DAYS) throw syntaxError(text, `at most ${MAX_DAYS} working days`);
    return { kind: 'workingDays', days: value };
  }
  if (unit.startsWith('h')) {
    if (value > MAX_HOURS) throw syntaxError(text, `at most ${MAX_HOURS} working hours`);
    return { kind: 'workingTime', millis: Math.round(value * HOUR_MS) };
  }
  if (!Number.isInteger(value)) throw syntaxError(text, 'working minutes must be whole');
  if (value > MAX_HOURS * 60) throw syntaxError(text, `at most ${MAX_HOURS * 60} working minutes`);
  return { kind: 'workingTime', millis: value * 60_000 };
}

/** The due instant of a Safepath deadline whose clock starts at `from` (received time, task creation). */
export function resolveDeadline(spec: DeadlineSpec, from: Date, calendar: BusinessCalendar): Date {
  switch (spec.kind) {
    case 'workingDays':
      return calendar.addWorkingDays(from, spec.days);
    case 'workingTime':
      return calendar.addWorkingMillis(from, spec.millis);
    case 'endOfWorkingDay':
      return calendar.endOfWorkingDay(from, spec.workingDaysAfter);
    case 'endOfDay':
      return DateTime.fromJSDate(from, { zone: calendar.timeZone }).set({ hour: 23, minute: 59, second: 0, millisecond: 0 }).toJSDate();
    case 'sameDayAt': {
      const at = DateTime.fromJSDate(from, { zone: calendar.timeZone }).set({ hour: spec.hour, minute: spec.minute, second: 0, millisecond: 0 }).toJSDate();
      return at.getTime() > from.getTime() ? at : from;
    }
  }
}

/** The canonical text of a deadline, for display and round-tripping: `3 working days`, `end of next working day`. */
export function formatDeadline(spec: DeadlineSpec): string {
  switch (spec.kind) {
    case 'workingDays':
      return `${spec.days} working ${spec.days === 1 ? 'day' : 'days'}`;
    case 'workingTime': {
      if (spec.millis % HOUR_MS !== 0 && spec.millis % 60_000 === 0) {
        const minutes = spec.millis / 60_000;
        return `${minutes} working ${minutes === 1 ? 'minute' : 'minutes'}`;
      }
      const hours = spec.millis / HOUR_MS;
      return `${hours} working ${hours === 1 ? 'hour' : 'hours'}`;
    }
    case 'endOfWorkingDay':
      return spec.workingDaysAfter === 0 ? 'end of working day' : 'end of next working day';
    case 'endOfDay':
      return 'end of day';
    case 'sameDayAt':
      return `same day at ${String(spec.hour).padStart(2, '0')}:${String(spec.minute).padStart(2, '0')}`;
  }
}
