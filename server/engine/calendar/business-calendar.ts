/**
 * Working-time arithmetic for deadlines such as "safe contact within 1 working day".
 *
 * A `BusinessCalendar` knows one office's hours (in its own time zone), the UK bank holidays of
 * its region and the closure days an administrator added. All arithmetic happens on the office's
 * local wall clock, so clock changes in March and October need no special handling by callers;
 * inputs and results are absolute instants (`Date`, i.e. UTC).
 *
 * The rules (docs/deadlines.md explains them with examples):
 * - Working time is the half-open interval [start, end) of each working day: 17:00 is closed.
 * - A clock starts at the next working moment: the instant itself if it is working time, else the
 *   next opening time. Something received at 16:59 on a Friday has one working minute that day.
 * - When a deadline lands exactly on a closing time it is that closing time ("by close of
 *   business"), never the next opening time.
 */
import { DateTime } from 'luxon';
import { BankHoliday, ukBankHolidays } from './bank-holidays';
import { BusinessCalendarConfig, ResolvedCalendarConfig, resolveCalendarConfig } from './calendar-config';
import { addDays, isIsoDate, isoWeekday, yearOf } from './local-date';

/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;

/** Searching further than this for a working day means the configuration closes everything. */
const MAX_DAYS_SCANNED = 3_700;

interface WorkingPeriod {
  readonly start: number;
  readonly end: number;
}

function checkedInstant(value: Date, name: string): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid Date`);
  return value.getTime();
}

/** One office's working calendar: hours, time zone, UK bank holidays of a region, extra closures. */
export class BusinessCalendar {
  /** The checked configuration, with defaults filled in. */
  readonly config: ResolvedCalendarConfig;
  private readonly periods = new Map<string, WorkingPeriod | null>();
  private readonly holidayDates = new Map<number, ReadonlySet<string>>();

  /** Throws `CalendarConfigError` when the configuration is invalid. */
  constructor(config: BusinessCalendarConfig) {
    this.config = resolveCalendarConfig(config);
  }

  /** The IANA zone office hours are expressed in. */
  get timeZone(): string {
    return this.config.timeZone;
  }

  /** The official bank holidays of the calendar's region in `year` (Monday–Friday dates, substitutes included). */
  bankHolidays(year: number): readonly BankHoliday[] {
    if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
    return ukBankHolidays(this.config.region, year);
  }

  /**
   * Whether a day is a working day: an office weekday that is neither a bank holiday nor a closure.
   * A `Date` is read as the day it falls on in the calendar's zone; a string must be `YYYY-MM-DD`.
   */
  isWorkingDay(date: Date | string): boolean {
    if (typeof date === 'string') {
      if (!isIsoDate(date)) throw new RangeError(`date must be written YYYY-MM-DD, got '${date}'`);
      return this.isWorkingDate(date);
    }
    return this.isWorkingDate(this.localDate(checkedInstant(date, 'date')));
  }

  /** Whether an instant is inside office hours on a working day (opening time inclusive, closing time exclusive). */
  isWorkingTime(instant: Date): boolean {
    const t = checkedInstant(instant, 'instant');
    const period = this.periodOf(this.localDate(t));
    return period !== null && t >= period.start && t < period.end;
  }

  /** When a clock started at `from` begins to run: `from` itself in working time, else the next opening time. */
  nextWorkingMoment(from: Date): Date {
    return new Date(this.nextWorkingMs(checkedInstant(from, 'from')));
  }

  /**
   * "Within n working days": the clock starts at the next working moment and runs n office-days
   * of working time. Concretely the result is the same local time of day on the n-th working day
   * after the start day; a clock that starts at opening time ends at closing time of the
   * (n-1)-th working day after, which is the same amount of working time but the earlier instant.
   * `n = 0` gives the next working moment.
   */
  addWorkingDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    const start = this.nextWorkingMs(checkedInstant(from, 'from'));
    if (n === 0) return new Date(start);
    const day = this.localDate(start);
    if (start === this.requirePeriod(day).start) return new Date(this.requirePeriod(this.workingDayAfter(day, n - 1)).end);
    const target = this.workingDayAfter(day, n);
    const local = DateTime.fromMillis(start, { zone: this.timeZone });
    const [year, month, dayOfMonth] = target.split('-').map(Number);
    const due = DateTime.fromObject(
      { year, month, day: dayOfMonth, hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond },
      { zone: this.timeZone },
    );
    return due.toJSDate();
  }

  /** "Within h working hours" (fractions allowed: 0.5 is 30 working minutes), counted from the next working moment. */
  addWorkingHours(from: Date, hours: number): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a finite number ≥ 0, got ${hours}`);
    return this.addWorkingMillis(from, Math.round(hours * HOUR_MS));
  }

  /** Adds working time in milliseconds; the exact form of `addWorkingHours`. */
  addWorkingMillis(from: Date, millis: number): Date {
    if (!Number.isInteger(millis) || millis < 0) throw new RangeError(`working milliseconds must be a whole number ≥ 0, got ${millis}`);
    let t = this.nextWorkingMs(checkedInstant(from, 'from'));
    let remaining = millis;
    for (;;) {
      const period = this.requirePeriod(this.localDate(t));
      const available = period.end - t;
      if (remaining <= available) return new Date(t + remaining);
      remaining -= available;
      t = this.nextWorkingMs(period.end);
    }
  }

  /**
   * "By the end of the working day": the closing time of the working day on which a clock started
   * at `from` begins. Received in hours (or before opening on a working day): that day's closing
   * time. Received after closing or on a non-working day: closing time of the next working day.
   * `workingDaysAfter = 1` gives "end of next working day".
   */
  endOfWorkingDay(from: Date, workingDaysAfter = 0): Date {
    if (!Number.isInteger(workingDaysAfter) || workingDaysAfter < 0) {
      throw new RangeError(`workingDaysAfter must be a whole number ≥ 0, got ${workingDaysAfter}`);
    }
    const start = this.nextWorkingMs(checkedInstant(from, 'from'));
    return new Date(this.requirePeriod(this.workingDayAfter(this.localDate(start), workingDaysAfter)).end);
  }

  /**
   * Working time between two instants in milliseconds, e.g. the working time left before a
   * deadline. Negative when `b` is before `a` (a deadline already passed, by that much working time).
   */
  workingMillisBetween(a: Date, b: Date): number {
    const from = checkedInstant(a, 'a');
    const to = checkedInstant(b, 'b');
    if (to < from) return -this.workingMillisBetween(b, a);
    const lastDay = this.localDate(to);
    let total = 0;
    for (let day = this.localDate(from); day <= lastDay; day = addDays(day, 1)) {
      const period = this.periodOf(day);
      if (period) total += Math.max(0, Math.min(period.end, to) - Math.max(period.start, from));
    }
    return total;
  }

  private isWorkingDate(day: string): boolean {
    return this.config.days.has(isoWeekday(day)) && !this.config.closures.has(day) && !this.isBankHoliday(day);
  }

  private isBankHoliday(day: string): boolean {
    const year = yearOf(day);
    let dates = this.holidayDates.get(year);
    if (!dates) {
      dates = new Set(this.bankHolidays(year).map((holiday) => holiday.date));
      this.holidayDates.set(year, dates);
    }
    return dates.has(day);
  }

  private localDate(t: number): string {
    return DateTime.fromMillis(t, { zone: this.timeZone }).toISODate() as string;
  }

  /** The instant a local wall-clock minute of a day occurs; a time skipped by a clock change moves forward. */
  private instantOf(day: string, minuteOfDay: number): number {
    if (minuteOfDay >= 24 * 60) return this.instantOf(addDays(day, 1), minuteOfDay - 24 * 60);
    const [year, month, dayOfMonth] = day.split('-').map(Number);
    const hour = Math.floor(minuteOfDay / 60);
    return DateTime.fromObject({ year, month, day: dayOfMonth, hour, minute: minuteOfDay % 60 }, { zone: this.timeZone }).toMillis();
  }

  private periodOf(day: string): WorkingPeriod | null {
    const cached = this.periods.get(day);
    if (cached !== undefined) return cached;
    const period = this.isWorkingDate(day)
      ? { start: this.instantOf(day, this.config.startMinute), end: this.instantOf(day, this.config.endMinute) }
      : null;
    if (this.periods.size > 5_000) this.periods.clear();
    this.periods.set(day, period);
    return period;
  }

  private requirePeriod(day: string): WorkingPeriod {
    const period = this.periodOf(day);
    if (!period) throw new Error(`internal: ${day} is not a working day`);
    return period;
  }

  private nextWorkingMs(t: number): number {
    let day = this.localDate(t);
    for (let i = 0; i < MAX_DAYS_SCANNED; i++, day = addDays(day, 1)) {
      const period = this.periodOf(day);
      if (period && t < period.end) return Math.max(t, period.start);
    }
    throw new RangeError('no working day within ten years: check officeHours.days and closures');
  }

  /** The working day `n` working days after the working day `day` (`n = 0` is `day` itself). */
  private workingDayAfter(day: string, n: number): string {
    let current = day;
    for (let found = 0, i = 0; found < n; i++) {
      if (i > MAX_DAYS_SCANNED) throw new RangeError('no working day within ten years: check officeHours.days and closures');
      current = addDays(current, 1);
      if (this.isWorkingDate(current)) found++;
    }
    return current;
  }
}
