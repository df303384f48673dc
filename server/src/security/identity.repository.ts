/**
 * Users, sessions, API tokens and organisations in PostgreSQL. These tables are read before
 * anybody is authenticated, so they are not under row-level security; every method that lists
 * or changes users takes the organisation explicitly.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from './caller';

export interface UserRecord {
  id: string;
  tenantId: string | null;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  oidcSubject: string | null;
  roles: Role[];
  groups: string[];
  failedLogins: number;
  lockedUntil: Date | null;
  disabled: boolean;
}

export interface SessionRecord {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface TokenRecord {
  id: string;
  tenantId: string | null;
  name: string;
  secretHash: string;
  roles: Role[];
}

export interface NewUser {
  tenantId: string | null;
  username: string;
  displayName: string;
  email?: string | null;
  passwordHash: string | null;
  roles: Role[];
  groups: string[];
  demo?: boolean;
  oidcSubject?: string | null;
}

type Row = Record<string, unknown>;

function toUser(r: Row): UserRecord {
  return {
    id: String(r.id),
    tenantId: (r.tenant_id as string | null) ?? null,
    username: String(r.username),
    displayName: String(r.display_name),
    email: (r.email as string | null) ?? null,
    passwordHash: (r.password_hash as string | null) ?? null,
    oidcSubject: (r.oidc_subject as string | null) ?? null,
    roles: (r.roles as Role[]) ?? [],
    groups: (r.groups as string[]) ?? [],
    failedLogins: Number(r.failed_logins ?? 0),
    lockedUntil: (r.locked_until as Date | null) ?? null,
    disabled: r.disabled === true,
  };
}

@Injectable()
export class IdentityRepository {
  constructor(private readonly db: DataSource) {}

  // --- organisations -------------------------------------------------------------------------

  async upsertOrganisation(id: string, name: string): Promise<void> {
    await this.db.query('INSERT INTO organisation (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name', [id, name]);
  }

  async organisationName(id: string): Promise<string | null> {
    const rows: Row[] = await this.db.query('SELECT name FROM organisation WHERE id = $1', [id]);
    return rows.length === 0 ? null : String(rows[0].name);
  }

  async listOrganisations(): Promise<{ id: string; name: string }[]> {
    const rows: Row[] = await this.db.query('SELECT id, name FROM organisation ORDER BY name');
    return rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
  }

  // --- users ---------------------------------------------------------------------------------

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM app_user WHERE lower(username) = lower($1)', [username]);
    return rows.length === 0 ? null : toUser(rows[0]);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM app_user WHERE id = $1', [id]);
    return rows.length === 0 ? null : toUser(rows[0]);
  }

  async findUserByOidcSubject(subject: string): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM app_user WHERE oidc_subject = $1', [subject]);
    return rows.length === 0 ? null : toUser(rows[0]);
  }

  async listUsers(tenantId: string | null): Promise<UserRecord[]> {
    const rows: Row[] =
      tenantId === null
        ? await this.db.query('SELECT * FROM app_user ORDER BY tenant_id NULLS FIRST, username')
        : await this.db.query('SELECT * FROM app_user WHERE tenant_id = $1 ORDER BY username', [tenantId]);
    return rows.map(toUser);
  }

  /** Creates the user; returns null when the username is taken. */
  async createUser(user: NewUser): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO app_user (id, tenant_id, username, display_name, email, password_hash, roles, groups, demo, oidc_subject, password_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (username) DO NOTHING RETURNING *`,
      [randomUUID(), user.tenantId, user.username, user.displayName, user.email ?? null, user.passwordHash, user.roles, user.groups, user.demo === true, user.oidcSubject ?? null],
    );
    return rows.length === 0 ? null : toUser(rows[0]);
  }

  async updateUser(id: string, changes: { displayName?: string; email?: string | null; roles?: Role[]; groups?: string[]; disabled?: boolean }): Promise<void> {
    await this.db.query(
      `UPDATE app_user SET display_name = coalesce($2, display_name), email = CASE WHEN $3::boolean THEN $4 ELSE email END,
         roles = coalesce($5, roles), groups = coalesce($6, groups), disabled = coalesce($7, disabled) WHERE id = $1`,
      [id, changes.displayName ?? null, changes.email !== undefined, changes.email ?? null, changes.roles ?? null, changes.groups ?? null, changes.disabled ?? null],
    );
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.query('UPDATE app_user SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL WHERE id = $1', [id, passwordHash]);
  }

  /** Counts a failed sign-in; from the `freeAttempts`-th failure on, locks the account with a doubling back-off. */
  async recordFailedLogin(id: string, freeAttempts: number, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2
           THEN $3::timestamptz + make_interval(secs => least(3600, 30 * power(2, failed_logins + 1 - $2)))
           ELSE locked_until END
       WHERE id = $1`,
      [id, freeAttempts, now],
    );
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.db.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
  }

  // --- sessions ------------------------------------------------------------------------------

  async createSession(tokenHash: string, userId: string, csrfToken: string, ip: string | null, now: Date, expiresAt: Date): Promise<void> {
    await this.db.query(
      'INSERT INTO user_session (token_hash, user_id, csrf_token, ip, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6)',
      [tokenHash, userId, csrfToken, ip, now, expiresAt],
    );
  }

  /** The live session with this token hash (not revoked, not expired, not idle for longer than `idleMs`). */
  async findLiveSession(tokenHash: string, now: Date, idleMs: number): Promise<SessionRecord | null> {
    const rows: Row[] = await this.db.query(
      `SELECT user_id, csrf_token, expires_at, last_seen_at FROM user_session
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $2::timestamptz - make_interval(secs => $3::double precision / 1000)`,
      [tokenHash, now, idleMs],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return { userId: String(r.user_id), csrfToken: String(r.csrf_token), expiresAt: r.expires_at as Date, lastSeenAt: r.last_seen_at as Date };
  }

  async touchSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.query('UPDATE user_session SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
  }

  async revokeSession(tokenHash: string, now: Date): Promise<void> {
    await this.db.query('UPDATE user_session SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, now]);
  }

  /** Revokes every session of the user except `keepHash` (after a password change, or when disabled). */
  async revokeUserSessions(userId: string, now: Date, keepHash: string | null = null): Promise<void> {
    await this.db.query(
      'UPDATE user_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $3',
      [userId, now, keepHash],
    );
  }

  // --- API tokens ----------------------------------------------------------------------------

  async createToken(token: { id: string; tenantId: string | null; name: string; secretHash: string; roles: Role[]; createdBy: string | null }): Promise<boolean> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO api_token (id, tenant_id, name, secret_hash, roles, created_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [token.id, token.tenantId, token.name, token.secretHash, token.roles, token.createdBy],
    );
    return rows.length === 1;
  }

  async findLiveToken(id: string): Promise<TokenRecord | null> {
    const rows: Row[] = await this.db.query('SELECT * FROM api_token WHERE id = $1 AND revoked_at IS NULL', [id]);
    if (rows.length === 0) return null;
    const r = rows[0];
    return { id: String(r.id), tenantId: (r.tenant_id as string | null) ?? null, name: String(r.name), secretHash: String(r.secret_hash), roles: r.roles as Role[] };
  }

  async listTokens(tenantId: string | null): Promise<{ id: string; tenantId: string | null; name: string; roles: Role[]; createdAt: Date; lastUsedAt: Date | null }[]> {
    const rows: Row[] =
      tenantId === null
        ? await this.db.query('SELECT * FROM api_token WHERE revoked_at IS NULL ORDER BY name')
        : await this.db.query('SELECT * FROM api_token WHERE revoked_at IS NULL AND tenant_id = $1 ORDER BY name', [tenantId]);
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: (r.tenant_id as string | null) ?? null,
      name: String(r.name),
      roles: r.roles as Role[],
      createdAt: r.created_at as Date,
      lastUsedAt: (r.last_used_at as Date | null) ?? null,
    }));
  }

  async revokeToken(id: string, tenantId: string | null): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, affected]: [Row[], number] = await this.db.query(
      'UPDATE api_token SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR tenant_id = $2)',
      [id, tenantId],
    );
    return affected === 1;
  }

  async touchToken(id: string, now: Date): Promise<void> {
    // At most once a minute per token, so that busy workers do not write on every poll.
    await this.db.query(
      "UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')",
      [id, now],
    );
  }
}
