import { IANAZone } from 'luxon';
import { UK_REGIONS, UkRegion } from './bank-holidays';
import { isIsoDate } from './local-date';

/** When the office (duty line, team) works. Every field has a default. */
export interface OfficeHoursConfig {
  /** ISO weekdays the office works, 1 = Monday … 7 = Sunday. Default `[1, 2, 3, 4, 5]`. */
  days?: number[];
  /** Opening time, local `HH:mm`. Default `'09:00'`. */
  start?: string;
  /** Closing time, local `HH:mm` (`'24:00'` = midnight at the end of the day). Default `'17:00'`. */
  end?: string;
}

/** What a `BusinessCalendar` is built from, e.g. an organisation's settings. */
export interface BusinessCalendarConfig {
  /** IANA zone the office hours are in. Default `'Europe/London'`. */
  timeZone?: string;
  /** Default Monday–Friday 09:00–17:00. */
  officeHours?: OfficeHoursConfig;
  /** Which bank holidays apply: England & Wales, Scotland or Northern Ireland. Required. */
  region: UkRegion;
  /** Extra closure days an administrator adds, `YYYY-MM-DD` (training days, one-off holidays). Default none. */
  closures?: string[];
}

/** A checked configuration with every default filled in; times are minutes after local midnight. */
export interface ResolvedCalendarConfig {
  readonly timeZone: string;
  readonly days: ReadonlySet<number>;
  readonly startMinute: number;
  readonly endMinute: number;
  readonly region: UkRegion;
  readonly closures: ReadonlySet<string>;
}

/** A calendar configuration was rejected; the message names the field and what is wrong. */
export class CalendarConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarConfigError';
  }
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(field: string, value: unknown, allowMidnightEnd: boolean): number {
  if (typeof value !== 'string') throw new CalendarConfigError(`${field} must be a string 'HH:mm', got ${typeof value}`);
  if (allowMidnightEnd && value === '24:00') return 24 * 60;
  const match = HH_MM.exec(value);
  if (!match) throw new CalendarConfigError(`${field} must be a 24-hour time 'HH:mm' such as '09:00', got '${value}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Checks a configuration and fills in defaults. Throws `CalendarConfigError` on the first problem. */
export function resolveCalendarConfig(config: BusinessCalendarConfig): ResolvedCalendarConfig {
  if (config === null || typeof config !== 'object') throw new CalendarConfigError('calendar config must be an object');
  const timeZone = config.timeZone ?? 'Europe/London';
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new CalendarConfigError(`timeZone must be an IANA time zone such as 'Europe/London', got '${String(timeZone)}'`);
  }
  if (!UK_REGIONS.includes(config.region)) {
    throw new CalendarConfigError(`region must be one of ${UK_REGIONS.join(', ')} (England & Wales, Scotland, Northern Ireland), got '${String(config.region)}'`);
  }
  const hours = config.officeHours ?? {};
  const days = hours.days ?? [1, 2, 3, 4, 5];
  if (!Array.isArray(days) || days.length === 0) {
    throw new CalendarConfigError('officeHours.days must list at least one ISO weekday (1 = Monday … 7 = Sunday)');
  }
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new CalendarConfigError(`officeHours.days must hold ISO weekdays 1 (Monday) … 7 (Sunday), got ${String(day)}`);
    }
  }
  if (new Set(days).size !== days.length) throw new CalendarConfigError(`officeHours.days lists a weekday twice: [${days.join(', ')}]`);
  const startMinute = parseTime('officeHours.start', hours.start ?? '09:00', false);
  const endMinute = parseTime('officeHours.end', hours.end ?? '17:00', true);
  if (endMinute <= startMinute) {
    throw new CalendarConfigError(
      `officeHours.end (${hours.end ?? '17:00'}) must be after officeHours.start (${hours.start ?? '09:00'}); overnight hours are not supported`,
    );
  }
  const closures = config.closures ?? [];
  if (!Array.isArray(closures)) throw new CalendarConfigError('closures must be a list of dates YYYY-MM-DD');
  for (const closure of closures) {
    if (typeof closure !== 'string' || !isIsoDate(closure)) {
      throw new CalendarConfigError(`closures must hold real dates written YYYY-MM-DD, got '${String(closure)}'`);
    }
  }
  return Object.freeze({
    timeZone,
    days: new Set(days),
    startMinute,
    endMinute,
    region: config.region,
    closures: new Set(closures),
  });
}
