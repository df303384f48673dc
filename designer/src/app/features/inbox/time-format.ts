/**
 * Times and durations in plain words ("Overdue by 3 h", "2 days 4 h"), shared by the inbox, the
 * task page, the dashboard and the case view. Durations come from the server (its clock decides
 * what is overdue); only their wording happens here.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in the largest sensible units: "45 min", "3 h", "3 h 20 min", "2 days 4 h". */
export function formatDuration(ms: number): string {
  if (ms < 30_000) return 'under a minute';
  const value = Math.max(0, Math.round(ms / MINUTE)) * MINUTE;
  if (value < HOUR) return `${Math.max(1, Math.round(value / MINUTE))} min`;
  if (value < 2 * DAY) {
    const hours = Math.floor(value / HOUR);
    const minutes = Math.round((value - hours * HOUR) / MINUTE);
    return minutes === 0 || hours >= 10 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(value / DAY);
  const hours = Math.round((value - days * DAY) / HOUR);
  return hours === 0 ? `${days} days` : `${days} days ${hours} h`;
}

/** "Overdue by 3 h". */
export function overdueText(overdueForMs: number): string {
  return `Overdue by ${formatDuration(overdueForMs)}`;
}

/** Working hours as words: "5 h 30 min of working time left", "less than a minute of working time left". */
export function workingTimeLeftText(workingHours: number): string {
  if (workingHours <= 0) return 'no working time left';
  // The server gives tenths of an hour: minutes matter only for the last few hours.
  if (workingHours >= 10) return `${Math.round(workingHours)} h of working time left`;
  const minutes = Math.round(workingHours * 60);
  if (minutes < 1) return 'less than a minute of working time left';
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  const parts = [hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : ''].filter((p) => p !== '');
  return `${parts.join(' ')} of working time left`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const DATE_TIME_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric' });

/** "Tue 24 Nov, 16:30" (with the year when it is not this year); empty for no date. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.getFullYear() === new Date().getFullYear() ? DATE_TIME.format(date) : DATE_TIME_YEAR.format(date);
}

/** "2026-11" → "Nov 2026". */
export function formatMonth(value: string): string {
  const date = new Date(/^\d{4}-\d{2}$/.test(value) ? `${value}-01T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : MONTH.format(date);
}

/** A share as a whole percentage: 0.923 → "92%". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return 'no data';
  return `${Math.round((rate <= 1 ? rate * 100 : rate))}%`;
}

/** Prefixes of organisations' candidate groups ("cmg_team_leader" → "Team leader"). */
const GROUP_PREFIXES = ['cmg', 'tc', 'dais', 'sh', 'cb', 'hackney'];

/** A candidate group in plain words: "cmg_team_leader" → "Team leader". */
export function groupLabel(group: string): string {
  const parts = group.split(/[_-]+/).filter((p) => p !== '');
  if (parts.length > 1 && GROUP_PREFIXES.includes(parts[0].toLowerCase())) parts.shift();
  const words = parts.join(' ');
  if (words === '') return group;
  const acronyms = words.replace(/\b(cho|cso|marac|acssl|da|hm|tl)\b/gi, (w) => w.toUpperCase());
  return acronyms.charAt(0).toUpperCase() + acronyms.slice(1);
}

/** Where a task went: its assignee, else its groups in plain words ("Team leader"). */
export function sentTo(task: { assignee: string | null; candidateGroups: readonly string[] }): string {
  if (task.assignee) return task.assignee;
  if (task.candidateGroups.length === 0) return 'nobody yet';
  return task.candidateGroups.map(groupLabel).join(', ');
}
