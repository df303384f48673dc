import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { IdTokenError, verifyIdToken, type Jwk } from './id-token';

const ISSUER = 'https://login.example.org/tenant/v2.0';
const CLIENT = 'safepath-client';
const NOW = new Date('2026-03-02T10:00:00Z');
const SECONDS = Math.floor(NOW.getTime() / 1000);

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaJwk: Jwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', use: 'sig' };
const ecJwk: Jwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', use: 'sig' };
const KEYS = [rsaJwk, ecJwk];

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(claims: Record<string, unknown>, options: { alg?: string; kid?: string; key?: KeyObject } = {}): string {
  const alg = options.alg ?? 'RS256';
  const header = { alg, kid: options.kid ?? (alg === 'ES256' ? 'ec-1' : 'rsa-1'), typ: 'JWT' };
  const input = `${b64(header)}.${b64(claims)}`;
  const key = options.key ?? (alg === 'ES256' ? ec.privateKey : rsa.privateKey);
  const signature = alg === 'ES256' ? sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }) : sign('sha256', Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}

const good = { iss: ISSUER, sub: 'subject-1', aud: CLIENT, exp: SECONDS + 300, iat: SECONDS - 10, nonce: 'n-1', preferred_username: 'tc.cho' };
const expected = { issuer: ISSUER, clientId: CLIENT, nonce: 'n-1', now: NOW };

function refusal(jwt: string, keys: Jwk[] = KEYS): IdTokenError {
  try {
    verifyIdToken(jwt, keys, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(IdTokenError);
    return error as IdTokenError;
  }
  throw new Error('expected the ID token to be refused');
}

describe('verifyIdToken', () => {
  it('accepts RS256 and ES256 tokens signed by a published key, and returns the claims', () => {
    // given tokens signed with the issuer's RSA and EC keys
    // when they are verified
    // then the claims come back
    expect(verifyIdToken(token(good), KEYS, expected)).toMatchObject({ sub: 'subject-1', preferred_username: 'tc.cho' });
    expect(verifyIdToken(token(good, { alg: 'ES256' }), KEYS, expected).sub).toBe('subject-1');
  });

  it('tolerates a minute of clock difference and an audience list that names us as authorised party', () => {
    expect(verifyIdToken(token({ ...good, exp: SECONDS - 30, iat: SECONDS + 30 }), KEYS, expected).sub).toBe('subject-1');
    expect(verifyIdToken(token({ ...good, aud: [CLIENT, 'other'], azp: CLIENT }), KEYS, expected).sub).toBe('subject-1');
  });

  it('refuses tokens that are unsigned, HMAC-signed or signed by another key', () => {
    const none = `${b64({ alg: 'none' })}.${b64(good)}.`;
    expect(refusal(none).message).toMatch(/algorithm/);
    // HS256 "signed" with the RSA public key as the secret: the classic algorithm confusion.
    const input = `${b64({ alg: 'HS256', kid: 'rsa-1' })}.${b64(good)}`;
    const hs = `${input}.${createHmac('sha256', rsa.publicKey.export({ format: 'pem', type: 'spki' })).update(input).digest('base64url')}`;
    expect(refusal(hs).message).toMatch(/algorithm/);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(refusal(token(good, { key: stranger })).message).toMatch(/signature/);
    expect(refusal(token(good, { kid: 'rotated' })).unknownKey).toBe(true);
  });

  it('refuses a token whose payload was changed after signing', () => {
    const [header, , signature] = token(good).split('.');
    expect(refusal(`${header}.${b64({ ...good, sub: 'someone-else' })}.${signature}`).message).toMatch(/signature/);
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }, /issuer/],
    ['another audience', { aud: 'other-client' }, /another client/],
    ['several audiences without us as azp', { aud: [CLIENT, 'other'] }, /authorised party/],
    ['an expired token', { exp: SECONDS - 61 }, /expired/],
    ['a token issued in the future', { iat: SECONDS + 120 }, /future/],
    ['a token not valid yet', { nbf: SECONDS + 120 }, /not valid yet/],
    ['another nonce', { nonce: 'n-2' }, /nonce/],
    ['no nonce', { nonce: undefined }, /nonce/],
    ['no subject', { sub: '' }, /subject/],
  ])('refuses %s', (_case, change, message) => {
    expect(refusal(token({ ...good, ...change })).message).toMatch(message);
  });

  it('never puts a claim value in its messages', () => {
    const error = refusal(token({ ...good, iss: 'https://evil.example', nonce: 'secret-nonce' }));
    expect(error.message).not.toMatch(/evil|secret-nonce|tc\.cho/);
  });
});
