/**
 * Dates on Camunda's REST wire: `yyyy-MM-dd'T'HH:mm:ss.SSSZ`, e.g. `2026-11-23T09:30:00.000+0000`.
 * Output is always UTC; input accepts that format and ISO-8601 (`Z`, `+02:00`, or no zone = UTC).
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats a date (Date or ISO string) the way Camunda's REST API does; null stays null. */
export function formatCamundaDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `.${pad(date.getUTCMilliseconds(), 3)}+0000`
  );
}

/** Parses Camunda's date format or ISO-8601; returns null when the text is not a valid date. */
export function parseCamundaDate(text: string): Date | null {
  const m = DATE_PATTERN.exec(text.trim());
  if (!m) {
    return null;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  // Date.UTC reads years 0-99 as 1900-1999; set the full year explicitly.
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  utc.setUTCFullYear(year, month - 1, day);
  const local = utc.getTime();
  // Reject days that roll over into the next month (e.g. 2026-02-30).
  if (new Date(local).getUTCDate() !== day) {
    return null;
  }
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5));
    // Real offsets run from -12:00 to +14:00; anything past 23:59 is not an offset at all.
    if (offsetHours > 23 || offsetMins > 59) {
      return null;
    }
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return new Date(local - offsetMinutes * 60_000);
}

/** True when `text` is a date `parseCamundaDate` accepts. */
export function isCamundaDate(text: unknown): boolean {
  return typeof text === 'string' && parseCamundaDate(text) !== null;
}
