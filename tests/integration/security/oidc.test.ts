/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider in a child process, see
 * tests/support/oidc-provider.mjs), driven like a browser: plain HTTP requests that follow
 * redirects by hand and keep cookies per host, through the provider's sign-in and consent forms.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../../../server/src/config/app-config';
import { createTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(30_000);

const CLIENT_ID = 'safepath-test';
const CLIENT_SECRET = 'a-client-secret-for-the-sso-test-only';
const CALLBACK_PATH = '/api/session/oidc/callback';

/** A cookie-keeping HTTP client that follows nothing by itself (the test decides each hop). */
class Browser {
  private readonly jar = new Map<string, { host: string; path: string; name: string; value: string }>();

  async get(url: URL | string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(new URL(url), { method: 'GET', headers });
  }

  async post(url: URL | string, form: Record<string, string>): Promise<Response> {
    return this.send(new URL(url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  }

  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  setCookie(name: string, value: string): void {
    for (const cookie of this.jar.values()) if (cookie.name === name) cookie.value = value;
  }

  private async send(url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    const cookies = [...this.jar.values()].filter((c) => c.host === url.hostname && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)));
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...init.headers };
    if (cookies.length > 0) headers.cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(url, line);
    return response;
  }

  private store(url: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = url.pathname.slice(0, Math.max(1, url.pathname.lastIndexOf('/')));
    let expired = value === '';
    for (const attribute of attributes) {
      const [key, attributeValue = ''] = attribute.split('=');
      if (/^path$/i.test(key)) path = attributeValue;
      if (/^max-age$/i.test(key) && Number(attributeValue) <= 0) expired = true;
      if (/^expires$/i.test(key) && Date.parse(attributeValue) <= Date.now()) expired = true;
    }
    const key = `${url.hostname} ${path} ${name}`;
    if (expired) this.jar.delete(key);
    else this.jar.set(key, { host: url.hostname, path, name, value });
  }
}

/** The provider in its child process. */
interface Issuer {
  url: string;
  process: ChildProcess;
}

async function startIssuer(redirectUri: string): Promise<Issuer> {
  const child = spawn(process.execPath, [join(__dirname, '../../support/oidc-provider.mjs'), redirectUri, CLIENT_ID, CLIENT_SECRET, 'RS256'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`The OIDC provider exited (${code}): ${stderr}`)));
  });
  return { url: await ready, process: child };
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let issuer: Issuer;
  let baseUrl: string;

  /** Starts at Safepath's login route and walks through the issuer's forms; returns the callback URL, not yet visited. */
  async function signInAtIssuer(browser: Browser, account: string, options: { returnTo?: string; tamper?: (authorization: URL) => void; abort?: boolean } = {}): Promise<URL> {
    const start = new URL('/api/session/oidc/login', baseUrl);
    if (options.returnTo !== undefined) start.searchParams.set('returnTo', options.returnTo);
    const first = await browser.get(start);
    expect(first.status).toBe(302);
    let location = new URL(first.headers.get('location')!, start);
    expect(location.origin).toBe(issuer.url);
    options.tamper?.(location);
    for (let hop = 0; hop < 20; hop++) {
      if (location.href.startsWith(`${baseUrl}${CALLBACK_PATH}`)) return location;
      let response = await browser.get(location);
      if (response.status === 200) {
        const html = await response.text();
        const action = /action="([^"]+)"/.exec(html)?.[1];
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
        if (action === undefined || prompt === undefined) throw new Error(`Unexpected page at the issuer: ${html.slice(0, 200)}`);
        const form = new URL(action.replace(/&amp;/g, '&'), location);
        response = options.abort ? await browser.get(`${form.href}/abort`) : await browser.post(form, prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt });
      }
      if (response.status < 300 || response.status >= 400) throw new Error(`The issuer answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      location = new URL(response.headers.get('location')!, location);
    }
    throw new Error('Too many redirects');
  }

  /** A whole sign-in; the browser's answer from Safepath's callback. */
  async function signInThrough(browser: Browser, account: string, options: Parameters<typeof signInAtIssuer>[2] = {}): Promise<Response> {
    return browser.get(await signInAtIssuer(browser, account, options));
  }

  const sessionOf = async (browser: Browser) => browser.get(new URL('/api/session', baseUrl), { accept: 'application/json' });

  // The server log says which check refused a sign-in, by name only.
  const warnings = jest.spyOn(Logger.prototype, 'warn');
  const lastRefusal = (): string => String(warnings.mock.calls.at(-1)?.[0]);

  beforeAll(async () => {
    t = await createTestApp({ listen: true, config: { oidcClientId: CLIENT_ID, oidcClientSecret: CLIENT_SECRET } });
    baseUrl = t.baseUrl!;
  });
  afterAll(async () => {
    const logged = warnings.mock.calls.map((call) => String(call[0])).join('\n');
    expect(logged).toMatch(/Single sign-on refused/);
    expect(logged).not.toMatch(/tc\.cho|stranger|oid-|eyJ/i);
    warnings.mockRestore();
    if (issuer !== undefined) {
      issuer.process.kill('SIGTERM');
      if (issuer.process.exitCode === null) await once(issuer.process, 'exit');
    }
    await t.close();
  });

  it('offers no single sign-on until the issuer is configured, then offers its button', async () => {
    expect((await t.anonymous.get('/api/session/options').expect(200)).body).toEqual({ oidc: false });
    await t.anonymous.get('/api/session/oidc/login').expect(404);

    // The app listens on a random port, so the issuer (which must know the callback) starts after it.
    issuer = await startIssuer(`${baseUrl}${CALLBACK_PATH}`);
    const config = t.app.get(AppConfig);
    config.oidcIssuer = issuer.url;
    config.oidcRedirectUrl = `${baseUrl}${CALLBACK_PATH}`;

    expect((await t.anonymous.get('/api/session/options').expect(200)).body).toEqual({ oidc: true, oidcLabel: 'Sign in with your organisation account' });
  });

  it('signs tc.cho in through the issuer into the same session as a password sign-in, and links the identity', async () => {
    const browser = new Browser();
    const callback = await signInAtIssuer(browser, 'oid-tc-cho', { returnTo: '/inbox?view=mine' });
    expect(browser.cookie('sp_oidc')).toBeDefined();
    const done = await browser.get(callback);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/inbox?view=mine');
    const cookies = done.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('sp_session='))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('sp_session='))).toMatch(/SameSite=Strict/i);
    expect(browser.cookie('sp_oidc')).toBeUndefined();

    const me = await sessionOf(browser);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: 'tc.cho', tenantId: 'tai-calon', organisationName: expect.any(String) });
    const [row] = await t.dataSource.query("SELECT oidc_subject FROM app_user WHERE username = 'tc.cho'");
    expect(row.oidc_subject).toBe(`${issuer.url}|oid-tc-cho`);

    // The CSRF half of the session works too: sign out with the echoed token.
    const signOut = await fetch(new URL('/api/session', baseUrl), { method: 'DELETE', headers: { cookie: `sp_session=${browser.cookie('sp_session')}; XSRF-TOKEN=${browser.cookie('XSRF-TOKEN')}`, 'x-xsrf-token': browser.cookie('XSRF-TOKEN')! } });
    expect(signOut.status).toBe(204);
    expect((await sessionOf(browser)).status).toBe(401);
  });

  it('finds a linked user by subject, and refuses another identity that claims the same username', async () => {
    const again = new Browser();
    expect((await signInThrough(again, 'oid-tc-cho')).headers.get('location')).toBe('/');
    expect((await sessionOf(again)).status).toBe(200);

    const impostor = new Browser();
    const refused = await signInThrough(impostor, 'oid-impostor');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/sign-in?error=sso');
    expect(impostor.cookie('sp_session')).toBeUndefined();
    expect(lastRefusal()).toMatch(/linked to another identity/);
  });

  it('refuses an identity with no Safepath user, without details in the URL', async () => {
    const browser = new Browser();
    const response = await signInThrough(browser, 'oid-stranger');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?error=sso');
    expect(browser.cookie('sp_session')).toBeUndefined();
    const [row] = await t.dataSource.query("SELECT count(*)::int AS n FROM app_user WHERE username ILIKE 'stranger%'");
    expect(row.n).toBe(0);
    expect(lastRefusal()).toMatch(/no user has this username/);
  });

  it('refuses a tampered state, and answers API callers with a 400-class JSON error', async () => {
    const browser = new Browser();
    const callback = await signInAtIssuer(browser, 'oid-tc-cho');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const json = await browser.get(callback, { accept: 'application/json' });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ type: 'InvalidRequestException', message: expect.stringMatching(/start again/) });
    expect(browser.cookie('sp_session')).toBeUndefined();
    expect(lastRefusal()).toMatch(/state does not match/);
  });

  it('refuses a tampered attempt cookie and a replayed callback', async () => {
    const browser = new Browser();
    const callback = await signInAtIssuer(browser, 'oid-tc-cho');
    const sealed = browser.cookie('sp_oidc')!;
    browser.setCookie('sp_oidc', `${sealed.slice(0, 30)}${sealed[30] === 'A' ? 'B' : 'A'}${sealed.slice(31)}`);
    const tampered = await browser.get(callback);
    expect(tampered.headers.get('location')).toBe('/sign-in?error=sso');
    expect(browser.cookie('sp_session')).toBeUndefined();
    expect(lastRefusal()).toMatch(/no valid sign-in attempt cookie/);

    const honest = new Browser();
    const good = await signInAtIssuer(honest, 'oid-tc-cho');
    expect((await honest.get(good)).headers.get('location')).toBe('/');
    // The same callback again (the attempt cookie is gone; the code was redeemed).
    const replay = await honest.get(good, { accept: 'application/json' });
    expect(replay.status).toBe(400);
    expect(lastRefusal()).toMatch(/no valid sign-in attempt cookie/);
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const browser = new Browser();
    const response = await signInThrough(browser, 'oid-tc-cho', { tamper: (authorization) => authorization.searchParams.set('nonce', 'a-nonce-from-another-sign-in') });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?error=sso');
    expect(browser.cookie('sp_session')).toBeUndefined();
    expect(lastRefusal()).toMatch(/nonce/);
  });

  it('refuses a sign-in the person cancelled at the issuer', async () => {
    const browser = new Browser();
    const callback = await signInAtIssuer(browser, 'oid-tc-cho', { abort: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const response = await browser.get(callback, { accept: 'application/json' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { type: string }).type).toBe('AuthenticationException');
    expect(lastRefusal()).toMatch(/issuer answered with an error/);
  });

  it.each(['https://evil.example/phish', '//evil.example/phish', '/\\evil.example/phish', 'javascript:alert(1)'])('ignores returnTo %s and lands on /', async (returnTo) => {
    const browser = new Browser();
    const response = await signInThrough(browser, 'oid-tc-cho', { returnTo });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    expect((await sessionOf(browser)).status).toBe(200);
  });
});
