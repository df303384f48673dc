import Holidays from 'date-holidays';
import { isoWeekday } from './local-date';

/** The three UK bank-holiday jurisdictions: England & Wales, Scotland, Northern Ireland. */
export type UkRegion = 'ENG' | 'SCT' | 'NIR';

/** All regions, for validation and iteration. */
export const UK_REGIONS: readonly UkRegion[] = ['ENG', 'SCT', 'NIR'];

/** One bank holiday as gov.uk lists it: the day offices close, and its name. */
export interface BankHoliday {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
}

const sources = new Map<UkRegion, Holidays>();
const cache = new Map<string, readonly BankHoliday[]>();

/**
 * The bank holidays of a UK region in a year, as gov.uk publishes them: weekdays only, with the
 * substitute day in place of a holiday that falls on a weekend.
 *
 * date-holidays also reports the weekend day itself and observances (Mother's Day), so we keep only
 * `type === 'public'` on Monday–Friday. The weekday is read from the date string, never from
 * `start`, which is London midnight and shifts a day in a UTC process during summer time.
 */
export function ukBankHolidays(region: UkRegion, year: number): readonly BankHoliday[] {
  const key = `${region}:${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let source = sources.get(region);
  if (!source) {
    source = new Holidays('GB', region);
    sources.set(region, source);
  }
  const byDate = new Map<string, BankHoliday>();
  for (const holiday of source.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const date = holiday.date.slice(0, 10);
    if (isoWeekday(date) > 5 || byDate.has(date)) continue;
    byDate.set(date, Object.freeze({ date, name: holiday.name }));
  }
  const list = Object.freeze([...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)));
  cache.set(key, list);
  return list;
}
