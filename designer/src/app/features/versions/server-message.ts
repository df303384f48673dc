import { HttpErrorResponse } from '@angular/common/http';

/** A problem the linter or the deploy check found (the server's `Problem`). */
export interface Problem {
  elementId: string | null;
  message: string;
  category: 'error' | 'warn';
  rule: string;
}

/** The server's `{message}` of a failed request in words a person can act on, or `fallback`. */
export function serverMessage(error: unknown, fallback: string): string {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && body.message !== '') return body.message;
    if (error.status === 0) return `${fallback} The server could not be reached: check your connection and try again.`;
    if (error.status === 403) return 'You do not have permission to do this.';
    if (error.status === 404) return 'It was not found: it may have been removed, or it belongs to another organisation.';
  }
  return fallback;
}

/** The problems a refused publish carries (400 `{problems}`), or none. */
export function serverProblems(error: unknown): Problem[] {
  if (!(error instanceof HttpErrorResponse)) return [];
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'problems' in body && Array.isArray(body.problems)) return body.problems as Problem[];
  return [];
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "4 Mar 2026, 14:05" in the person's time zone; empty for null, the raw value when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}
