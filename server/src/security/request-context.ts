/**
 * Who is asking, for the whole of one HTTP request.
 *
 * A middleware opens a context for every request before anything else runs; the authentication
 * guard fills in the caller. The persistence layer reads the caller's data scope from here to
 * switch each transaction to the row-level-security role of the caller's organisation, and the
 * read repositories to add the service-layer filters. Work outside any request (timers, boot
 * deployment, reconcile) runs without a context and therefore as the engine itself.
 *
 * The context fails closed: inside a request that has no authenticated caller, asking for the
 * data scope throws, so a route that escaped the guard can never read across organisations.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from './caller';

interface RequestContext {
  caller: Caller | null;
  ip: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (the rest of the request pipeline) inside a fresh, still anonymous request context. */
export function runInRequestContext<T>(ip: string | null, work: () => T): T {
  return storage.run({ caller: null, ip }, work);
}

/** Records the authenticated caller for the rest of the current request. */
export function setRequestCaller(caller: Caller): void {
  const context = storage.getStore();
  if (context === undefined) throw new Error('No request context: the request-context middleware is not installed');
  context.caller = caller;
}

/** The authenticated caller of the current request, or null (anonymous, or no request at all). */
export function currentCaller(): Caller | null {
  return storage.getStore()?.caller ?? null;
}

/** The client address of the current request, when there is one. */
export function currentIp(): string | null {
  return storage.getStore()?.ip ?? null;
}

/** Runs `work` as `caller` outside HTTP (jobs acting for a user, tests of the data layer). */
export function runAsCaller<T>(caller: Caller, work: () => T): T {
  return storage.run({ caller, ip: null }, work);
}

/**
 * Which rows the current code may touch:
 * - `{ tenantId: 'x' }` — one organisation's rows only (every organisation user and token);
 * - `{ tenantId: null }` — every row: the engine's own background work and the platform administrator.
 */
export interface DataScope {
  tenantId: string | null;
}

export class MissingCallerError extends Error {
  constructor() {
    super('A request reached the data layer without an authenticated caller');
    this.name = 'MissingCallerError';
  }
}

export function currentDataScope(): DataScope {
  const context = storage.getStore();
  if (context === undefined) return { tenantId: null };
  if (context.caller === null) throw new MissingCallerError();
  return { tenantId: context.caller.platformAdmin ? null : context.caller.tenantId };
}
