/**
 * Helpers for the calendar specs: write instants as London wall-clock times so a reader can
 * check every assertion against a printed calendar.
 */
import { DateTime } from 'luxon';

const ZONE = 'Europe/London';

/** The instant of a London local time written 'yyyy-MM-dd HH:mm' (or 'yyyy-MM-dd HH:mm:ss'). */
export function london(local: string): Date {
  const parsed = DateTime.fromFormat(local, local.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', { zone: ZONE });
  if (!parsed.isValid) throw new Error(`bad London time in test: ${local}`);
  return parsed.toJSDate();
}

/** An instant as London local time with weekday and UTC offset, e.g. 'Tue 2026-05-26 16:59 +01:00'. */
export function inLondon(instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: ZONE });
  return local.setLocale('en-GB').toFormat(local.second || local.millisecond ? 'ccc yyyy-MM-dd HH:mm:ss.SSS ZZ' : 'ccc yyyy-MM-dd HH:mm ZZ');
}
