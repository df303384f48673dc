/**
 * Deadlines in Safepath notation (docs/deadlines.md), as the properties panel offers them: a
 * whole number of working days or a number of working hours, e.g. "1 working day",
 * "4 working hours", "1.5 working hours".
 */
export type DeadlineUnit = 'days' | 'hours';

export interface Deadline {
  amount: number;
  unit: DeadlineUnit;
}

const NOTATION = /^\s*(?:within\s+)?(\d+(?:\.\d+)?)\s+working\s+(day|hour)s?\s*$/i;

/** The deadline written in `text`, or null for other text (an expression, ISO 8601, "end of day"…). */
export function parseDeadline(text: string | null | undefined): Deadline | null {
  const match = NOTATION.exec(text ?? '');
  if (!match) return null;
  return { amount: Number(match[1]), unit: match[2].toLowerCase() === 'day' ? 'days' : 'hours' };
}

/** Safepath notation for a deadline: "1 working day", "3 working days", "1.5 working hours". */
export function formatDeadline({ amount, unit }: Deadline): string {
  const word = unit === 'days' ? 'day' : 'hour';
  return `${amount} working ${word}${amount === 1 ? '' : 's'}`;
}

/** Why an amount is not a deadline (null when it is): positive, whole for days. */
export function deadlineProblem(amount: number, unit: DeadlineUnit): string | null {
  if (!Number.isFinite(amount) || amount <= 0) return 'Enter a number greater than 0.';
  if (unit === 'days' && !Number.isInteger(amount)) return 'Working days must be whole; write part of a day in working hours.';
  return null;
}
