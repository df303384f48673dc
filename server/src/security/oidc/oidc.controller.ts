/**
 * Single sign-on routes beside `/api/session`: which sign-in options the web app offers, the
 * redirect to the issuer, and the callback that opens the same session as a password sign-in.
 *
 * A failed sign-in sends the browser to `/sign-in?error=sso` with nothing else in the URL (API
 * callers asking for JSON get a 400-class `{type, message}`); the reason goes to the server log
 * by name only, never with a token, claim or username.
 */
import { Controller, Get, Inject, Logger, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import type { Clock } from '../../../engine';
import { AppConfig } from '../../config/app-config';
import { CLOCK } from '../../engine-host/tokens';
import { CamundaRestError } from '../../engine-rest/camunda-rest-error';
import { AuthService, readCookie } from '../auth.service';
import { Public } from '../decorators';
import { IdentityRepository } from '../identity.repository';
import { setSessionCookies } from '../session.controller';
import { OidcLinkRepository } from './oidc-link.repository';
import { OidcSignIn, SsoFailure, type SsoFailureKind } from './oidc-sign-in';
import { OIDC_STATE_COOKIE, OIDC_STATE_TTL_SECONDS } from './oidc-state';

/** Where the web app shows a failed single sign-on. */
export const SSO_FAILURE_PATH = '/sign-in?error=sso';

/** What the sign-in page may offer. */
export interface SessionOptionsDto {
  oidc: boolean;
  oidcLabel?: string;
}

const FAILURES: Record<SsoFailureKind, { status: number; type: string; message: string }> = {
  state: { status: 400, type: 'InvalidRequestException', message: 'This sign-in was not started here or has expired: start again' },
  issuer: { status: 401, type: 'AuthenticationException', message: 'Your organisation account could not be verified: start again' },
  user: { status: 403, type: 'AuthorizationException', message: 'No Safepath account matches your organisation account: ask your organisation administrator' },
};

@ApiTags('api: session')
@Controller('api/session')
export class OidcController {
  private readonly logger = new Logger('SingleSignOn');
  private readonly signIn: OidcSignIn;

  constructor(
    private readonly config: AppConfig,
    auth: AuthService,
    identities: IdentityRepository,
    dataSource: DataSource,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.signIn = new OidcSignIn(config, auth, identities, new OidcLinkRepository(dataSource), clock);
  }

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'The sign-in options: whether single sign-on is offered, and its button text' })
  options(): SessionOptionsDto {
    return this.signIn.settings() === null ? { oidc: false } : { oidc: true, oidcLabel: this.config.oidcLabel };
  }

  @Get('oidc/login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Single sign-on: redirects to the identity provider (query returnTo=/path to come back to)' })
  async login(@Req() request: Request, @Res() response: Response): Promise<void> {
    const settings = this.signIn.settings();
    if (settings === null) throw new CamundaRestError(404, 'NotFoundException', 'Single sign-on is not configured');
    response.setHeader('Cache-Control', 'no-store');
    try {
      const { url, sealed } = await this.signIn.start(request.query.returnTo);
      response.cookie(OIDC_STATE_COOKIE, sealed, {
        httpOnly: true,
        // Lax, not Strict: the cookie must come back on the issuer's top-level redirect to the callback.
        sameSite: 'lax',
        secure: request.secure || settings.redirectUrl.startsWith('https:'),
        path: new URL(settings.redirectUrl).pathname,
        maxAge: OIDC_STATE_TTL_SECONDS * 1000,
      });
      response.redirect(302, url);
    } catch (error) {
      this.fail(error, request, response);
    }
  }

  @Get('oidc/callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ login: {} })
  @ApiOperation({ summary: 'Single sign-on: the identity provider returns here; opens a session and redirects' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const settings = this.signIn.settings();
    if (settings === null) throw new CamundaRestError(404, 'NotFoundException', 'Single sign-on is not configured');
    response.setHeader('Cache-Control', 'no-store');
    // One attempt, one callback: the cookie goes whatever the outcome.
    response.clearCookie(OIDC_STATE_COOKIE, { path: new URL(settings.redirectUrl).pathname });
    try {
      const { session, returnTo } = await this.signIn.finish(request.query, readCookie(request, OIDC_STATE_COOKIE), request.ip ?? null);
      setSessionCookies(request, response, session);
      response.redirect(302, returnTo);
    } catch (error) {
      this.fail(error, request, response);
    }
  }

  private fail(error: unknown, request: Request, response: Response): void {
    if (!(error instanceof SsoFailure)) throw error;
    this.logger.warn(`Single sign-on refused (${error.kind}): ${error.reason}`);
    const wantsJson = !request.accepts('html') || request.accepts(['html', 'json']) === 'json';
    if (!wantsJson) {
      response.redirect(302, SSO_FAILURE_PATH);
      return;
    }
    const failure = FAILURES[error.kind];
    throw new CamundaRestError(failure.status, failure.type, failure.message);
  }
}
