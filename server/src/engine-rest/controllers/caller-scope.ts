/**
 * What the REST controllers ask about the caller beyond the route's permission: which
 * organisation they act for, and whether a tenant id they name is theirs. The read repositories
 * already hide other organisations' rows; these checks cover the commands that name a tenant
 * (deploy, correlate, signal, fetch-and-lock) or a person (claim, assignee).
 */
import { CamundaRestError } from '../camunda-rest-error';
import type { Caller } from '../../security/caller';
import { currentCaller } from '../../security/request-context';

/** The authenticated caller of the current request (every non-public route has one). */
export function requestCaller(): Caller {
  const caller = currentCaller();
  if (caller === null) throw new CamundaRestError(401, 'AuthenticationException', 'Sign in, or send an API token');
  return caller;
}

/** The organisation the caller is limited to, or null for the platform administrator (every organisation). */
export function organisationOf(caller: Caller): string | null {
  return caller.platformAdmin ? null : caller.tenantId;
}

/** 403 AuthorizationException, as the guard answers a missing permission. */
export function forbidden(message: string): CamundaRestError {
  return new CamundaRestError(403, 'AuthorizationException', message);
}

/**
 * The tenant a command naming `requested` acts in: an organisation's caller always acts in its
 * own (403 when it names another, or asks for the tenant-less rows); the platform administrator
 * in whatever it names.
 */
export function callerTenant(requested: string | undefined, withoutTenantId = false): string | undefined {
  const own = organisationOf(requestCaller());
  if (own === null) return requested;
  if ((requested !== undefined && requested !== own) || withoutTenantId) {
    throw forbidden(`You may act only within your organisation '${own}'`);
  }
  return own;
}

/** A `tenantIdIn` filter narrowed to the caller's organisation (unchanged for the platform administrator). */
export function callerTenants(tenantIdIn: string[] | undefined): string[] | undefined {
  const own = organisationOf(requestCaller());
  if (own === null) return tenantIdIn;
  return (tenantIdIn ?? [own]).filter((tenantId) => tenantId === own);
}
