/**
 * Verification of an OpenID Connect ID token (a JWS in compact form) with node:crypto only:
 * the signature against the issuer's published keys (RS256 or ES256), then the claims that bind
 * the token to this sign-in: issuer, audience (and azp), expiry, issue time and nonce.
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Signature algorithms accepted in ID tokens; `none` and the HMAC family never are. */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256'] as const;
export type IdTokenAlgorithm = (typeof ID_TOKEN_ALGORITHMS)[number];

/** Seconds of clock difference tolerated between Safepath and the issuer. */
export const CLOCK_SKEW_SECONDS = 60;

/** Why an ID token was refused. The message names the check, never a claim's value. */
export class IdTokenError extends Error {
  constructor(
    message: string,
    /** True when a fresh copy of the issuer's keys might verify it (a key id we do not know). */
    readonly unknownKey = false,
  ) {
    super(message);
    this.name = 'IdTokenError';
  }
}

/** One key of a JSON Web Key Set, as the issuer publishes it. */
export interface Jwk extends JsonWebKey {
  kid?: string;
  use?: string;
  alg?: string;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The time to check exp/iat/nbf against. */
  now: Date;
}

/** The verified claims of an ID token. */
export type IdTokenClaims = Record<string, unknown> & { iss: string; sub: string; aud: string | string[]; exp: number; iat: number };

interface JoseHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
  crit?: unknown;
}

/**
 * The claims of `token` once its signature verifies with one of `keys` and its claims match
 * `expected`; throws {@link IdTokenError} otherwise.
 */
export function verifyIdToken(token: string, keys: readonly Jwk[], expected: IdTokenExpectations): IdTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === '' || parts[1] === '') {
    throw new IdTokenError('The ID token is not a compact JWS');
  }
  const header = parseJson<JoseHeader>(parts[0], 'header');
  const alg = header.alg;
  if (typeof alg !== 'string' || !(ID_TOKEN_ALGORITHMS as readonly string[]).includes(alg)) {
    throw new IdTokenError('The ID token is signed with an algorithm Safepath does not accept');
  }
  if (header.crit !== undefined) throw new IdTokenError('The ID token has critical header parameters Safepath does not understand');
  const key = selectKey(keys, alg as IdTokenAlgorithm, typeof header.kid === 'string' ? header.kid : undefined);
  const signature = Buffer.from(parts[2], 'base64url');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
  const valid =
    alg === 'ES256'
      ? signature.length === 64 && verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)
      : verify('sha256', signed, key, signature);
  if (!valid) throw new IdTokenError('The ID token signature does not verify');

  const claims = parseJson<Record<string, unknown>>(parts[1], 'payload');
  checkClaims(claims, expected);
  return claims as IdTokenClaims;
}

function checkClaims(claims: Record<string, unknown>, expected: IdTokenExpectations): void {
  if (claims.iss !== expected.issuer) throw new IdTokenError('The ID token comes from another issuer');
  if (typeof claims.sub !== 'string' || claims.sub === '' || claims.sub.length > 255) throw new IdTokenError('The ID token has no subject');
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (!audiences.includes(expected.clientId)) throw new IdTokenError('The ID token is meant for another client');
  // With several audiences the authorised party must be us (OpenID Connect Core 3.1.3.7).
  if ((audiences.length > 1 || claims.azp !== undefined) && claims.azp !== expected.clientId) {
    throw new IdTokenError('The ID token was issued to another authorised party');
  }
  const now = Math.floor(expected.now.getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS <= now) throw new IdTokenError('The ID token has expired');
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_SECONDS > now) throw new IdTokenError('The ID token was issued in the future');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_SKEW_SECONDS > now)) {
    throw new IdTokenError('The ID token is not valid yet');
  }
  if (typeof claims.nonce !== 'string' || claims.nonce !== expected.nonce) throw new IdTokenError('The ID token belongs to another sign-in (nonce)');
}

/** The key that may have signed a token with `alg` and `kid` (by key id; without one, the only candidate). */
function selectKey(keys: readonly Jwk[], alg: IdTokenAlgorithm, kid: string | undefined): KeyObject {
  const kty = alg === 'ES256' ? 'EC' : 'RSA';
  const candidates = keys.filter(
    (k) =>
      k.kty === kty &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === alg) &&
      (alg !== 'ES256' || k.crv === 'P-256') &&
      (kid === undefined || k.kid === kid),
  );
  if (candidates.length === 0) throw new IdTokenError('The ID token is signed with a key the issuer does not publish', true);
  if (candidates.length > 1) throw new IdTokenError('The ID token does not say which of the issuer\'s keys signed it');
  const jwk = candidates[0];
  try {
    // Only the public members: a JWK that also carried private parts must not become a private key.
    const pub: JsonWebKey = kty === 'RSA' ? { kty, n: jwk.n, e: jwk.e } : { kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    return createPublicKey({ key: pub, format: 'jwk' });
  } catch {
    throw new IdTokenError('The issuer publishes a key Safepath cannot read');
  }
}

function parseJson<T>(segment: string, what: string): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as T;
  } catch {
    throw new IdTokenError(`The ID token ${what} is not a JSON object`);
  }
}
