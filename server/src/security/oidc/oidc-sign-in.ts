/**
 * Single sign-on: an identity the issuer vouches for becomes a Safepath session.
 *
 * People are matched to existing users only; Safepath never creates a user from single sign-on,
 * so organisations and roles stay under the organisation administrator's control:
 *  1. the user whose `oidc_subject` is `<issuer>|<sub>` (linked before), else
 *  2. the user whose username is the configured claim (OIDC_USERNAME_CLAIM, case-insensitive),
 *     provided they are not linked to another identity yet; the subject is then linked, so a
 *     later rename at the issuer does not move the account to somebody else.
 * Platform administrators (no organisation) are never matched by username.
 */
import type { Clock } from '../../../engine';
import type { AppConfig } from '../../config/app-config';
import type { AuthService, SignIn } from '../auth.service';
import type { IdentityRepository, UserRecord } from '../identity.repository';
import { IdTokenError } from './id-token';
import { OidcClient, OidcError, type OidcClientSettings } from './oidc-client';
import type { OidcLinkRepository } from './oidc-link.repository';
import { AttemptSealer, newAttempt, safeReturnPath, sameState } from './oidc-state';

/** Why a sign-in failed, without details: `state` (not started here, tampered, expired), `issuer`, `user`. */
export type SsoFailureKind = 'state' | 'issuer' | 'user';

export class SsoFailure extends Error {
  constructor(
    readonly kind: SsoFailureKind,
    /** For the server log only: names the failed check, never a token, claim or username. */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'SsoFailure';
  }
}

/** The callback's query parameters. */
export interface CallbackParams {
  code?: unknown;
  state?: unknown;
  error?: unknown;
  iss?: unknown;
}

export class OidcSignIn {
  private current: { key: string; client: OidcClient; sealer: AttemptSealer } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly identities: IdentityRepository,
    private readonly links: OidcLinkRepository,
    private readonly clock: Clock,
  ) {}

  /** The relying-party settings, or null when single sign-on is off. */
  settings(): OidcClientSettings | null {
    const { oidcIssuer, oidcClientId, oidcClientSecret, oidcRedirectUrl } = this.config;
    if (oidcIssuer === undefined || oidcClientId === undefined || oidcRedirectUrl === undefined) return null;
    return { issuer: oidcIssuer, clientId: oidcClientId, redirectUrl: oidcRedirectUrl, ...(oidcClientSecret !== undefined ? { clientSecret: oidcClientSecret } : {}) };
  }

  /** Starts an attempt: the issuer's authorization URL and the sealed state for the cookie. */
  async start(returnTo: unknown): Promise<{ url: string; sealed: string }> {
    const { client, sealer } = this.parts();
    const attempt = newAttempt(client.settings.issuer, safeReturnPath(returnTo), this.clock.now());
    try {
      return { url: await client.authorizationUrl(attempt), sealed: sealer.seal(attempt) };
    } catch (error) {
      if (error instanceof OidcError) throw new SsoFailure('issuer', error.message);
      throw error;
    }
  }

  /** Completes an attempt from the callback: a new session for the matched user and where to go next. */
  async finish(params: CallbackParams, sealed: string | null, ip: string | null): Promise<{ session: SignIn; returnTo: string }> {
    const { client, sealer } = this.parts();
    const attempt = sealer.open(sealed, this.clock.now());
    if (attempt === null) throw new SsoFailure('state', 'no valid sign-in attempt cookie');
    if (typeof params.state !== 'string' || !sameState(params.state, attempt.state)) throw new SsoFailure('state', 'state does not match the attempt');
    if (attempt.issuer !== client.settings.issuer) throw new SsoFailure('state', 'the attempt was started with another issuer');
    if (params.error !== undefined) throw new SsoFailure('issuer', 'the issuer answered with an error');
    let claims;
    try {
      if (params.iss !== undefined ? params.iss !== client.settings.issuer : await client.sendsIssuerInResponse()) {
        throw new SsoFailure('issuer', 'the authorization response names another issuer or none');
      }
      if (typeof params.code !== 'string' || params.code === '' || params.code.length > 4096) throw new SsoFailure('issuer', 'no authorization code');
      claims = await client.exchange(params.code, attempt);
    } catch (error) {
      if (error instanceof OidcError || error instanceof IdTokenError) throw new SsoFailure('issuer', error.message);
      throw error;
    }
    const user = await this.matchUser(client.settings.issuer, claims.sub, claims[this.config.oidcUsernameClaim]);
    return { session: await this.auth.openSession(user, ip), returnTo: safeReturnPath(attempt.returnTo) };
  }

  private async matchUser(issuer: string, sub: string, usernameClaim: unknown): Promise<UserRecord> {
    const subject = `${issuer}|${sub}`;
    let user = await this.identities.findUserByOidcSubject(subject);
    if (user === null) {
      if (typeof usernameClaim !== 'string' || usernameClaim.trim() === '') throw new SsoFailure('user', 'the ID token has no username claim');
      const candidate = await this.identities.findUserByUsername(usernameClaim.trim());
      if (candidate === null) throw new SsoFailure('user', 'no user has this username');
      if (candidate.tenantId === null) throw new SsoFailure('user', 'platform administrators are not matched by username');
      if (candidate.oidcSubject !== null) throw new SsoFailure('user', 'the user is linked to another identity');
      if (!candidate.disabled && !(await this.links.link(candidate.id, subject))) throw new SsoFailure('user', 'the user could not be linked');
      user = candidate;
    }
    if (user.disabled) throw new SsoFailure('user', 'the user is disabled');
    return user;
  }

  private parts(): { client: OidcClient; sealer: AttemptSealer } {
    const settings = this.settings();
    if (settings === null) throw new SsoFailure('issuer', 'single sign-on is off');
    const key = JSON.stringify(settings);
    if (this.current?.key !== key) {
      this.current = { key, client: new OidcClient(settings, this.clock), sealer: new AttemptSealer(settings.clientSecret, `${settings.issuer}|${settings.clientId}`) };
    }
    return this.current;
  }
}
