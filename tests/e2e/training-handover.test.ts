import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * A trainer hands a step to a trainee signed in on their own screen (real Chromium, two browser
 * sessions, the real server with Tai Calon's procedures): the trainer replays S05's first step,
 * invites the Community Housing Officer and hands them "Things to consider – assessing risk"; the trainee's
 * Training page lists the simulation, their walk-through shows that one step as a form and
 * nothing of the trainer's controls; they complete it, and the trainer's page shows it done
 * without a reload. Screenshots and axe findings go to artifacts/training/.
 */
jest.setTimeout(180_000);

const ARTIFACTS = join(__dirname, '../../artifacts/training');
const DESKTOP = { width: 1280, height: 800 };
const CANVAS = ['.sp-canvas'];
const TRAINEE_NAME = 'Community Housing Officer';
const STEP = 'Things to consider – assessing risk';

describe('handing a training step to a trainee on their own screen (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    await serveAxe(context, t.baseUrl!);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) pageErrors.push(`${username}: ${message.text()}`);
    });
    await signInWithForm(page, t.baseUrl!, username, '/simulations');
    await page.getByRole('heading', { name: 'Training simulations', level: 1 }).waitFor();
    return page;
  }

  async function capture(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    expect(await seriousViolations(page, ARTIFACTS, name, CANVAS)).toEqual([]);
  }

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    await t.host.scheduler.queue.pause();
    const taiCalon = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === 'tai-calon')!;
    await t.engine.deploy({ name: 'tai-calon', tenantId: 'tai-calon', resources: taiCalon.resources });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('the trainee completes the step handed to them and the trainer sees it done', async () => {
    const trainer = await signedIn('tc.trainer');
    await trainer.locator('[data-testid="scenario-row"][data-key="S05"]').getByRole('button', { name: /^Replay S05/ }).click();
    await trainer.waitForURL(/\/simulations\/[^/]+$/);
    const simulationId = trainer.url().split('/').pop()!;
    await trainer.getByRole('button', { name: 'Play next step' }).click();
    await trainer.getByRole('status').getByText(/Step 1 played/).waitFor();

    // Invite the CHO and hand them one of the two open steps.
    await trainer.getByLabel('Invite a colleague').selectOption({ label: TRAINEE_NAME });
    await trainer.getByRole('button', { name: 'Invite', exact: true }).click();
    await trainer.getByTestId('participants').getByText(TRAINEE_NAME).waitFor();
    const handing = trainer.locator('[data-testid="hand-step"][data-task-key="consider_risk_factors"]');
    await handing.getByLabel(`Hand “${STEP}” to`).selectOption({ label: TRAINEE_NAME });
    await handing.getByRole('button', { name: 'Hand to' }).click();
    await handing.getByText(`Handed to ${TRAINEE_NAME}.`).waitFor();
    await capture(trainer, 'handover-trainer');

    // The trainee's own screen: the simulation is listed as one they take part in.
    const trainee = await signedIn('tc.cho');
    const item = trainee.locator('[data-testid="simulation-item"][data-role="participant"]');
    await item.waitFor();
    expect(await trainee.locator('[data-testid="simulation-item"]').count()).toBe(1);
    await item.getByRole('link', { name: /^Resume simulation of/ }).click();
    await trainee.waitForURL(`${t.baseUrl}/simulations/${simulationId}`);
    await trainee.getByRole('heading', { name: `Current step: ${STEP}`, level: 2 }).waitFor();
    // The diagram and the procedure's names load for the trainee too.
    await trainee.getByRole('heading', { name: 'Simulation: Tai Calon: responding to a disclosure of domestic abuse', level: 1 }).waitFor();
    await trainee.locator('.djs-element.sp-current[data-element-id="consider_risk_factors"]').waitFor();
    // Only the handed step is theirs; the trainer's step, clock and replay stay with the trainer.
    await trainee.locator('[data-testid="handed-step"][data-task-key="add_case_to_react"]').getByText('With Tai Calon trainer').waitFor();
    expect(await trainee.getByRole('button', { name: 'Advance 1 working day' }).count()).toBe(0);
    expect(await trainee.getByRole('button', { name: 'Play next step' }).count()).toBe(0);
    expect(await trainee.getByRole('button', { name: 'End simulation' }).count()).toBe(0);
    await capture(trainee, 'handover-trainee');

    for (const question of ['co-habit with the perpetrator', 'Vulnerabilities and/or communication', 'Health and safety issues', 'Ongoing action on a separate breach']) {
      await trainee.locator('.fjs-form-field-radio', { hasText: new RegExp(question, 'i') }).getByLabel('no', { exact: true }).check();
    }
    await trainee.getByRole('button', { name: 'Complete', exact: true }).click();
    await trainee.getByRole('status').getByText(`“${STEP}” completed.`, { exact: false }).first().waitFor();

    // The trainer's page updates by itself: the step is done, by the trainee.
    await handing.waitFor({ state: 'detached', timeout: 15_000 });
    const state = (await trainer.evaluate(async (id) => (await fetch(`/api/simulations/${id}`)).json(), simulationId)) as { log: { kind: string; taskKey?: string; by: { name: string } }[] };
    expect(state.log.map((s) => [s.taskKey ?? s.kind, s.by.name])).toEqual([
      ['log_disclosure', 'Tai Calon trainer'],
      ['consider_risk_factors', TRAINEE_NAME],
    ]);
    await capture(trainer, 'handover-trainer-after');
  });
});
