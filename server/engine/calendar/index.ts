/**
 * Deadline arithmetic for the engine: office calendars with UK bank holidays, Safepath
 * working-time notation (`1 working day`, `end of working day`) and ISO 8601 timers.
 *
 * The engine calls `computeDueDate` for timers and task due dates and `validateTimerText` when a
 * model is deployed; services build one `BusinessCalendar` per office from its settings.
 * See docs/deadlines.md.
 */
export { BusinessCalendar, HOUR_MS } from './business-calendar';
export { CalendarConfigError } from './calendar-config';
export type { BusinessCalendarConfig, OfficeHoursConfig, ResolvedCalendarConfig } from './calendar-config';
export { UK_REGIONS } from './bank-holidays';
export type { BankHoliday, UkRegion } from './bank-holidays';
export { formatDeadline, parseDeadline, resolveDeadline } from './deadline-notation';
export type { DeadlineSpec } from './deadline-notation';
export {
  addIsoDuration,
  formatIsoInstant,
  nextOccurrence,
  parseIsoCycle,
  parseIsoDateTime,
  parseIsoDuration,
} from './iso8601';
export type { CycleOccurrence, IsoCycle, IsoDuration } from './iso8601';
export { computeDueDate, validateTimerText } from './timer-definition';
export type { DueDate, TimerKind } from './timer-definition';
export { TimerExhaustedError, TimerSyntaxError } from './timer-syntax-error';
