/**
 * Which organisation's library a request works on: an organisation's caller always its own (403
 * when it names another); the platform administrator, who belongs to none, must name one with
 * `?tenantId=`.
 */
import { badRequest } from '../engine-rest/camunda-rest-error';
import { forbidden, requestCaller } from '../engine-rest/controllers/caller-scope';

export function libraryTenant(requested: string | undefined): string {
  const caller = requestCaller();
  if (caller.platformAdmin) {
    if (!requested) throw badRequest('The platform administrator works in one organisation at a time: name it with ?tenantId=');
    return requested;
  }
  const own = caller.tenantId;
  if (own === null) throw forbidden('The process library belongs to an organisation, and you act for none');
  if (requested !== undefined && requested !== own) throw forbidden(`You may act only within your organisation '${own}'`);
  return own;
}

/** Who the library records as the author of a change: the engine's user id (username, or `token:<name>`). */
export function currentAuthor(): string {
  return requestCaller().userId;
}
