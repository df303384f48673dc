import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { asOrganisationToken, signIn } from '../support/auth';
import { launchChromium } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * Administration in real Chromium against the real server (built designer, PostgreSQL, the
 * server's Content-Security-Policy): Tai Calon's administrator adds a member of staff with a team;
 * the newcomer signs in and finds their team's task; the administrator changes their teams, resets
 * their password (shown once) and disables them, after which they cannot sign in; an API token's
 * secret is shown once, works over HTTP Basic and Bearer, and stops working when revoked; the
 * platform administrator chooses the organisation to manage; staff see no Administration and /admin
 * tells them so; another organisation's people never appear. axe-core
 * finds no serious problems. Screenshots go to artifacts/admin/.
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts/admin');
const DESKTOP = { width: 1280, height: 800 };

/** A Tai Calon process whose first step is offered to a team nobody is in yet. */
const OUTREACH = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://safepath.test">
  <bpmn:process id="tc-outreach" name="Outreach call-back" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:userTask id="call" name="Call the survivor back" camunda:candidateGroups="tc_outreach" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const NEWCOMER = { username: 'tc.spatel', name: 'Sam Patel' };

describe('administration of people and API tokens (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const policyViolations: string[] = [];
  const pageErrors: string[] = [];
  /** The newcomer's password as the administrator last handed it over. */
  let newcomerPassword = '';
  let newcomerId = '';

  /** A fresh browser profile (no cookies) whose page reports CSP violations and script errors. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  /** Submits the sign-in form and answers the server's status. */
  async function submitSignIn(page: Page, username: string, password: string): Promise<number> {
    const answered = page.waitForResponse((r) => r.url() === `${baseUrl}/api/session` && r.request().method() === 'POST');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return (await answered).status();
  }

  async function capture(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, name)).toEqual([]);
  }

  /** The text of the element that has the keyboard focus. */
  const focusedText = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent?.trim() ?? '');
  const statusText = async (page: Page) => (await page.locator('main p[role=status].live').textContent())?.trim();
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  let admin: Page;

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    await t.engine.deploy({ name: 'tai-calon', tenantId: 'tai-calon', resources: [{ name: 'outreach.bpmn', content: OUTREACH }] });
    const started = await asOrganisationToken(t, 'tai-calon').post('/engine-rest/process-definition/key/tc-outreach/start').send({ businessKey: 'TC-OUT-1' });
    expect(started.status).toBe(200);
    browser = await launchChromium();
    admin = await newPage();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(policyViolations.splice(0)).toEqual([]);
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it("adds a member of staff with a team, shows the server's refusals, and lists only the organisation's people", async () => {
    await signInWithForm(admin, baseUrl, 'tc.admin', '/processes');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await admin.waitForURL(`${baseUrl}/admin/people`);
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const table = admin.getByRole('table');
    await table.getByRole('link', { name: 'Community Housing Officer' }).waitFor();
    const listed = await table.textContent();
    expect(listed).toContain('tc.cho');
    expect(listed).toContain('tc.manager');
    // Nobody of another organisation, nor the platform administrator.
    expect(listed).not.toMatch(/cmg\.|dais\.|platform\.admin/);
    await capture(admin, 'people');

    await admin.getByRole('link', { name: 'Add a person' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    // The teams the organisation's processes use are offered, the new one included.
    const outreach = admin.getByRole('checkbox', { name: /tc_outreach/ });
    await outreach.waitFor();
    expect(await admin.getByRole('checkbox', { name: /tc_cho/ }).count()).toBe(1);
    expect(await admin.getByRole('checkbox', { name: 'Staff', exact: true }).isChecked()).toBe(true);

    // A username that is taken: the server's message, next to the form, on the field.
    await admin.getByLabel('Username').fill('tc.cho');
    await admin.getByLabel('Name', { exact: true }).fill(NEWCOMER.name);
    await outreach.check();
    await admin.getByLabel('Another group id').fill('tc_new_team');
    await admin.getByRole('button', { name: 'Add group' }).click();
    expect(await admin.getByRole('checkbox', { name: /tc_new_team/ }).isChecked()).toBe(true);
    await admin.getByRole('button', { name: 'Add person' }).click();
    await admin.getByRole('alert').getByText("The username 'tc.cho' is taken").waitFor();
    expect(await admin.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    await capture(admin, 'add-person-refused');

    await admin.getByLabel('Username').fill(NEWCOMER.username);
    const suggested = await admin.getByLabel('Initial password').inputValue();
    expect(suggested).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await admin.getByRole('button', { name: 'Add person' }).click();
    await admin.waitForURL(`${baseUrl}/admin/people`);
    const panel = admin.getByRole('region', { name: `${NEWCOMER.name} has been added` });
    await panel.waitFor();
    newcomerPassword = (await panel.locator('code').textContent())!.trim();
    expect(newcomerPassword).toBe(suggested);
    expect(await panel.textContent()).toContain('it will not be shown again');
    await panel.getByRole('button', { name: /^Copy/ }).click();
    await panel.getByRole('status').getByText('Copied to the clipboard.').waitFor();
    expect(await admin.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(newcomerPassword);
    const row = table.getByRole('row', { name: new RegExp(NEWCOMER.name) });
    await row.waitFor();
    expect(await row.getByRole('link').textContent()).toBe(NEWCOMER.name);
    expect((await row.locator('td').allTextContents()).map((cell) => cell.trim())).toEqual(['Staff', 'Outreach, New team', 'Active']);
    await capture(admin, 'person-added');

    // Shown once: after a reload the password is gone from the page.
    await admin.reload();
    await table.getByRole('link', { name: NEWCOMER.name }).waitFor();
    expect(await admin.textContent('main')).not.toContain(newcomerPassword);
    await admin.setViewportSize({ width: 390, height: 844 });
    await capture(admin, 'people-narrow');
    await admin.setViewportSize(DESKTOP);

    // Another organisation's administrator never sees Tai Calon's people.
    const cmgAdmin = await signIn(t, 'cmg.admin');
    const cmgPeople = (await cmgAdmin.get('/api/admin/users')).body as { username: string; id: string }[];
    expect(cmgPeople.map((p) => p.username)).not.toContain(NEWCOMER.username);
    expect(cmgPeople.every((p) => p.username.startsWith('cmg.'))).toBe(true);
    const tcPeople = (await (await signIn(t, 'tc.admin')).get('/api/admin/users')).body as { username: string; id: string }[];
    newcomerId = tcPeople.find((p) => p.username === NEWCOMER.username)!.id;
    expect((await cmgAdmin.patch(`/api/admin/users/${newcomerId}`).send({ disabled: true })).status).toBe(404);

    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.waitForURL(`${baseUrl}/sign-in`);
  });

  it('lets the newcomer sign in with the password they were given and work their team’s tasks', async () => {
    const newcomer = await newPage();
    await signInWithForm(newcomer, baseUrl, NEWCOMER.username, '/inbox', newcomerPassword);
    await newcomer.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    expect(await newcomer.getByRole('banner').textContent()).toContain(NEWCOMER.name);
    expect(await newcomer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await newcomer.getByRole('tab', { name: /My teams/ }).click();
    await newcomer.getByRole('link', { name: 'Call the survivor back' }).waitFor();
    await capture(newcomer, 'newcomer-inbox');
  });

  it("changes a person's teams, resets their password once and disables them, after which they cannot sign in", async () => {
    const newcomer = await newPage();
    await signInWithForm(newcomer, baseUrl, NEWCOMER.username, '/inbox', newcomerPassword);
    await signInWithForm(admin, baseUrl, 'tc.admin', '/admin/people');
    await admin.getByRole('link', { name: NEWCOMER.name }).click();
    await admin.getByRole('heading', { level: 1, name: NEWCOMER.name }).waitFor();
    expect(await admin.title()).toBe(`${NEWCOMER.name} · Administration · Safepath`);

    // Teams: drop the extra one; the change applies at once (their sessions end).
    await admin.getByRole('checkbox', { name: /tc_new_team/ }).uncheck();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByRole('status').getByText(/Changes saved\. Sam Patel has been signed out everywhere/).waitFor();
    const saved = (await (await signIn(t, 'tc.admin')).get('/api/admin/users')).body as { id: string; groups: string[] }[];
    expect(saved.find((p) => p.id === newcomerId)?.groups).toEqual(['tc_outreach']);
    await newcomer.reload();
    await newcomer.waitForURL(/\/sign-in\?returnUrl=%2Finbox$/);
    await capture(admin, 'person');

    // Reset password: confirmed on the page, the new one shown once.
    await admin.getByRole('button', { name: 'Reset password…' }).click();
    const resetDialog = admin.getByRole('dialog', { name: `Reset ${NEWCOMER.name}’s password?` });
    await resetDialog.waitFor();
    expect(await focusedText(admin)).toBe('Cancel');
    await capture(admin, 'reset-confirm');
    await resetDialog.getByRole('button', { name: 'Reset password' }).click();
    const resetPanel = admin.getByRole('region', { name: 'The password has been reset' });
    await resetPanel.waitFor();
    const resetPassword = (await resetPanel.locator('code').textContent())!.trim();
    expect(resetPassword).not.toBe(newcomerPassword);
    expect(resetPassword.length).toBeGreaterThanOrEqual(12);
    await capture(admin, 'password-reset');
    await resetPanel.getByRole('button', { name: 'I have copied it' }).click();
    await resetPanel.waitFor({ state: 'detached' });
    expect(await focusedText(admin)).toBe(NEWCOMER.name);

    expect(await submitSignIn(newcomer, NEWCOMER.username, newcomerPassword)).toBe(401);
    expect(await submitSignIn(newcomer, NEWCOMER.username, resetPassword)).toBe(200);
    await newcomer.waitForURL(`${baseUrl}/inbox`);
    newcomerPassword = resetPassword;

    // Disable, with the keyboard: the dialog opens on Cancel; Shift+Tab reaches Disable.
    await admin.getByRole('button', { name: 'Disable…' }).focus();
    await admin.keyboard.press('Enter');
    const disableDialog = admin.getByRole('dialog', { name: `Disable ${NEWCOMER.name}?` });
    await disableDialog.waitFor();
    await admin.keyboard.press('Escape');
    await disableDialog.waitFor({ state: 'hidden' });
    expect(await focusedText(admin)).toBe('Disable…');
    await admin.keyboard.press('Enter');
    await disableDialog.waitFor();
    await admin.keyboard.press('Shift+Tab');
    await admin.keyboard.press('Enter');
    await admin.getByRole('status').getByText(`${NEWCOMER.name} is disabled and can no longer sign in.`).waitFor();
    expect(await statusText(admin)).toBe(`${NEWCOMER.name} is disabled and can no longer sign in.`);
    await admin.getByRole('button', { name: 'Enable' }).waitFor();
    expect(await focusedText(admin)).toBe('Enable');
    await capture(admin, 'person-disabled');

    // Their open session has ended and the password no longer lets them in.
    await newcomer.reload();
    await newcomer.waitForURL(/\/sign-in/);
    expect(await submitSignIn(newcomer, NEWCOMER.username, newcomerPassword)).toBe(401);
    await newcomer.getByRole('alert').getByText(/Wrong username or password/).waitFor();

    await admin.getByRole('link', { name: 'Back to people' }).click();
    const row = admin.getByRole('row', { name: new RegExp(NEWCOMER.name) });
    await row.getByText('Disabled').waitFor();
  });

  it("creates an API token whose secret is shown once and works until it is revoked", async () => {
    await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'API tokens' }).click();
    await admin.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    // The demo token is listed, without any secret.
    await admin.getByRole('row', { name: /tai-calon-engine/ }).waitFor();

    await admin.getByLabel('Name', { exact: true }).fill('Case management integration');
    expect(await admin.getByRole('checkbox', { name: 'Engine', exact: true }).isChecked()).toBe(true);
    await admin.getByRole('button', { name: 'Create token' }).click();
    const panel = admin.getByRole('region', { name: 'Token “Case management integration” created' });
    await panel.waitFor();
    const token = (await panel.locator('#created-value').textContent())!.trim();
    const [id, secret] = [token.slice(0, token.indexOf('.')), token.slice(token.indexOf('.') + 1)];
    expect(id).toMatch(/^tok_[0-9a-f]{12}$/);
    const usage = (await panel.textContent())!;
    expect(usage).toContain('it will not be shown again');
    expect(usage).toContain(`Authorization: Bearer ${token}`);
    expect(usage).toContain(`curl -u ${id}:${secret} ${baseUrl}/engine-rest/process-definition`);
    await capture(admin, 'token-created');

    // It works over HTTP Basic (<id>:<secret>) and as a bearer token, within Tai Calon only.
    const viaBasic = await fetch(`${baseUrl}/engine-rest/process-definition`, { headers: { Authorization: basic(id, secret) } });
    expect(viaBasic.status).toBe(200);
    expect(((await viaBasic.json()) as { key: string; tenantId: string }[]).map((d) => [d.key, d.tenantId])).toEqual([['tc-outreach', 'tai-calon']]);
    expect((await fetch(`${baseUrl}/engine-rest/process-definition`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

    // Shown once: gone after a reload; the list shows when it was last used.
    await admin.reload();
    const row = admin.getByRole('row', { name: /Case management integration/ });
    await row.waitFor();
    expect(await admin.textContent('main')).not.toContain(secret);
    expect(await row.getByText('Never').count()).toBe(0);

    await row.getByRole('button', { name: 'Revoke… Case management integration' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke the token “Case management integration”?' });
    await dialog.waitFor();
    await capture(admin, 'token-revoke-confirm');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await admin.getByRole('status').getByText(/is revoked: requests with it are refused from now on/).waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await fetch(`${baseUrl}/engine-rest/process-definition`, { headers: { Authorization: basic(id, secret) } })).status).toBe(401);
    await capture(admin, 'tokens');
  });

  it('lets the platform administrator, who belongs to no organisation, choose the one to manage', async () => {
    const platform = await newPage();
    await signInWithForm(platform, baseUrl, 'platform.admin', '/admin/people');
    await platform.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await platform.getByLabel('Organisation id').fill('cmg');
    await platform.getByRole('button', { name: 'Manage this organisation' }).click();
    const table = platform.getByRole('table');
    await table.getByRole('link', { name: 'CMG caseworker' }).waitFor();
    expect(await table.textContent()).not.toMatch(/tc\.|platform\.admin/);
    await platform.getByRole('button', { name: 'Choose another organisation' }).click();
    await platform.getByLabel('Organisation id').fill('tai-calon');
    await platform.getByRole('button', { name: 'Manage this organisation' }).click();
    await table.getByRole('link', { name: NEWCOMER.name }).waitFor();
    expect(await table.textContent()).not.toContain('cmg.');
  });

  it('gives staff no Administration and tells them so at /admin', async () => {
    const staff = await newPage();
    await signInWithForm(staff, baseUrl, 'tc.cho', '/inbox');
    expect(await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await staff.goto(`${baseUrl}/admin`);
    await staff.getByRole('heading', { level: 1, name: 'Administration is not available to you' }).waitFor();
    expect(staff.url()).toBe(`${baseUrl}/admin`);
    await staff.goto(`${baseUrl}/admin/tokens`);
    await staff.getByRole('heading', { level: 1, name: 'Administration is not available to you' }).waitFor();
    expect(await staff.textContent('main')).not.toContain('tai-calon-engine');
    expect(await staff.evaluate(async () => (await fetch('/api/admin/users')).status)).toBe(403);
    await capture(staff, 'not-allowed');
  });
});
