import { createHash } from 'node:crypto';
import { loadConfig } from '../../config/app-config';
import { AttemptSealer, OIDC_STATE_TTL_SECONDS, codeChallenge, newAttempt, safeReturnPath } from './oidc-state';

const NOW = new Date('2026-03-02T10:00:00Z');
const ISSUER = 'https://login.example.org/tenant/v2.0';

describe('sealed sign-in attempts', () => {
  it('opens what it sealed, on any server instance that shares the client secret', () => {
    // given an attempt sealed by one instance
    const attempt = newAttempt(ISSUER, '/inbox', NOW);
    const sealed = new AttemptSealer('client-secret', 'ctx').seal(attempt);
    // when another instance with the same secret opens it
    // then it gets the same attempt back, and the cookie shows nothing of it
    expect(new AttemptSealer('client-secret', 'ctx').open(sealed, NOW)).toEqual(attempt);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(attempt.state);
  });

  it('refuses a tampered, foreign or expired attempt', () => {
    const sealer = new AttemptSealer('client-secret', 'ctx');
    const sealed = sealer.seal(newAttempt(ISSUER, '/', NOW));
    const flipped = `${sealed.slice(0, 20)}${sealed[20] === 'A' ? 'B' : 'A'}${sealed.slice(21)}`;
    expect(sealer.open(flipped, NOW)).toBeNull();
    expect(new AttemptSealer('another-secret', 'ctx').open(sealed, NOW)).toBeNull();
    expect(new AttemptSealer('client-secret', 'another-client').open(sealed, NOW)).toBeNull();
    expect(new AttemptSealer(undefined, 'ctx').open(sealed, NOW)).toBeNull();
    expect(sealer.open(sealed, new Date(NOW.getTime() + OIDC_STATE_TTL_SECONDS * 1000))).toBeNull();
    expect(sealer.open(null, NOW)).toBeNull();
    expect(sealer.open('not a sealed value', NOW)).toBeNull();
  });

  it('gives fresh random state, nonce and verifier each time, with the S256 challenge of RFC 7636', () => {
    const a = newAttempt(ISSUER, '/', NOW);
    const b = newAttempt(ISSUER, '/', NOW);
    expect(new Set([a.state, a.nonce, a.codeVerifier, b.state, b.nonce, b.codeVerifier]).size).toBe(6);
    expect(a.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // RFC 7636 appendix B
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(codeChallenge(a.codeVerifier)).toBe(createHash('sha256').update(a.codeVerifier).digest('base64url'));
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/inbox', '/inbox'],
    ['/cases/42?tab=notes#history', '/cases/42?tab=notes#history'],
    ['https://evil.example/x', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example/x', '/'],
    ['\\\\evil.example', '/'],
    ['/inbox\r\nSet-Cookie: x=1', '/'],
    ['javascript:alert(1)', '/'],
    ['inbox', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%p → %p', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});

describe('single sign-on settings', () => {
  const services = { DATABASE_URL: 'postgres://db/safepath', REDIS_URL: 'redis://cache:6379' };

  it('are off by default, with the documented label and username claim', () => {
    const config = loadConfig(services);
    expect(config.oidcIssuer).toBeUndefined();
    expect(config.oidcLabel).toBe('Sign in with your organisation account');
    expect(config.oidcUsernameClaim).toBe('preferred_username');
  });

  it('read the issuer, client and callback, and refuse a partial or plain-http setup by name', () => {
    const oidc = { OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: 'abc', OIDC_CLIENT_SECRET: 's3cret', OIDC_REDIRECT_URL: 'https://safepath.example.org/api/session/oidc/callback', OIDC_USERNAME_CLAIM: 'upn' };
    expect(loadConfig({ ...services, ...oidc })).toMatchObject({ oidcIssuer: ISSUER, oidcClientId: 'abc', oidcUsernameClaim: 'upn' });
    expect(loadConfig({ ...services, ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidcIssuer).toBe('http://127.0.0.1:4000');
    expect(() => loadConfig({ ...services, OIDC_ISSUER: ISSUER })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URL must be set together/);
    expect(() => loadConfig({ ...services, ...oidc, OIDC_ISSUER: 'http://login.example.org' })).toThrow(/OIDC_ISSUER must be an https/);
    expect(() => loadConfig({ ...services, ...oidc, OIDC_REDIRECT_URL: 'https://safepath.example.org/elsewhere' })).toThrow(/OIDC_REDIRECT_URL must be/);
    expect(() => loadConfig({ ...services, ...oidc })).not.toThrow();
    // The secret never appears in a configuration error.
    expect(() => loadConfig({ ...services, ...oidc, OIDC_CLIENT_ID: 'has space' })).toThrow(/^(?!.*s3cret).*OIDC_CLIENT_ID/);
  });
});
