import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../server/engine';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { asOrganisationToken, signIn, type Agent } from '../support/auth';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * The staff inbox and the manager dashboard in real Chromium against the real server (built
 * designer, PostgreSQL, Redis, the server's Content-Security-Policy), with the real CMG and Tai
 * Calon procedures deployed:
 *   (a) a CMG caseworker starts an inbound call and answers "Not safe"; working the call through
 *       to "consent refused" puts the team leader's decision in the team leader's open inbox,
 *       live, without a reload;
 *   (b) a Tai Calon officer misses the 1-working-day safe contact (the test moves the clock and
 *       executes the timer job): the Housing Manager sees it overdue on the dashboard and on the
 *       process's heat map, and opens the case;
 *   (c) a manager of another organisation sees none of it.
 * Every page passes axe-core without serious or critical findings. Screenshots at 1280×720 go to
 * artifacts/inbox/.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts/inbox');
const DESKTOP = { width: 1280, height: 720 };
const TABLET = { width: 768, height: 1024 };
/** How long a live update may take to show (server-sent event → re-fetch → render). */
const LIVE_MS = 15_000;

const CMG_PROCESS = 'cmg_da_call_handling';
const TC_PROCESS = 'tai_calon_da_disclosure';

/** A screenshot at the desktop size and an axe check, then the same at tablet size. */
async function capture(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true });
  expect(await seriousViolations(page, ARTIFACTS, name)).toEqual([]);
  await page.setViewportSize(TABLET);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-tablet.png`), fullPage: true });
  expect(await seriousViolations(page, ARTIFACTS, `${name}-tablet`)).toEqual([]);
  const overflow = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
  expect([name, overflow]).toEqual([name, 0]);
  await page.setViewportSize(DESKTOP);
}

/** The rows of the inbox table, as "task name | case reference" pairs. */
async function inboxRows(page: Page): Promise<string[]> {
  const rows = await page.locator('#inbox-panel tbody tr').all();
  return Promise.all(rows.map(async (row) => `${(await row.locator('.task-link').textContent())?.trim()} | ${(await row.locator('td').nth(1).textContent())?.trim()}`));
}

interface ApiTask {
  id: string;
  taskKey: string;
  caseId: string;
  name: string;
  assignee: string | null;
}

describe('staff inbox and manager dashboard (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const clock = new ManualClock(new Date());
  const contexts: BrowserContext[] = [];
  const policyViolations: string[] = [];
  const pageErrors: string[] = [];

  /** A fresh browser profile whose page reports CSP violations and script errors. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  /** Signs in with the form and lands on `path`. */
  async function signedIn(username: string, path: string): Promise<Page> {
    const page = await newPage();
    await signInWithForm(page, baseUrl, username, path);
    return page;
  }

  /** An open task of a case as the person's inbox (team view) lists it, through the API. */
  async function taskOf(agent: Agent, caseId: string, taskKey: string): Promise<ApiTask> {
    for (const view of ['mine', 'team']) {
      const response = await agent.get('/api/inbox').query({ view, maxResults: 200 });
      expect(response.status).toBe(200);
      const found = (response.body.tasks as ApiTask[]).find((task) => task.caseId === caseId && task.taskKey === taskKey);
      if (found) return found;
    }
    throw new Error(`No open task ${taskKey} of case ${caseId} in the inbox`);
  }

  /** Claims and completes a task through the same API the task page uses; returns the case's next tasks. */
  async function completeByApi(agent: Agent, caseId: string, taskKey: string, values: Record<string, unknown>): Promise<ApiTask[]> {
    const task = await taskOf(agent, caseId, taskKey);
    if (task.assignee === null) expect((await agent.post(`/api/inbox/${task.id}/claim`)).status).toBe(204);
    const response = await agent.post(`/api/tasks/${task.id}/complete`).send({ values });
    if (response.status !== 200) throw new Error(`complete ${taskKey}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.nextTasks;
  }

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true, clock });
    baseUrl = t.baseUrl!;
    // The clock is manual: deadlines pass only when a test executes their timer job.
    await t.host.scheduler.queue.pause();
    for (const organisation of readProcessDirectory(PROCESSES_DIR).filter((o) => o.tenantId === 'cmg' || o.tenantId === 'tai-calon')) {
      await t.engine.deploy({ name: organisation.tenantId, tenantId: organisation.tenantId, resources: organisation.resources });
    }
    browser = await launchChromium();
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

  let cmgCaseId: string;

  it('(a) a CMG caseworker takes an inbound call from someone who is not safe; the team leader\'s decision appears live in the team leader\'s inbox', async () => {
    // The team leader has their team's inbox open.
    const leader = await signedIn('cmg.teamleader', '/inbox');
    await leader.getByRole('tab', { name: /My teams/ }).click();
    await leader.getByText('Your teams have no open tasks.').waitFor();
    await leader.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));

    // The caseworker starts a call from their inbox.
    const worker = await signedIn('cmg.caseworker', '/inbox');
    await worker.getByRole('heading', { name: 'Inbox' }).waitFor();
    await worker.locator('summary', { hasText: 'Start a new case' }).click();
    await worker.getByRole('link', { name: /^Start: CMG: a customer talks about domestic abuse/ }).click();
    await worker.waitForURL(`${baseUrl}/inbox/start/${CMG_PROCESS}`);
    await worker.getByRole('heading', { name: /^Start: CMG/ }).waitFor();
    await capture(worker, 'start-case');
    await worker.getByLabel('Reference (optional)').fill('CMG-CALL-0001');
    await worker.getByRole('button', { name: 'Start case' }).click();

    // The first question of the call: "Are you safe at the moment?"
    await worker.waitForURL(/\/tasks\/[^/]+$/);
    await worker.getByRole('heading', { name: 'Check to see if the customer is safe', level: 1 }).waitFor();
    await worker.getByText('Are you safe at the moment?').first().waitFor();
    expect(await worker.locator('aside').textContent()).toContain('CMG-CALL-0001');
    // The browser checks the form before anything is sent.
    await worker.getByRole('button', { name: 'Complete task' }).click();
    await worker.getByRole('alert').getByText(/There are \d+ problems with the form/).waitFor();
    await worker.getByLabel('Not safe', { exact: true }).check();
    await worker.getByLabel('Office-based', { exact: true }).check();
    await worker.getByLabel('Standard', { exact: true }).check();
    await worker.getByLabel('Inbound call', { exact: true }).check();
    await capture(worker, 'task');
    await worker.getByRole('button', { name: 'Complete task' }).click();

    // Back in the inbox: where the case went next.
    await worker.waitForURL(`${baseUrl}/inbox`);
    const notice = worker.locator('.notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Task “Check to see if the customer is safe” completed\.\s+Sent to: Caseworker \(next step: “Take the statement seriously”\)/);
    await notice.getByRole('link', { name: 'Open it now' }).waitFor();
    // Nothing claimed yet: "My tasks" is empty; the next step waits in "My teams".
    await worker.getByText('You have no tasks.', { exact: false }).waitFor();

    // The call goes on (steps 2–6, through the same API the task page uses).
    const caseworker = await signIn(t, 'cmg.caseworker');
    const teamTasks = (await caseworker.get('/api/inbox').query({ view: 'team' })).body.tasks as (ApiTask & { businessKey: string })[];
    cmgCaseId = teamTasks.find((task) => task.taskKey === 'take_statement_seriously' && task.businessKey === 'CMG-CALL-0001')!.caseId;
    await completeByApi(caseworker, cmgCaseId, 'take_statement_seriously', { fullAttentionGiven: true });
    await completeByApi(caseworker, cmgCaseId, 'summon_help_office', {
      helpSummonedBy: 'Raising an arm', customerPutOnHold: 'no – used mute', supportingColleagueName: 'Tom', supportingColleagueRole: 'Team leader on my workgroup',
    });
    await completeByApi(caseworker, cmgCaseId, 'gather_risk_information', {
      whereAreYou: 'At home', whyImmediateDanger: 'My ex says he is on his way', childrenWithYou: 'no', whoThreatened: 'Ex-partner', whatThreatened: 'To come round',
      intendToGoAnywhere: 'No', customerLocation: 'address on file', immediateDangerOrRiskOfAttack: 'yes', abuserWithOrOnRoute: 'yes',
    });
    await completeByApi(caseworker, cmgCaseId, 'ask_customer_to_phone_999', { customerWillPhone999: 'Customer is unable or unwilling', reassuredAboutCmConversation: true });

    // The caseworker claims the consent question from the team list with the keyboard (j, c).
    await worker.getByRole('tab', { name: /My teams/ }).click();
    await worker.getByRole('link', { name: 'Ask whether they want you to phone on their behalf' }).waitFor({ timeout: LIVE_MS });
    await worker.keyboard.press('?');
    await worker.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await seriousViolations(worker, ARTIFACTS, 'inbox-shortcuts')).toEqual([]);
    await worker.keyboard.press('Escape');
    const rows = await inboxRows(worker);
    const index = rows.findIndex((row) => row.startsWith('Ask whether they want you to phone on their behalf'));
    for (let i = 0; i <= index; i++) await worker.keyboard.press('j');
    expect(await worker.locator('.task-link:focus').textContent()).toBe('Ask whether they want you to phone on their behalf');
    await worker.keyboard.press('c');
    await worker.getByRole('status').getByText('You claimed “Ask whether they want you to phone on their behalf”.').waitFor();
    await worker.getByRole('tab', { name: /My tasks/ }).click();
    await worker.getByRole('link', { name: 'Ask whether they want you to phone on their behalf' }).click();
    await worker.getByRole('heading', { name: 'Ask whether they want you to phone on their behalf', level: 1 }).waitFor();
    expect(await worker.getByText('Claimed by you.').count()).toBe(1);
    await worker.getByLabel('Refused', { exact: true }).check();
    await worker.getByRole('button', { name: 'Complete task' }).click();
    await worker.waitForURL(`${baseUrl}/inbox`);
    expect(await worker.locator('.notice').textContent()).toContain('Sent to: Team leader (next step: “Team leader or deputy manager decides”)');

    // The team leader's open inbox shows the decision without a reload, and says so politely.
    await leader.getByRole('link', { name: 'Team leader or deputy manager decides' }).waitFor({ timeout: LIVE_MS });
    await leader.getByRole('status').getByText(/New task: Team leader or deputy manager decides/).waitFor({ timeout: LIVE_MS });
    expect(await leader.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await inboxRows(leader)).toEqual(['Team leader or deputy manager decides | CMG-CALL-0001']);
    expect(await leader.getByRole('tab', { name: /My teams/ }).textContent()).toMatch(/My teams\s*1/);
    await capture(leader, 'inbox-live');
  });

  let tcLateCase: string;

  it('(b) a missed Tai Calon safe contact shows as overdue on the Housing Manager\'s dashboard and heat map', async () => {
    const engineToken = asOrganisationToken(t, 'tai-calon');
    const cho = await signIn(t, 'tc.cho');
    const disclose = async (businessKey: string): Promise<string> => {
      const sent = await engineToken.post('/engine-rest/message').send({ messageName: 'tc_direct_report_victim', tenantId: 'tai-calon', businessKey, resultEnabled: true });
      expect([200, 204]).toContain(sent.status);
      const tasks = (await cho.get('/api/inbox').query({ view: 'team', maxResults: 200 })).body.tasks as ApiTask[];
      return tasks.find((task) => task.taskKey === 'log_disclosure' && (task as unknown as { businessKey: string }).businessKey === businessKey)!.caseId;
    };
    const logAndAssess = async (caseId: string, victimName: string) => {
      await completeByApi(cho, caseId, 'log_disclosure', {
        disclosureRoute: 'Direct report from the victim', receivedAt: clock.now().toISOString(), receivedBy: 'Reception', victimName,
        victimAddress: '1 Example Terrace', victimStatus: 'Tenant', preferredContactArrangement: 'no preference', safeNumber: '07700 900123',
        safeToLeaveMessage: 'no', immediateDanger: 'no',
      });
      await completeByApi(cho, caseId, 'consider_risk_factors', { cohabitsWithPerpetrator: 'no', vulnerabilitiesOrBarriers: 'no', healthAndSafetyIssues: 'no', ongoingTenancyAction: 'no' });
    };

    // One disclosure contacted in time, one not.
    const onTime = await disclose('TC-2026-0041');
    await logAndAssess(onTime, 'A. Tenant');
    await completeByApi(cho, onTime, 'make_safe_telephone_contact', { contactAttemptAt: clock.now().toISOString(), contactOutcome: 'Safe contact made', attemptNotes: 'Spoke to the victim' });
    tcLateCase = await disclose('TC-2026-0042');
    await logAndAssess(tcLateCase, 'B. Tenant');

    // The working day passes without contact: the safe-contact deadline fires.
    const [timer] = (await t.http.get('/engine-rest/job').query({ processInstanceId: tcLateCase, activityId: 't_safe_contact_due' })).body as { id: string; dueDate: string }[];
    expect(timer).toBeDefined();
    clock.set(new Date(Date.parse(timer.dueDate) + 2 * 3_600_000));
    expect((await t.http.post(`/engine-rest/job/${timer.id}/execute`)).status).toBe(204);

    // The Housing Manager's dashboard: the overdue safe contact, by process, step and team.
    const manager = await signedIn('tc.manager', '/dashboard');
    await manager.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const byStep = manager.locator('sp-breakdown-table').filter({ has: manager.getByRole('heading', { name: 'By step' }) });
    const safeContactRow = byStep.getByRole('row', { name: /Make 'safe' telephone contact/ });
    await safeContactRow.waitFor();
    expect((await safeContactRow.locator('td').allTextContents()).map((cell) => cell.trim())).toEqual(['1', '1 overdue', 'Overdue by 2 h']);
    const byProcess = manager.locator('sp-breakdown-table').filter({ has: manager.getByRole('heading', { name: 'By process' }) });
    expect(await byProcess.textContent()).toContain('overdue');
    expect(await manager.getByRole('heading', { name: 'Deadlines met' }).count()).toBe(1);
    expect(await manager.getByRole('link', { name: 'Download the overdue list (CSV)' }).getAttribute('href')).toBe('/api/dashboard/overdue.csv');
    await capture(manager, 'dashboard');
    const csv = await manager.request.get(`${baseUrl}/api/dashboard/overdue.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('TC-2026-0042');

    // The heat map of the disclosure process: the step is overdue, in words, on the diagram.
    await byProcess.getByRole('link', { name: /Heat map/ }).first().click();
    await manager.waitForURL(`${baseUrl}/dashboard/heatmap/${TC_PROCESS}`);
    const badge = manager.getByRole('button', { name: /^Make 'safe' telephone contact: 1 active, 1 overdue/ });
    await badge.waitFor();
    expect(await badge.textContent()).toContain('1 overdue');
    expect(await manager.locator('.djs-element.sp-overdue[data-element-id="make_safe_telephone_contact"]').count()).toBe(1);
    await badge.click();
    const caseLink = manager.locator('.case-list').getByRole('link', { name: 'TC-2026-0042' });
    await caseLink.waitFor();
    expect(await manager.locator('.case-list').textContent()).toMatch(/Overdue by 2 h/);
    await capture(manager, 'heatmap');

    // The case itself: where it is, its timeline, the escalation, and hidden sensitive values.
    await caseLink.click();
    await manager.waitForURL(`${baseUrl}/cases/${tcLateCase}`);
    await manager.getByRole('heading', { name: 'Case TC-2026-0042', level: 1 }).waitFor();
    await manager.locator('.sp-here').first().waitFor();
    expect(await manager.locator('section').filter({ has: manager.getByRole('heading', { name: 'Where the case is now' }) }).textContent()).toContain("Make 'safe' telephone contact");
    expect(await manager.getByRole('table').filter({ hasText: 'Log the disclosure' }).count()).toBe(1);
    await manager.getByRole('heading', { name: 'Manager actions' }).waitFor();
    await capture(manager, 'case');

    // The manager gives the CHO more time, with a reason that the timeline keeps.
    const newDue = new Date(clock.now().getTime() + 3 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await manager.getByRole('button', { name: "Change due date… of Make 'safe' telephone contact" }).click();
    const dueDialog = manager.getByRole('dialog', { name: 'Change the due date' });
    await dueDialog.getByLabel('New due date and time').fill(`${newDue.getFullYear()}-${pad(newDue.getMonth() + 1)}-${pad(newDue.getDate())}T10:00`);
    await dueDialog.getByRole('button', { name: 'Change due date' }).click();
    await dueDialog.getByRole('alert').getByText('Give a reason: it is kept with the case.').waitFor();
    expect(await seriousViolations(manager, ARTIFACTS, 'case-change-due')).toEqual([]);
    await dueDialog.getByLabel('Reason').fill('CHO off sick; victim asked for a call next week');
    await dueDialog.getByRole('button', { name: 'Change due date' }).click();
    await manager.getByRole('status').getByText(/^Due date of “Make 'safe' telephone contact” changed to/).waitFor();
    const action = manager.getByRole('row', { name: /Due date changed/ });
    await action.waitFor();
    expect(await action.textContent()).toContain('Reason: CHO off sick; victim asked for a call next week');

    // The Housing Manager's own inbox has the escalation, overdue first.
    await manager.goto(`${baseUrl}/inbox`);
    await manager.getByRole('tab', { name: /All/ }).click();
    await manager.getByRole('link', { name: 'Safe telephone contact overdue', exact: true }).waitFor();
    const overdueRow = manager.locator('#inbox-panel tbody tr').first();
    expect(await overdueRow.textContent()).toMatch(/Overdue by 2 h/);
    await capture(manager, 'inbox');

    // Only what is overdue, then a task given to a colleague.
    await manager.getByLabel('Due').selectOption('overdue');
    await manager.waitForResponse((r) => r.url().includes('dueWithin=overdue'));
    await manager.locator('#inbox-panel tbody tr').first().waitFor();
    for (const row of await manager.locator('#inbox-panel tbody tr').all()) expect(await row.textContent()).toMatch(/Overdue by/);
    expect(await inboxRows(manager)).not.toContain("Make 'safe' telephone contact | TC-2026-0042");
    await manager.getByRole('button', { name: 'Clear filters' }).click();
    await manager.getByRole('button', { name: 'Assign… Safe telephone contact overdue' }).click();
    const assignDialog = manager.getByRole('dialog', { name: 'Assign to a colleague' });
    await assignDialog.getByLabel("Colleague's username").fill('tc.manager');
    await assignDialog.getByRole('button', { name: 'Assign' }).click();
    await manager.getByRole('status').getByText('“Safe telephone contact overdue” assigned to tc.manager.').waitFor();
    await manager.getByRole('tab', { name: /My tasks/ }).click();
    await manager.getByRole('link', { name: 'Safe telephone contact overdue', exact: true }).waitFor();
    expect(await manager.getByRole('tab', { name: /My tasks/ }).textContent()).toMatch(/My tasks\s*1/);
  });

  it('(c) a manager of another organisation sees none of Tai Calon\'s tasks or cases', async () => {
    const outsider = await signedIn('cmg.manager', '/dashboard');
    await outsider.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await outsider.locator('sp-breakdown-table').first().waitFor();
    const dashboard = (await outsider.locator('main').textContent()) ?? '';
    expect(dashboard).not.toMatch(/TC-2026|Tai Calon|safe' telephone/);
    expect(dashboard).toContain('Team leader or deputy manager decides');

    await outsider.goto(`${baseUrl}/inbox`);
    await outsider.getByRole('tab', { name: /All/ }).click();
    await outsider.getByRole('link', { name: 'Team leader or deputy manager decides' }).waitFor();
    expect((await inboxRows(outsider)).filter((row) => /TC-2026/.test(row))).toEqual([]);

    await outsider.goto(`${baseUrl}/cases/${tcLateCase}`);
    await outsider.getByRole('heading', { name: 'Case not found', level: 1 }).waitFor();
    expect(await outsider.locator('main').textContent()).not.toContain('TC-2026-0042');
    await capture(outsider, 'case-not-found');

    await outsider.goto(`${baseUrl}/dashboard/heatmap/${TC_PROCESS}`);
    await outsider.getByText('This process is not deployed for your organisation.').waitFor();
    expect(await outsider.locator('.djs-element').count()).toBe(0);

    // Their own organisation's case opens, with its position marked.
    await outsider.goto(`${baseUrl}/cases/${cmgCaseId}`);
    await outsider.getByRole('heading', { name: 'Case CMG-CALL-0001', level: 1 }).waitFor();
    await outsider.locator('.sp-here').first().waitFor();
  });
});
