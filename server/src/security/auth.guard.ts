/**
 * The one global guard: every route is closed unless it says otherwise.
 *
 * - `@Public()` routes run for anyone (credentials, if sent, are still checked and recorded).
 * - Every other route needs an authenticated caller (401 without one) holding the route's
 *   `@RequirePermission(...)` (403 without it). A route that names no permission is refused to
 *   everybody, so a forgotten decorator fails closed (and a test lists every route's permission).
 *
 * The caller is stored in the request context for the data layer (row-level security and the
 * repositories' own organisation filters) and for the audit log.
 */
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { CamundaRestError } from '../engine-rest/camunda-rest-error';
import { hasPermission, type Permission } from './caller';
import { AuthError, AuthService } from './auth.service';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './decorators';
import { setRequestCaller } from './request-context';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const request = context.switchToHttp().getRequest<Request>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true;

    let caller;
    try {
      caller = await this.auth.authenticate(request);
    } catch (error) {
      if (error instanceof AuthError) {
        if (isPublic && error.status === 401) return true;
        throw this.refusal(error.status, error.message, context);
      }
      throw error;
    }
    if (caller !== null) setRequestCaller(caller);
    if (isPublic) return true;
    if (caller === null) throw this.refusal(401, 'Sign in, or send an API token (Authorization: Bearer or Basic)', context);

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission === undefined || !hasPermission(caller, permission)) {
      throw this.refusal(403, `Your role does not allow this (${permission ?? 'no permission declared'})`, context);
    }
    return true;
  }

  private refusal(status: number, message: string, context: ExecutionContext): CamundaRestError {
    const request = context.switchToHttp().getRequest<Request>();
    // Browsers (the web app sends X-Requested-With; a session cookie means a browser) must not get
    // the challenge: it would pop up the browser's own password box instead of the sign-in page.
    const fromBrowser = request.headers['x-requested-with'] === 'XMLHttpRequest' || (request.headers.cookie ?? '').includes('sp_session=');
    if (status === 401 && request.path.startsWith('/engine-rest') && !fromBrowser) {
      // Camunda's clients answer a Basic challenge; browsers never see it (the web app uses /api).
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Basic realm="Safepath engine", charset="UTF-8"');
    }
    const type = status === 401 || status === 429 ? 'AuthenticationException' : 'AuthorizationException';
    return new CamundaRestError(status, type, message);
  }
}
