/**
 * The transient state of one single sign-on attempt (state, nonce, PKCE verifier, where to go
 * afterwards), kept in the browser between the redirect to the issuer and the callback.
 *
 * It travels in a short-lived httpOnly cookie sealed with AES-256-GCM: the browser cannot read
 * or change it, and a cookie that does not open (tampered, expired, from another key) is refused.
 * The key is derived from the client secret so that every server instance behind a load
 * balancer opens the others' cookies; without a secret each process uses a random key.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { hashSecret, randomSecret, sameHash } from '../secrets';

/** The cookie holding the sealed state; scoped to the callback path. */
export const OIDC_STATE_COOKIE = 'sp_oidc';
/** How long a sign-in attempt may take at the issuer. */
export const OIDC_STATE_TTL_SECONDS = 600;

export interface OidcAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** The issuer the attempt was started with (a configuration change invalidates it). */
  issuer: string;
  /** Epoch milliseconds after which the attempt is void. */
  expiresAt: number;
}

/** A fresh attempt: random state, nonce and PKCE verifier (32 bytes each). */
export function newAttempt(issuer: string, returnTo: string, now: Date): OidcAttempt {
  return { state: randomSecret(), nonce: randomSecret(), codeVerifier: randomSecret(), returnTo, issuer, expiresAt: now.getTime() + OIDC_STATE_TTL_SECONDS * 1000 };
}

/** The S256 PKCE challenge of a verifier (RFC 7636). */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Constant-time comparison of two state values. */
export function sameState(a: string, b: string): boolean {
  return sameHash(hashSecret(a), hashSecret(b));
}

/** Seals and opens attempts with one key. */
export class AttemptSealer {
  private readonly key: Buffer;

  /** `secret`: the client secret (the key is derived from it), or undefined for a random per-process key. */
  constructor(secret: string | undefined, context: string) {
    const material = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
    this.key = Buffer.from(hkdfSync('sha256', material, 'safepath-oidc-state', context, 32));
  }

  seal(attempt: OidcAttempt): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(OIDC_STATE_COOKIE));
    const body = Buffer.concat([cipher.update(JSON.stringify(attempt), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The attempt in `sealed`, or null when it does not open, is malformed or has expired. */
  open(sealed: string | null, now: Date): OidcAttempt | null {
    if (sealed === null || !/^[A-Za-z0-9_-]{40,4096}$/.test(sealed)) return null;
    const raw = Buffer.from(sealed, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(OIDC_STATE_COOKIE));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const value = JSON.parse(text) as Partial<OidcAttempt>;
      const fields = [value.state, value.nonce, value.codeVerifier, value.returnTo, value.issuer];
      if (fields.some((f) => typeof f !== 'string') || typeof value.expiresAt !== 'number') return null;
      if (value.expiresAt <= now.getTime()) return null;
      return value as OidcAttempt;
    } catch {
      return null;
    }
  }
}

/**
 * `value` when it is a path on this site (one leading '/', no scheme, host, backslash or control
 * character), else '/': after sign-in the browser never leaves for another origin.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers read '\' as '/', so '/\evil.example' would be protocol-relative.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://safepath.invalid';
  try {
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
