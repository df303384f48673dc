/**
 * Authentication: who a request comes from.
 *
 * - People sign in with username and password (argon2id) and get a server-side session: the
 *   browser holds a random token in an httpOnly, SameSite=Strict cookie (Secure over https);
 *   PostgreSQL holds only its SHA-256 hash, so a session can be revoked and a database dump
 *   holds no usable session. Cookie-authenticated changes must echo the session's CSRF token.
 * - Machine clients send an API token: `Authorization: Bearer <tokenId>.<secret>` or HTTP Basic
 *   with the token id as user name and the secret as password (what Camunda's clients send).
 * - Repeated failures lock the account with a doubling back-off (on top of the per-address
 *   rate limit on the sign-in route).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Clock } from '../../engine';
import { AppConfig } from '../config/app-config';
import { CLOCK } from '../engine-host/tokens';
import type { Caller } from './caller';
import { IdentityRepository, type UserRecord } from './identity.repository';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { hashSecret, randomSecret, sameHash } from './secrets';

export const SESSION_COOKIE = 'sp_session';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header on changes. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';
/** Failed sign-ins allowed before the account is locked for a while. */
export const FREE_LOGIN_ATTEMPTS = 5;

export class AuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface SignIn {
  caller: Caller;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

export function callerOfUser(user: UserRecord, sessionId?: string): Caller {
  const platformAdmin = user.roles.includes('platform-admin');
  return {
    kind: 'user',
    id: user.id,
    userId: user.username,
    displayName: user.displayName,
    tenantId: platformAdmin ? null : user.tenantId,
    roles: user.roles,
    groups: user.groups,
    platformAdmin,
    ...(sessionId !== undefined ? { sessionId } : {}),
  };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The caller a request's credentials identify; null when it carries none; AuthError when they are wrong. */
  async authenticate(request: Request): Promise<Caller | null> {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.trim() !== '') return this.fromAuthorization(header.trim());
    const cookie = readCookie(request, SESSION_COOKIE);
    if (cookie !== null) return this.fromSession(cookie, request);
    return null;
  }

  private async fromAuthorization(header: string): Promise<Caller> {
    const [scheme, value = ''] = header.split(/\s+/, 2);
    let tokenId: string;
    let secret: string;
    if (/^bearer$/i.test(scheme)) {
      const dot = value.indexOf('.');
      tokenId = dot > 0 ? value.slice(0, dot) : '';
      secret = dot > 0 ? value.slice(dot + 1) : '';
    } else if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      tokenId = colon > 0 ? decoded.slice(0, colon) : '';
      secret = colon > 0 ? decoded.slice(colon + 1) : '';
    } else {
      throw new AuthError(401, 'Unsupported authorization scheme: use Bearer or Basic with an API token');
    }
    const token = tokenId === '' ? null : await this.identities.findLiveToken(tokenId);
    if (token === null || !sameHash(token.secretHash, hashSecret(secret))) {
      throw new AuthError(401, 'The API token is not valid');
    }
    await this.identities.touchToken(token.id, this.clock.now());
    const platformAdmin = token.roles.includes('platform-admin');
    return {
      kind: 'token',
      id: token.id,
      userId: `token:${token.name}`,
      displayName: token.name,
      tenantId: platformAdmin ? null : token.tenantId,
      roles: token.roles,
      groups: [],
      platformAdmin,
    };
  }

  private async fromSession(token: string, request: Request): Promise<Caller> {
    const now = this.clock.now();
    const hash = hashSecret(token);
    const session = await this.identities.findLiveSession(hash, now, this.config.sessionIdleMinutes * 60_000);
    if (session === null) throw new AuthError(401, 'Your session has ended: sign in again');
    const user = await this.identities.findUserById(session.userId);
    if (user === null || user.disabled) throw new AuthError(401, 'Your session has ended: sign in again');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const echoed = request.headers[CSRF_HEADER];
      if (typeof echoed !== 'string' || !sameHash(hashSecret(echoed), hashSecret(session.csrfToken))) {
        throw new AuthError(403, 'The request lacks the CSRF token of your session: reload the page and try again');
      }
    }
    // Sliding idle timeout, written at most once a minute per session.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await this.identities.touchSession(hash, now);
    return callerOfUser(user, hash);
  }

  /** Checks the password and opens a session; the same message whether the user or the password is wrong. */
  async signIn(username: string, password: string, ip: string | null): Promise<SignIn> {
    const now = this.clock.now();
    const user = await this.identities.findUserByUsername(username);
    if (user !== null && user.lockedUntil !== null && user.lockedUntil > now) {
      throw new AuthError(429, 'Too many failed sign-ins: wait a few minutes and try again');
    }
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (user === null || !valid || user.disabled) {
      if (user !== null) await this.identities.recordFailedLogin(user.id, FREE_LOGIN_ATTEMPTS, now);
      throw new AuthError(401, 'Wrong username or password');
    }
    await this.identities.recordSuccessfulLogin(user.id);
    return this.openSession(user, ip);
  }

  /** A new session for a user already authenticated (password or single sign-on). */
  async openSession(user: UserRecord, ip: string | null): Promise<SignIn> {
    const now = this.clock.now();
    const sessionToken = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = new Date(now.getTime() + this.config.sessionMaxHours * 3_600_000);
    const hash = hashSecret(sessionToken);
    await this.identities.createSession(hash, user.id, csrfToken, ip, now, expiresAt);
    return { caller: callerOfUser(user, hash), sessionToken, csrfToken, expiresAt };
  }

  async signOut(caller: Caller): Promise<void> {
    if (caller.sessionId !== undefined) await this.identities.revokeSession(caller.sessionId, this.clock.now());
  }

  /** Changes the caller's password; every other session of the user ends. */
  async changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    if (caller.kind !== 'user') throw new AuthError(403, 'API tokens have no password');
    const user = await this.identities.findUserById(caller.id);
    if (user === null || !(await verifyPassword(user.passwordHash, currentPassword))) {
      if (user !== null) await this.identities.recordFailedLogin(user.id, FREE_LOGIN_ATTEMPTS, this.clock.now());
      throw new AuthError(403, 'The current password is wrong');
    }
    const problem = passwordProblem(user.username, newPassword);
    if (problem !== null) throw new AuthError(400, problem);
    await this.identities.setPassword(user.id, await hashPassword(newPassword));
    await this.identities.revokeUserSessions(user.id, this.clock.now(), caller.sessionId ?? null);
  }
}

/** One cookie's value from the Cookie header (no dependency on cookie-parser's ordering). */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
