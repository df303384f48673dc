/**
 * Calendar dates as plain `YYYY-MM-DD` strings. A date string names a day on the wall calendar,
 * with no time zone: it is the unit holidays, closures and office days are expressed in.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** ISO weekday of a date string: 1 = Monday … 7 = Sunday. Independent of the process time zone. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The date string `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  const utc = new Date(`${date}T00:00:00Z`);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** The calendar year of a date string. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
