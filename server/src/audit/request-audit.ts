/**
 * What the audit log learns about one HTTP request while it runs, shared by the audit middleware
 * (which opens it and records failures once the answer has gone) and the audit interceptor (which
 * adds the cases a handler touched and records successes before the answer is sent).
 *
 * Lifecycle of one request under /engine-rest or /api:
 *   middleware      opens a RequestAudit on the request; listens for the response's end
 *   guard           may refuse (401/403): no interceptor runs, the middleware records on 'finish'
 *   interceptor     adds case ids from route params (task → its instance, …)
 *   handler         succeeds → the interceptor adds the case ids in the returned body and writes
 *                   the row before Nest sends it; fails → the middleware records on 'finish'
 *   @Res() handler  writes its own answer → the middleware reads the case ids from the JSON it
 *                   sends and records on 'finish'
 * `claim()` makes sure exactly one of them writes the row.
 */
import type { Request, Response } from 'express';
import type { Caller } from '../security/caller';
import type { AuditEntry, CaseReference } from './audit.repository';

/** At most this many case ids per entry (a list read of thousands of tasks names the first 500). */
export const MAX_CASE_IDS = 500;

/** The outcome recorded when the client went away before the answer was complete (nginx's convention). */
export const CLIENT_CLOSED = 499;

const STATE = Symbol('safepath.audit');

/** A case id as the engine makes them; anything else found in a body is not one. */
const CASE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Routes whose answers are process instances themselves: their `id` fields are case ids. */
const INSTANCE_ROUTES = [
  /^\/engine-rest\/(history\/)?process-instance(\/:id)?$/,
  /^\/engine-rest\/process-definition\/.*\/(start|submit-form)$/,
];

/** Routes whose `:id` parameter is a case id, or leads to one. */
const PARAM_ROUTES: { pattern: RegExp; kind: CaseReference }[] = [
  { pattern: /^\/engine-rest\/(history\/)?process-instance\/:id(\/|$)/, kind: 'instance' },
  { pattern: /^\/engine-rest\/task\/:id(\/|$)/, kind: 'task' },
  { pattern: /^\/engine-rest\/external-task\/:id(\/|$)/, kind: 'external-task' },
  { pattern: /^\/engine-rest\/job\/:id(\/|$)/, kind: 'job' },
];

/** The state of one audited request. */
export class RequestAudit {
  private readonly caseIds = new Set<string>();
  private claimed = false;

  constructor(
    readonly method: string,
    /** The path without the query string (query strings may hold business keys). */
    readonly path: string,
    readonly ip: string | null,
  ) {}

  get recorded(): boolean {
    return this.claimed;
  }

  addCaseIds(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.caseIds.size >= MAX_CASE_IDS) return;
      if (CASE_ID.test(id)) this.caseIds.add(id);
    }
  }

  /** True exactly once: the caller writes the row. */
  claim(): boolean {
    if (this.claimed) return false;
    this.claimed = true;
    return true;
  }

  /** Lets another writer try again (the first one could not write). */
  release(): void {
    this.claimed = false;
  }

  /** The row for this request as answered with `outcome`, by `caller` (null: anonymous). */
  entry(caller: Caller | null, routePattern: string | null, outcome: number): AuditEntry {
    return {
      actor: caller?.userId ?? 'anonymous',
      actorKind: caller?.kind ?? 'anonymous',
      tenantId: caller?.tenantId ?? null,
      action: `${this.method} ${routePattern ?? '(no route)'}`,
      resource: this.path,
      caseIds: [...this.caseIds],
      outcome,
      ip: this.ip,
    };
  }
}

/** The path of a request without its query string. */
export function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Whether a request is audited: everything under /engine-rest and /api except the session check
 * the web app polls, the API documentation, and CORS preflights (which never reach a handler).
 */
export function isAudited(method: string, path: string): boolean {
  if (method === 'OPTIONS') return false;
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (!under('/engine-rest') && !under('/api')) return false;
  if (method === 'GET' && path === '/api/session') return false;
  if (path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-')) return false;
  return true;
}

export function openRequestAudit(request: Request): RequestAudit {
  const audit = new RequestAudit(request.method, pathOf(request), request.ip ?? null);
  (request as unknown as Record<symbol, RequestAudit>)[STATE] = audit;
  return audit;
}

/** The audit state of a request, when it is audited. */
export function requestAuditOf(request: Request): RequestAudit | undefined {
  return (request as unknown as Record<symbol, RequestAudit | undefined>)[STATE];
}

/** The Express route pattern that matched (`/engine-rest/task/:id`), or null when none did. */
export function routePatternOf(request: Request): string | null {
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : null;
}

/** Which route parameter leads to a case, and how. */
export function caseParamOf(routePattern: string | null, request: Request): { kind: CaseReference; id: string } | null {
  if (routePattern === null) return null;
  const id = request.params?.['id'];
  if (typeof id !== 'string') return null;
  const match = PARAM_ROUTES.find((route) => route.pattern.test(routePattern));
  return match ? { kind: match.kind, id } : null;
}

/**
 * The case ids in an answer: every `processInstanceId` (and `processInstance.id`) of the body or
 * of its items, and on routes answering with instances their `id`. Only the top level and the
 * items of a top-level list are read, never variable values.
 */
export function caseIdsInBody(body: unknown, routePattern: string | null): string[] {
  // Lists answer as arrays, or as {tasks: [...]} (the inbox); items name cases by processInstanceId or caseId.
  const nested = typeof body === 'object' && body !== null && Array.isArray((body as { tasks?: unknown }).tasks) ? ((body as { tasks: unknown[] }).tasks) : [];
  const items = Array.isArray(body) ? body : [body, ...nested];
  const instances = routePattern !== null && INSTANCE_ROUTES.some((route) => route.test(routePattern));
  const ids: string[] = [];
  for (const item of items) {
    if (ids.length >= MAX_CASE_IDS) break;
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    if (typeof record['processInstanceId'] === 'string') ids.push(record['processInstanceId']);
    if (typeof record['caseId'] === 'string') ids.push(record['caseId']);
    const nested = record['processInstance'];
    if (typeof nested === 'object' && nested !== null && typeof (nested as Record<string, unknown>)['id'] === 'string') {
      ids.push((nested as Record<string, string>)['id']);
    }
    if (instances && typeof record['id'] === 'string') ids.push(record['id']);
  }
  return ids;
}

/** The status to record once a response has ended or its connection closed. */
export function outcomeOf(response: Response): number {
  return response.writableFinished ? response.statusCode : CLIENT_CLOSED;
}
