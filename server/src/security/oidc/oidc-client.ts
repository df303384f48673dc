/**
 * The relying-party side of the OpenID Connect authorization-code flow with PKCE, on fetch and
 * node:crypto: discovery, the authorization URL, the token exchange and the issuer's keys.
 *
 * Lifecycle of one sign-in: `authorizationUrl(attempt)` → the browser signs in at the issuer →
 * the callback brings `code` → `exchange(code, attempt)` posts it to the token endpoint with the
 * PKCE verifier and client authentication → the ID token is verified against the issuer's JWKS
 * (fetched again once when a token names a key we have not seen: the issuer rotated its keys).
 */
import type { Clock } from '../../../engine';
import { codeChallenge, type OidcAttempt } from './oidc-state';
import { IdTokenError, verifyIdToken, type IdTokenClaims, type Jwk } from './id-token';

/** The settings of one relying party (from AppConfig). */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUrl: string;
}

/** The parts of the issuer's discovery document Safepath uses. */
export interface OidcDiscovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
}

/** The scopes asked for: the subject and the profile (preferred_username, name) in the ID token. */
export const OIDC_SCOPES = 'openid profile email';

const HTTP_TIMEOUT_MS = 10_000;
const DISCOVERY_TTL_MS = 3_600_000;
/** The issuer's keys are fetched again at most this often when a token names an unknown key. */
const JWKS_REFRESH_MS = 60_000;

/** A failure talking to the issuer or of its answer; the message never holds tokens or claims. */
export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

export class OidcClient {
  private discovery: { value: OidcDiscovery; fetchedAt: number } | null = null;
  private keys: { value: Jwk[]; fetchedAt: number } | null = null;

  constructor(
    readonly settings: OidcClientSettings,
    private readonly clock: Clock,
  ) {}

  /** Where to send the browser to start `attempt`. */
  async authorizationUrl(attempt: OidcAttempt): Promise<string> {
    const discovery = await this.discover();
    const url = new URL(discovery.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.settings.clientId);
    url.searchParams.set('redirect_uri', this.settings.redirectUrl);
    url.searchParams.set('scope', OIDC_SCOPES);
    url.searchParams.set('state', attempt.state);
    url.searchParams.set('nonce', attempt.nonce);
    url.searchParams.set('code_challenge', codeChallenge(attempt.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
  }

  /** Whether the issuer says it names itself in authorization responses (RFC 9207). */
  async sendsIssuerInResponse(): Promise<boolean> {
    return (await this.discover()).authorization_response_iss_parameter_supported === true;
  }

  /** Redeems `code` and returns the verified ID token claims of the signed-in person. */
  async exchange(code: string, attempt: OidcAttempt): Promise<IdTokenClaims> {
    const discovery = await this.discover();
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.settings.redirectUrl, code_verifier: attempt.codeVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const secret = this.settings.clientSecret;
    const methods = discovery.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    if (secret === undefined) {
      body.set('client_id', this.settings.clientId);
    } else if (methods.includes('client_secret_basic')) {
      // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
      const credentials = `${formEncode(this.settings.clientId)}:${formEncode(secret)}`;
      headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    } else if (methods.includes('client_secret_post')) {
      body.set('client_id', this.settings.clientId);
      body.set('client_secret', secret);
    } else {
      throw new OidcError('The issuer supports neither client_secret_basic nor client_secret_post');
    }
    const response = await this.request(discovery.token_endpoint, { method: 'POST', headers, body: body.toString() });
    if (!response.ok) throw new OidcError(`The token endpoint refused the code (HTTP ${response.status})`);
    const tokens = (await readJson(response, 'token response')) as { id_token?: unknown };
    if (typeof tokens.id_token !== 'string') throw new OidcError('The token response holds no ID token');
    return this.verify(tokens.id_token, attempt.nonce);
  }

  private async verify(idToken: string, nonce: string): Promise<IdTokenClaims> {
    const expected = { issuer: this.settings.issuer, clientId: this.settings.clientId, nonce, now: this.clock.now() };
    try {
      return verifyIdToken(idToken, await this.jwks(false), expected);
    } catch (error) {
      if (!(error instanceof IdTokenError && error.unknownKey)) throw error;
      return verifyIdToken(idToken, await this.jwks(true), expected);
    }
  }

  /** The discovery document, cached for an hour; its issuer must be exactly the configured one. */
  private async discover(): Promise<OidcDiscovery> {
    const now = Date.now();
    if (this.discovery !== null && now - this.discovery.fetchedAt < DISCOVERY_TTL_MS) return this.discovery.value;
    const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await this.request(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new OidcError(`The issuer's discovery document is unavailable (HTTP ${response.status})`);
    const document = (await readJson(response, 'discovery document')) as Partial<OidcDiscovery>;
    if (document.issuer !== this.settings.issuer) throw new OidcError('The discovery document names another issuer than OIDC_ISSUER');
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (typeof document[field] !== 'string' || !this.allowedEndpoint(document[field])) {
        throw new OidcError(`The discovery document's ${field} is missing or not https`);
      }
    }
    this.discovery = { value: document as OidcDiscovery, fetchedAt: now };
    return this.discovery.value;
  }

  private async jwks(refresh: boolean): Promise<Jwk[]> {
    const now = Date.now();
    const cached = this.keys;
    if (cached !== null && (!refresh || now - cached.fetchedAt < JWKS_REFRESH_MS) && now - cached.fetchedAt < DISCOVERY_TTL_MS) return cached.value;
    const response = await this.request((await this.discover()).jwks_uri, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new OidcError(`The issuer's keys are unavailable (HTTP ${response.status})`);
    const set = (await readJson(response, 'key set')) as { keys?: unknown };
    if (!Array.isArray(set.keys)) throw new OidcError('The issuer\'s key set holds no keys');
    this.keys = { value: set.keys.filter((k): k is Jwk => k !== null && typeof k === 'object'), fetchedAt: now };
    return this.keys.value;
  }

  /** Endpoints use https, like the issuer; an http issuer (loopback, tests) may use http on its own host. */
  private allowedEndpoint(value: string): boolean {
    try {
      const url = new URL(value);
      if (url.protocol === 'https:') return true;
      const issuer = new URL(this.settings.issuer);
      return url.protocol === 'http:' && issuer.protocol === 'http:' && url.host === issuer.host;
    } catch {
      return false;
    }
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
    } catch {
      throw new OidcError('The issuer could not be reached');
    }
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

async function readJson(response: Response, what: string): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await response.json();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new OidcError(`The issuer's ${what} is not JSON`);
  }
}
