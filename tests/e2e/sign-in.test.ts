import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';
import { DEMO_PASSWORD } from '../../server/src/security/demo-directory';
import { DESIGNER_BUILD, assertDesignerBuilt, seriousViolations, serveAxe } from '../support/web-app-e2e';

/**
 * The web app's sign-in, in real Chromium against the real server (built designer, real
 * PostgreSQL, the server's Content-Security-Policy): a demo user signs in with the keyboard, sees
 * who they are and only their organisation's processes, stays signed in across a reload, signs
 * out; wrong passwords, lockout and password change show their messages; axe finds no serious
 * problems. Screenshots go to artifacts/sign-in/.
 */
jest.setTimeout(90_000);

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts/sign-in');

const bpmn = (key: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('signing in to the web app (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const policyViolations: string[] = [];

  /** A fresh browser profile (no cookies) whose page reports Content-Security-Policy violations. */
  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    return { context, page };
  }

  async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Submits the form and waits for the server's answer and the page to show it; returns the status. */
  async function attemptSignIn(page: Page, username: string, password: string): Promise<number> {
    const answered = page.waitForResponse((r) => r.url() === `${baseUrl}/api/session` && r.request().method() === 'POST');
    await signInWithForm(page, username, password);
    const status = (await answered).status();
    if (status !== 200) {
      await page.getByRole('alert').waitFor();
      await page.locator('button[type=submit][aria-disabled=false]').waitFor();
    }
    return status;
  }

  /** The process library's rows: name, key and published version of each process. */
  const tableRows = async (page: Page) =>
    Promise.all((await page.locator('tbody tr').all()).map(async (row) => (await row.locator('th, td').allTextContents()).slice(0, 3).map((cell) => cell.trim())));

  const hasFocus = async (page: Page, id: string) => (await page.locator(`#${id}:focus`).count()) === 1;

  const alertText = async (page: Page) => (await page.getByRole('alert').textContent())?.trim();

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    await t.engine.deploy({ name: 'tai-calon', tenantId: 'tai-calon', resources: [{ name: 'tc.bpmn', content: bpmn('tc-referral', 'Tai Calon referral') }] });
    await t.engine.deploy({ name: 'cmg', tenantId: 'cmg', resources: [{ name: 'cmg.bpmn', content: bpmn('cmg-referral', 'CMG referral') }] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(policyViolations.splice(0)).toEqual([]);
  });

  it('signs a demo user in with the keyboard, keeps them signed in, and signs them out', async () => {
    const { context, page } = await newPage();

    // Given an anonymous visitor following a deep link: they land on the sign-in page.
    await page.goto(`${baseUrl}/processes`);
    await page.waitForURL(`${baseUrl}/sign-in?returnUrl=%2Fprocesses`);
    await page.getByRole('heading', { name: 'Sign in to Safepath' }).waitFor();
    expect(await page.textContent('main')).toContain('Authorised staff only');
    expect(await page.getByLabel('Username').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).toBe('current-password');
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'sign-in')).toEqual([]);

    // When they type a wrong password: the error is announced and nobody is signed in.
    await signInWithForm(page, 'tc.cho', 'not-the-password');
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toMatch(/^Wrong username or password/);
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-wrong-password.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'sign-in-wrong-password')).toEqual([]);

    // When they sign in with the keyboard only (Tab to the field, type, Tab, type, Enter).
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Safepath' }).waitFor();
    for (let i = 0; i < 6 && !(await hasFocus(page, 'username')); i++) await page.keyboard.press('Tab');
    expect(await hasFocus(page, 'username')).toBe(true);
    await page.keyboard.type('tc.cho');
    await page.keyboard.press('Tab');
    expect(await hasFocus(page, 'password')).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    // Then they are back where they were heading, see who they are and only their organisation's processes.
    await page.waitForURL(`${baseUrl}/processes`);
    const banner = page.getByRole('banner');
    await banner.getByText('Community Housing Officer').waitFor();
    expect(await banner.textContent()).toContain('Tai Calon Community Housing');
    await page.getByRole('table').waitFor();
    expect(await tableRows(page)).toEqual([['Tai Calon referral', 'tc-referral', '1']]);
    expect(await page.textContent('main')).not.toContain('CMG');
    await page.screenshot({ path: join(ARTIFACTS, 'processes.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'processes')).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'processes-narrow.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'processes-narrow')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });

    // And the session cookie is out of the page's reach and never sent from another site.
    const cookies = await context.cookies(baseUrl);
    const session = cookies.find((c) => c.name === 'sp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'XSRF-TOKEN')).toMatchObject({ httpOnly: false, sameSite: 'Strict' });
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).not.toContain('sp_session');

    // When they reload, or open another page by its address: still signed in.
    await page.reload();
    await page.getByRole('banner').getByText('Community Housing Officer').waitFor();
    expect(page.url()).toBe(`${baseUrl}/processes`);
    await page.goto(`${baseUrl}/account/password`);
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await page.goto(`${baseUrl}/sign-in`);
    await page.waitForURL(`${baseUrl}/processes`);

    // When they sign out: the sign-in page, and the server has ended the session.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in to Safepath' }).waitFor();
    expect((await page.request.get(`${baseUrl}/api/session`)).status()).toBe(401);
    expect((await t.anonymous.get('/api/session').set('Cookie', `sp_session=${session!.value}`)).status).toBe(401);
    await page.goto(`${baseUrl}/processes`);
    await page.waitForURL(`${baseUrl}/sign-in?returnUrl=%2Fprocesses`);
  });

  it('tells a person whose account is locked after repeated wrong passwords', async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/sign-in`);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8 && !statuses.includes(429); attempt++) statuses.push(await attemptSignIn(page, 'tc.cso', `wrong-${attempt}`));
    expect(statuses.at(-1)).toBe(429);
    expect(await alertText(page)).toMatch(/^Too many failed attempts: this account is locked/);
    // Even the right password is refused while the lock lasts.
    expect(await attemptSignIn(page, 'tc.cso', DEMO_PASSWORD)).toBe(429);
    expect(await alertText(page)).toMatch(/locked/);
    expect(page.url()).toBe(`${baseUrl}/sign-in`);
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-locked.png'), fullPage: true });
  });

  it('changes the password, showing what the server refuses, and ends the other sessions', async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await signInWithForm(page, 'cmg.caseworker', DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/processes`);
    // The same person on another computer, with the password page open.
    const { page: elsewhere } = await newPage();
    await elsewhere.goto(`${baseUrl}/sign-in?returnUrl=%2Faccount%2Fpassword`);
    await signInWithForm(elsewhere, 'cmg.caseworker', DEMO_PASSWORD);
    await elsewhere.getByRole('heading', { name: 'Change your password' }).waitFor();
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    const submit = () => page.getByRole('button', { name: 'Change password' }).click();
    const fill = async (current: string, next: string, confirm: string) => {
      await page.getByLabel('Current password').fill(current);
      await page.getByLabel('New password', { exact: true }).fill(next);
      await page.getByLabel('New password again').fill(confirm);
    };

    await fill(DEMO_PASSWORD, 'violet river lantern', 'violet river lanturn');
    await submit();
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toMatch(/do not match/);

    await fill('not-my-password', 'violet river lantern', 'violet river lantern');
    await submit();
    await page.getByRole('alert').getByText('The current password is wrong').waitFor();
    expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(ARTIFACTS, 'change-password-error.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'change-password-error')).toEqual([]);

    await fill(DEMO_PASSWORD, 'violet river lantern', 'violet river lantern');
    await submit();
    await page.getByRole('status').getByText('Your password has been changed').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'change-password-done.png'), fullPage: true });

    // The other session has ended: its next request answers 401 and the app asks to sign in again,
    // coming back to the page afterwards.
    await elsewhere.getByLabel('Current password').fill(DEMO_PASSWORD);
    await elsewhere.getByLabel('New password', { exact: true }).fill('amber harbour compass');
    await elsewhere.getByLabel('New password again').fill('amber harbour compass');
    await elsewhere.getByRole('button', { name: 'Change password' }).click();
    await elsewhere.waitForURL(`${baseUrl}/sign-in?returnUrl=%2Faccount%2Fpassword`);
    await elsewhere.getByRole('heading', { name: 'Sign in to Safepath' }).waitFor();
    expect(await elsewhere.getByRole('button', { name: 'Sign out' }).count()).toBe(0);

    // The new password is the one that works now.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await signInWithForm(page, 'cmg.caseworker', DEMO_PASSWORD);
    await page.getByRole('alert').waitFor();
    await signInWithForm(page, 'cmg.caseworker', 'violet river lantern');
    await page.waitForURL(`${baseUrl}/processes`);
    await page.getByRole('table').waitFor();
    expect(await tableRows(page)).toEqual([['CMG referral', 'cmg-referral', '1']]);
  });

  it('offers single sign-on only when the server has it, and says when it failed', async () => {
    const { page } = await newPage();
    const options = page.waitForResponse(`${baseUrl}/api/session/options`);
    await page.goto(`${baseUrl}/sign-in`);
    expect(await (await options).json()).toEqual({ oidc: false });
    await page.getByRole('heading', { name: 'Sign in to Safepath' }).waitFor();
    expect(await page.getByRole('link', { name: /organisation account/ }).count()).toBe(0);

    // A server with single sign-on (its button text is OIDC_LABEL, here the default).
    await page.route(`${baseUrl}/api/session/options`, (route) => route.fulfill({ json: { oidc: true } }));
    await page.goto(`${baseUrl}/sign-in?returnUrl=%2Faccount%2Fpassword`);
    const link = page.getByRole('link', { name: 'Sign in with your organisation account' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/api/session/oidc/login?returnTo=%2Faccount%2Fpassword');
    await page.screenshot({ path: join(ARTIFACTS, 'sign-in-with-sso.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'sign-in-with-sso')).toEqual([]);

    // The server sends a failed single sign-on back to /sign-in?error=sso.
    await page.goto(`${baseUrl}/sign-in?error=sso`);
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toMatch(/^Signing in with your organisation account did not work/);
    expect(await page.getByRole('link', { name: 'Sign in with your organisation account' }).getAttribute('href')).toBe('/api/session/oidc/login');
  });

  it('serves the app for its own deep links but never for the APIs', async () => {
    for (const path of ['/', '/sign-in', '/processes', '/account/password']) {
      const page = await t.anonymous.get(path).set('Accept', 'text/html');
      expect([path, page.status, page.type]).toEqual([path, 200, 'text/html']);
      expect(page.text).toContain('<sp-root>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
    for (const path of ['/api', '/api/nothing-here', '/engine-rest', '/engine-rest/nothing-here', '/API/Nothing', '/api/session']) {
      const answer = await t.anonymous.get(path).set('Accept', 'text/html');
      expect([path, answer.type]).toEqual([path, 'application/json']);
      expect(answer.status).toBeGreaterThanOrEqual(400);
    }
    // A missing bundle is a 404, not the page (a stale tab then fails loudly).
    expect((await t.anonymous.get('/chunk-MISSING1.js').set('Accept', '*/*')).status).toBe(404);
    const main = readdirSync(DESIGNER_BUILD).find((f) => /^main-[A-Z0-9]{8}\.js$/.test(f))!;
    const bundle = await t.anonymous.get(`/${main}`);
    expect([bundle.status, bundle.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
  });
});
