import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * A training simulation walked through in real Chromium against the real server (built designer,
 * the server's Content-Security-Policy), with Tai Calon's procedures deployed: the trainer starts
 * a simulation of the disclosure process, reads the first step's guidance, completes its form,
 * moves the simulated clock one working day, sees the safe-contact escalation appear, and ends
 * the simulation. No live task exists at any point. Every page passes axe-core (outside the
 * diagram canvas) without serious or critical findings; screenshots go to artifacts/simulation/.
 */
jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts/simulation');
const DESKTOP = { width: 1280, height: 800 };
const PROCESS_NAME = 'Tai Calon: responding to a disclosure of domestic abuse';
const CANVAS = ['.sp-canvas'];

describe('training simulation walk-through (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const policyViolations: string[] = [];
  const pageErrors: string[] = [];

  /** Live tasks as the platform admin sees them through the Camunda-compatible API. */
  async function liveTasks(): Promise<unknown[]> {
    const response = await t.http.get('/engine-rest/task');
    expect(response.status).toBe(200);
    return response.body;
  }

  async function capture(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, name, CANVAS)).toEqual([]);
  }

  /** The simulated time shown in the banner. */
  async function simulatedTime(): Promise<string> {
    return ((await page.locator('.clock').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    await t.host.scheduler.queue.pause();
    const taiCalon = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === 'tai-calon');
    if (!taiCalon) throw new Error('processes/tai-calon is missing');
    await t.engine.deploy({ name: 'tai-calon', tenantId: 'tai-calon', resources: taiCalon.resources });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP });
    await serveAxe(context, baseUrl);
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(policyViolations.splice(0)).toEqual([]);
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('a trainer walks a Tai Calon disclosure through as a practice case, and nothing reaches the live engine', async () => {
    expect(await liveTasks()).toEqual([]);

    // Sign in; "Training" is in the main navigation.
    await signInWithForm(page, baseUrl, 'tc.trainer');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await page.waitForURL(`${baseUrl}/simulations`);
    await page.getByRole('heading', { name: 'Training simulations', level: 1 }).waitFor();
    await page.getByText('You have no simulations running.').waitFor();
    await capture('list');

    // Start a simulation of the disclosure process (its published version).
    await page.getByRole('button', { name: `Start a simulation of ${PROCESS_NAME}` }).click();
    await page.waitForURL(/\/simulations\/[^/]+$/);
    const simulationId = page.url().split('/').pop()!;
    await page.getByText('Training — not a real case').waitFor();
    await page.getByRole('heading', { name: 'Current step: Log the disclosure', level: 2 }).waitFor({ timeout: 15_000 }).catch(async () => {
      throw new Error(`first step heading missing: ${await page.locator('#step-heading').textContent()}`);
    });
    const startTime = await simulatedTime();
    expect(startTime).toMatch(/^Simulated time: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    expect(await page.locator('.guidance').textContent()).toContain('Disclosures of domestic abuse');
    await page.getByLabel("Victim's name").waitFor();
    // The diagram marks where the case is.
    await page.locator('.djs-element.sp-current').first().waitFor();
    expect(await page.locator('.djs-element.sp-current').getAttribute('data-element-id')).toBe('log_disclosure');
    await capture('first-step');
    expect(await liveTasks()).toEqual([]);

    // The browser checks the form like the live task page; then the answers are given.
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByRole('alert').getByText(/There are \d+ problems with the form/).waitFor();
    // Choices first: the text fields update the error summary a moment later, which moves the page.
    await page.getByLabel('Direct report from the victim', { exact: true }).check();
    await page.getByLabel('Tenant', { exact: true }).check();
    await page.locator('.fjs-form-field', { hasText: 'Safe to leave a message?' }).getByLabel('no', { exact: true }).check();
    await page.locator('.fjs-form-field', { hasText: 'Anyone in immediate danger now?' }).getByLabel('no', { exact: true }).check();
    await page.getByLabel('Received by').fill('Reception');
    await page.getByLabel("Victim's name").fill('A. Trainee Victim');
    await page.getByLabel("Victim's address (decides the CHO patch)").fill('1 Example Terrace');
    await page.getByLabel(/How and when the person making the disclosure prefers contact/).fill('no preference');
    await page.getByLabel(/Safe telephone number for the victim/).fill('07700 900123');
    const received = page.getByRole('group', { name: /Form/ }).locator('.fjs-form-field-datetime').first();
    await received.getByLabel('Date').fill('11/24/2026');
    await received.getByLabel('Date').press('Tab');
    await received.getByLabel('Time').fill('09:00');
    await received.getByLabel('Time').press('Tab');
    await page.getByRole('heading', { name: 'Record what happened' }).click();
    // Every problem fixed: the summary goes.
    await page.locator('.summary').waitFor({ state: 'detached', timeout: 5_000 }).catch(async () => {
      throw new Error(`The form still has problems: ${await page.locator('.summary').textContent()}`);
    });
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByRole('status').getByText(/“Log the disclosure” completed\./).waitFor();
    await page.getByText('2 steps are open. Work on:').waitFor();
    await page.getByRole('heading', { name: 'Pending deadlines' }).waitFor();
    expect(await page.locator('.deadlines').textContent()).toContain('safe');
    expect(await liveTasks()).toEqual([]);

    // One working day later the safe-contact deadline has passed: the escalation appears.
    await page.getByRole('button', { name: 'Advance 1 working day' }).click();
    await page.locator('.fired li').first().waitFor();
    const fired = (await page.locator('.fired').textContent()) ?? '';
    expect(fired).toMatch(/Deadline passed: .*→ .*Safe telephone contact overdue for Housing manager/);
    const laterTime = await simulatedTime();
    expect(laterTime).not.toBe(startTime);
    await page.getByRole('button', { name: /Safe telephone contact overdue/ }).click();
    await page.getByRole('heading', { name: 'Current step: Safe telephone contact overdue', level: 2 }).waitFor();
    await capture('escalation');
    expect(await liveTasks()).toEqual([]);

    // Keyboard: the clock buttons are reachable and work from the keyboard.
    await page.getByRole('button', { name: 'Advance 1 hour' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(/Simulated time is now/).waitFor();

    // End: back to the list, the simulation is gone.
    await page.getByRole('button', { name: 'End simulation' }).click();
    await page.waitForURL(`${baseUrl}/simulations`);
    await page.getByText('You have no simulations running.').waitFor();
    const gone = await page.evaluate(async (id) => (await fetch(`/api/simulations/${id}`)).status, simulationId);
    expect(gone).toBe(404);
    expect(await liveTasks()).toEqual([]);
  });
});
