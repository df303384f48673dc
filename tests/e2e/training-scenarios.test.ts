import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import type { ScenarioDefinition } from '../../server/src/simulation/scenario';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * Training with shipped scenarios, in real Chromium against the real server (built designer, the
 * server's Content-Security-Policy), with CMG's and Tai Calon's procedures deployed:
 * - a CMG trainer replays S01 ("not safe, refuses consent") step by step and then to its end,
 *   reading at each point which branch the case took and why, the diagram following the case;
 * - a Tai Calon trainee practises S05 (the missed safe contact) through the real forms, the story
 *   unfolding up to each decision, gives one answer the scenario does not, lets the safe-contact
 *   deadline pass, finishes, and reads the comparison; their trainer then finds the same result
 *   under Results, with the trainee named instead of "your".
 * No live task exists at any point. Every page passes axe-core (outside the diagram canvas)
 * without serious or critical findings; screenshots go to artifacts/training/.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');
const ARTIFACTS = join(ROOT, 'artifacts/training');
const DESKTOP = { width: 1280, height: 800 };
const CANVAS = ['.sp-canvas'];
/** The S05 steps the trainee does exactly as the scenario: ReACT, the risk factors, the missed call. */
const MATCHED = 3;

/** A shipped scenario of an organisation, read from its file as the server reads it. */
function shippedScenario(organisation: string, key: string): ScenarioDefinition {
  const dir = join(PROCESSES_DIR, organisation, 'scenarios');
  const file = readdirSync(dir).find((name) => name.startsWith(`${key}-`) && name.endsWith('.scenario.json'));
  if (!file) throw new Error(`processes/${organisation}/scenarios has no ${key} scenario`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScenarioDefinition;
}

/** How the web app names a scenario (see scenarioLabel in simulation-api.ts): "S01 — CMG: …". */
function labelOf(scenario: ScenarioDefinition): string {
  return scenario.name.startsWith(scenario.key) ? scenario.name : `${scenario.key} — ${scenario.name}`;
}

/** The text of an element with its white space collapsed. */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** What GET /api/simulations/:id answers the signed-in user of `page`. */
interface SimulationJson {
  ended: boolean;
  path: string[];
  position: string[];
  tasks: { taskKey: string }[];
  log: { kind: string; taskKey?: string }[];
  explanation: { decisions: { gatewayId: string; flowName: string | null; targetId: string; condition: string | null }[] };
}

async function simulationAs(page: Page, id: string): Promise<SimulationJson> {
  const answer = await page.evaluate(async (simulationId) => {
    const response = await fetch(`/api/simulations/${simulationId}`);
    return { status: response.status, body: await response.json() };
  }, id);
  expect(answer.status).toBe(200);
  return answer.body as SimulationJson;
}

/** The scenario's answers for its first completion of `taskKey`. */
function answersFor(scenario: ScenarioDefinition, taskKey: string): Record<string, unknown> {
  const step = scenario.steps.find((s) => s.kind === 'complete' && s.taskKey === taskKey);
  if (step?.kind !== 'complete') throw new Error(`${scenario.key} does not complete ${taskKey}`);
  return step.values;
}

/** Picks `answer` for the radio question `question` of the form on the page. */
async function choose(page: Page, question: string, answer: unknown): Promise<void> {
  await page.locator('.fjs-form-field-radio', { hasText: question }).getByLabel(String(answer), { exact: true }).check();
}

/** Types an ISO instant, as someone in the UK reads it, into the date and time fields of `question`. */
async function enterDateTime(page: Page, question: string, iso: unknown): Promise<void> {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(String(iso)))
      .map((part) => [part.type, part.value]),
  );
  const date = page.getByLabel(`${question}: date`);
  await date.fill(`${parts.month}/${parts.day}/${parts.year}`);
  await date.press('Tab');
  const time = page.getByLabel(`${question}: time`);
  await time.fill(`${parts.hour}:${parts.minute}`);
  await time.press('Tab');
}

/** Whether the diagram element `id` is drawn wholly inside the visible part of the diagram. */
async function inView(page: Page, id: string): Promise<boolean> {
  const canvas = await page.locator('.sp-canvas').boundingBox();
  const element = await page.locator(`.djs-element[data-element-id="${id}"]`).boundingBox();
  if (!canvas || !element) return false;
  return element.x >= canvas.x && element.y >= canvas.y && element.x + element.width <= canvas.x + canvas.width && element.y + element.height <= canvas.y + canvas.height;
}

/** Completes the current step once the form has no problems left, and waits for Safepath to say so. */
async function completeStep(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Record what happened' }).click();
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await page.getByRole('status').getByText(`“${name}” completed.`, { exact: false }).first().waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(`“${name}” was not completed: ${await textOf(page.locator('.summary'))}`);
  });
}

/**
 * The comparison of the S05 practice, wherever it is shown: the score; the three steps done as the
 * scenario does them; the one different answer, the scenario's next to the trainee's; every other
 * step missed, with what the procedure says there.
 */
async function checkComparison(comparison: Locator, score: string, expected: unknown, given: unknown, total: number, whose: string): Promise<void> {
  expect(await textOf(comparison.getByTestId('comparison-score'))).toBe(score);
  const steps = comparison.getByTestId('comparison-step');
  expect(await steps.count()).toBe(total);
  const step = (status: string, taskKey: string) => comparison.locator(`[data-testid="comparison-step"][data-status="${status}"][data-task-key="${taskKey}"]`);
  for (const taskKey of ['add_case_to_react', 'consider_risk_factors', 'make_safe_telephone_contact']) {
    expect(await step('matched', taskKey).count()).toBe(1);
  }
  expect(await textOf(step('matched', 'add_case_to_react'))).toContain('Matched: done as the scenario does it');

  const different = comparison.locator('[data-testid="comparison-step"][data-status="different"]');
  expect(await different.count()).toBe(1);
  expect(await different.getAttribute('data-task-key')).toBe('log_disclosure');
  expect(await textOf(different)).toContain('Different: some answers differ from the scenario');
  expect(await different.getByTestId('comparison-difference').count()).toBe(1);
  const row = different.locator('[data-testid="comparison-difference"][data-field="safeToLeaveMessage"]');
  expect((await row.locator('th, td').allTextContents()).map((cell) => cell.trim())).toEqual(['Safe to leave a message?', String(expected), String(given)]);
  expect((await different.locator('thead th').allTextContents()).map((cell) => cell.trim())).toEqual(expect.arrayContaining([`${whose} answer`]));
  // The same moment reads the same, whether the scenario stored it as an instant or the form gave UK time.
  const received = different.getByRole('row', { name: /^Received at/ });
  expect((await received.locator('th, td').allTextContents()).map((cell) => cell.trim())).toEqual(['Received at', 'Fri 22 May 2026, 16:30', 'Fri 22 May 2026, 16:30']);

  const missed = comparison.locator('[data-testid="comparison-step"][data-status="missed"]');
  expect(await missed.count()).toBe(total - 4);
  expect(await step('missed', 'make_safe_telephone_contact').count()).toBe(1);
  const escalation = step('missed', 'escalate_safe_contact_overdue');
  expect(await textOf(escalation)).toContain('Missed: the scenario does this step, the attempt did not');
  const procedure = escalation.locator('details.guidance');
  expect(await procedure.getAttribute('open')).not.toBeNull();
  expect(await textOf(procedure)).toContain('What the procedure says here');
  expect(await textOf(procedure)).toContain('within 1 working day or as otherwise preferred by the person making the disclosure');
}

describe('training with shipped scenarios (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const policyViolations: string[] = [];
  const pageErrors: string[] = [];

  /** Live tasks as the platform admin sees them through the Camunda-compatible API. */
  async function liveTasks(): Promise<unknown[]> {
    const response = await t.http.get('/engine-rest/task');
    expect(response.status).toBe(200);
    return response.body;
  }

  /** A fresh browser (own cookies) whose page reports CSP violations and script errors. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, timezoneId: 'Europe/London' });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  async function capture(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, name, CANVAS)).toEqual([]);
  }

  /** Signs in and opens Training from the main navigation. */
  async function openTraining(page: Page, username: string): Promise<void> {
    await signInWithForm(page, baseUrl, username);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Training' }).click();
    await page.waitForURL(`${baseUrl}/simulations`);
    await page.getByRole('heading', { name: 'Training simulations', level: 1 }).waitFor();
  }

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    await t.host.scheduler.queue.pause();
    const organisations = readProcessDirectory(PROCESSES_DIR);
    for (const tenantId of ['cmg', 'tai-calon']) {
      const organisation = organisations.find((o) => o.tenantId === tenantId);
      if (!organisation) throw new Error(`processes/${tenantId} is missing`);
      await t.engine.deploy({ name: tenantId, tenantId, resources: organisation.resources });
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

  it("a trainer runs the CMG 'not safe, refuses consent' scenario to its end", async () => {
    const s01 = shippedScenario('cmg', 'S01');
    const label = labelOf(s01);
    const stepCount = s01.steps.length;
    expect(await liveTasks()).toEqual([]);

    // The trainer finds S01 among the organisation's scenarios and replays it.
    const page = await newPage();
    await openTraining(page, 'cmg.trainer');
    const row = page.locator('[data-testid="scenario-row"][data-key="S01"]');
    await row.waitFor();
    expect(await textOf(row)).toContain(label);
    expect(await textOf(row)).toContain('Shipped');
    await row.getByRole('button', { name: `Replay ${label}` }).click();
    await page.waitForURL(/\/simulations\/[^/]+$/);
    const simulationId = page.url().split('/').pop()!;

    // The walk-through says it replays S01, at the scenario's start time, and what step 1 will do.
    await page.getByText('Training — not a real case').waitFor();
    const mode = page.getByTestId('simulation-mode');
    await mode.waitFor();
    expect(await mode.getAttribute('data-mode')).toBe('replay');
    expect(await textOf(mode)).toBe(`Replaying “${label}”: step 1 of ${stepCount} next`);
    expect(await textOf(page.getByTestId('simulated-time'))).toBe('Tue 9 Jun 2026, 10:00');
    const next = page.getByTestId('replay-next-step');
    expect(await textOf(next)).toContain(`Next: step 1 of ${stepCount}`);
    expect(await textOf(next)).toContain(s01.steps[0].note!);
    expect(await textOf(next)).toContain('“Check to see if the customer is safe” is completed with these answers:');
    expect(await textOf(next.locator('dl'))).toContain('Not safe');
    await page.getByRole('heading', { name: 'Current step: Check to see if the customer is safe', level: 2 }).waitFor();
    expect(await liveTasks()).toEqual([]);

    // Play the first step: the safety question is answered "Not safe" and the case takes Section A.
    await page.getByRole('button', { name: 'Play next step' }).click();
    await page.getByRole('status').getByText('Step 1 played: “Check to see if the customer is safe” completed.', { exact: true }).first().waitFor();
    expect(await textOf(mode)).toBe(`Replaying “${label}”: step 2 of ${stepCount} next`);
    expect(await textOf(next)).toContain(`Next: step 2 of ${stepCount}`);
    const afterFirst = await simulationAs(page, simulationId);
    expect(afterFirst.log.map((step) => step.taskKey)).toEqual(['ask_are_you_safe']);
    expect(afterFirst.tasks.map((task) => task.taskKey)).toEqual(['take_statement_seriously']);

    const why = page.getByRole('region', { name: 'What happens next and why' });
    const decisions = why.getByTestId('explanation-decisions');
    await decisions.waitFor();
    expect(await decisions.locator('li').count()).toBe(1);
    const firstDecision = await textOf(decisions.locator('li').first());
    expect(firstDecision).toContain('At ‘Which section?’ the path went ‘Not safe or no answer (Section A)’ because');
    expect(firstDecision).toContain('areYouSafe = "Not safe" or areYouSafe = "No answer / cannot respond"');
    expect(firstDecision).toContain('(areYouSafe = "Not safe")');
    expect(await textOf(why.getByTestId('explanation-next').first())).toContain('After ‘Take the statement seriously’');
    await page.locator('.djs-element.sp-current[data-element-id="take_statement_seriously"]').waitFor();
    // The diagram follows the case to where it is now.
    expect(await inView(page, 'take_statement_seriously')).toBe(true);
    await capture(page, 'replay-first-step');
    expect(await liveTasks()).toEqual([]);

    // Play the rest: the case reaches its end by the path S01 promises.
    await page.getByRole('button', { name: 'Play to the end' }).click();
    await page.getByRole('status').getByText(`Steps 2 to ${stepCount} played.`, { exact: false }).first().waitFor();
    expect(await textOf(mode)).toBe(`Replaying “${label}”: all ${stepCount} steps played`);
    expect(await textOf(next)).toBe(`Every step of the scenario has been played (${stepCount} of ${stepCount}).`);
    await page.getByRole('heading', { name: 'The case has reached its end', level: 2 }).waitFor();
    await page.getByText('Now at: nowhere (the case has ended).').waitFor();
    await page.locator('.djs-element.sp-path[data-element-id="end_section_a_complete"]').waitFor({ state: 'attached' });
    expect(await textOf(why)).toContain('Nothing: the case has ended.');
    const allDecisions = await decisions.locator('li').allTextContents();
    expect(allDecisions.map((d) => d.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining([
        expect.stringContaining('At ‘Consent given?’ the path went ‘Refused or no response’'),
        expect.stringContaining('At ‘Call?’ the path went ‘Call the emergency services’ because'),
      ]),
    );
    const ended = await simulationAs(page, simulationId);
    expect(ended.ended).toBe(true);
    expect(ended.path).toEqual(expect.arrayContaining(['team_leader_decides_emergency_call', 'end_section_a_complete']));
    expect(ended.log).toHaveLength(stepCount);
    expect(ended.explanation.decisions).toContainEqual(
      expect.objectContaining({ gatewayId: 'g_tl_decision', flowName: 'Call the emergency services' }),
    );
    await capture(page, 'replay-ended');
    expect(await liveTasks()).toEqual([]);

    // End: the simulation is gone, and it left nothing in the live engine.
    await page.getByRole('button', { name: 'End simulation' }).click();
    await page.waitForURL(`${baseUrl}/simulations`);
    await page.getByText('You have no simulations running.').waitFor();
    const gone = await page.evaluate(async (id) => (await fetch(`/api/simulations/${id}`)).status, simulationId);
    expect(gone).toBe(404);
    expect(await liveTasks()).toEqual([]);
  });

  it('a trainee practises the Tai Calon missed-contact scenario and gets their comparison', async () => {
    const s05 = shippedScenario('tai-calon', 'S05');
    const label = labelOf(s05);
    const total = s05.steps.filter((step) => step.kind === 'complete').length;
    const percent = Math.round((100 * MATCHED) / total);
    const logged = answersFor(s05, 'log_disclosure');
    const react = answersFor(s05, 'add_case_to_react');
    const risks = answersFor(s05, 'consider_risk_factors');
    const contact = answersFor(s05, 'make_safe_telephone_contact');
    // The one answer the trainee gives differently: a choice that does not change the path.
    const differentAnswer = 'unknown';
    expect(logged.safeToLeaveMessage).not.toBe(differentAnswer);
    expect(contact.contactOutcome).toBe('Not reached');
    expect(await liveTasks()).toEqual([]);

    // The trainee sees S05 to practise, but no Replay (that is the trainer's).
    const page = await newPage();
    await openTraining(page, 'tc.cho');
    const row = page.locator('[data-testid="scenario-row"][data-key="S05"]');
    await row.waitFor();
    expect(await textOf(row)).toContain(label);
    expect(await page.getByRole('button', { name: /^Replay / }).count()).toBe(0);
    expect(await textOf(row.locator('td.steps'))).toBe(`${total} steps plus ${s05.steps.length - total} time jumps or messages`);
    await row.getByRole('button', { name: `Practise ${label}` }).click();
    await page.waitForURL(/\/simulations\/[^/]+$/);
    const simulationId = page.url().split('/').pop()!;

    // The story sets the scene; the clock is at the scenario's start.
    const mode = page.getByTestId('simulation-mode');
    await mode.waitFor();
    expect(await mode.getAttribute('data-mode')).toBe('practice');
    expect(await textOf(mode)).toBe(`Practising “${label}”`);
    expect(await textOf(page.getByTestId('story-summary'))).toBe(s05.summary);
    // The story unfolds: so far only what the first decision needs.
    await page.getByRole('heading', { name: 'The story so far', level: 3 }).waitFor();
    expect(await page.getByTestId('story-notes').locator('li').count()).toBe(1);
    expect(await textOf(page.getByTestId('story-now'))).toBe(`Now: ${s05.steps[0].note}`);
    expect(await textOf(page.getByTestId('simulated-time'))).toBe('Fri 22 May 2026, 16:30');
    expect(await page.getByRole('button', { name: 'Play next step' }).count()).toBe(0);

    // Step 1: log the disclosure as the story tells it, except "Safe to leave a message?".
    await page.getByRole('heading', { name: 'Current step: Log the disclosure', level: 2 }).waitFor();
    await page.getByLabel(String(logged.disclosureRoute), { exact: true }).check();
    await page.getByLabel(String(logged.victimStatus), { exact: true }).check();
    await choose(page, 'Safe to leave a message?', differentAnswer);
    await choose(page, 'Anyone in immediate danger now?', logged.immediateDanger);
    await enterDateTime(page, 'Received at', logged.receivedAt);
    await page.getByLabel('Received by').fill(String(logged.receivedBy));
    await page.getByLabel("Victim's name").fill(String(logged.victimName));
    await page.getByLabel("Victim's address (decides the CHO patch)").fill(String(logged.victimAddress));
    await page.getByLabel(/^Reporter's name, relationship, contact/).fill(String(logged.reporterDetails));
    await page.getByLabel(/How and when the person making the disclosure prefers contact/).fill(String(logged.preferredContactArrangement));
    await page.getByLabel(/Safe telephone number for the victim/).fill(String(logged.safeNumber));
    await completeStep(page, 'Log the disclosure');
    expect(await liveTasks()).toEqual([]);

    // Steps 2 and 3 are open together: ReACT first, then the risk factors.
    await page.getByText('2 steps are open. Work on:').waitFor();
    await page.getByRole('button', { name: /^Add the case to the ReACT database/ }).click();
    await page.getByRole('heading', { name: 'Current step: Add the case to the ReACT database', level: 2 }).waitFor();
    await page.getByLabel('ReACT reference').fill(String(react.reactReference));
    await enterDateTime(page, 'Added at', react.reactAddedAt);
    await completeStep(page, 'Add the case to the ReACT database');

    await page.getByRole('heading', { name: 'Current step: Things to consider – assessing risk', level: 2 }).waitFor();
    await choose(page, 'a) Does the victim co-habit with the perpetrator?', risks.cohabitsWithPerpetrator);
    await choose(page, 'b) Vulnerabilities and/or communication barriers?', risks.vulnerabilitiesOrBarriers);
    await choose(page, 'c) Health and safety issues relating to contact with the household?', risks.healthAndSafetyIssues);
    await choose(page, 'd) Ongoing action on a separate breach of tenancy', risks.ongoingTenancyAction);
    await page.getByLabel('Details of the tenancy action').fill(String(risks.ongoingTenancyActionDetails));
    await completeStep(page, 'Things to consider – assessing risk');

    // The safe telephone contact: nobody answers.
    await page.getByRole('heading', { name: "Current step: Make 'safe' telephone contact", level: 2 }).waitFor();
    await enterDateTime(page, 'Attempted at', contact.contactAttemptAt);
    await choose(page, 'Outcome', contact.contactOutcome);
    await page.getByLabel(/^Notes/).fill(String(contact.attemptNotes));
    await completeStep(page, "Make 'safe' telephone contact");
    await page.getByRole('heading', { name: 'No step waits for a person', level: 2 }).waitFor();
    expect(await liveTasks()).toEqual([]);

    // One working day later (Monday 25 May is a bank holiday) the safe-contact deadline has passed.
    await page.getByRole('button', { name: 'Advance 1 working day' }).click();
    await page.locator('.fired li').first().waitFor();
    const fired = await textOf(page.locator('.fired'));
    expect(fired).toMatch(/Deadline passed: .*Safe telephone contact overdue for Housing manager/);
    expect(await textOf(page.getByTestId('simulated-time'))).toBe('Tue 26 May 2026, 16:30');
    await page.getByRole('button', { name: /^Safe telephone contact overdue/ }).waitFor();
    const escalated = await simulationAs(page, simulationId);
    expect(escalated.tasks.map((task) => task.taskKey)).toEqual(expect.arrayContaining(['escalate_safe_contact_overdue']));
    expect(escalated.path).toContain('t_safe_contact_due');
    await capture(page, 'practice-escalated');
    expect(await liveTasks()).toEqual([]);

    // Finish and compare: three steps done as the scenario does them, one answer different, the rest missed.
    await page.getByRole('button', { name: 'Finish and compare' }).click();
    await page.getByRole('heading', { name: 'Your result', level: 2 }).waitFor();
    const score = `${MATCHED} of ${total} steps matched the scenario (${percent}%).`;
    const comparison = page.locator('sp-attempt-comparison');
    await checkComparison(comparison, score, logged.safeToLeaveMessage, differentAnswer, total, 'Your');
    expect(await textOf(mode)).toBe(`Practising “${label}” (finished)`);
    await page.getByRole('heading', { name: 'The whole story', level: 3 }).waitFor();
    expect(await page.getByTestId('story-notes').locator('li').count()).toBe(s05.steps.filter((step) => step.note).length);
    expect(await page.getByTestId('story-now').count()).toBe(0);
    await page.getByRole('status').getByText(`Your attempt is saved: ${MATCHED} of ${total} steps matched the scenario.`).first().waitFor();
    await capture(page, 'practice-result');
    expect(await liveTasks()).toEqual([]);

    // Ending the practice keeps the result.
    await page.getByRole('button', { name: 'End simulation' }).click();
    await page.waitForURL(`${baseUrl}/simulations`);
    const mine = page.locator('[data-testid="attempt-row"][data-scenario-key="S05"]');
    await mine.waitFor();
    expect(await textOf(mine)).toContain(`${MATCHED} of ${total} (${percent}%)`);

    // The trainer, in another browser, finds the trainee's attempt under the scenario's results.
    const trainer = await newPage();
    await openTraining(trainer, 'tc.trainer');
    await trainer.locator('[data-testid="scenario-row"][data-key="S05"]').getByRole('button', { name: `Results of ${label}` }).click();
    // The results below are now those of S05 (the list reloads for it).
    await trainer.locator('#results-scenario option[value="S05"]:checked').waitFor({ state: 'attached' });
    const attempt = trainer.locator('[data-testid="attempt-row"][data-scenario-key="S05"]', { hasText: 'Community Housing Officer' });
    await attempt.waitFor();
    expect(await trainer.locator('[data-testid="attempt-row"]').count()).toBe(1);
    expect(await textOf(attempt)).toContain(`${MATCHED} of ${total} (${percent}%)`);
    await capture(trainer, 'trainer-results');
    await attempt.getByRole('link', { name: /^View result: Community Housing Officer, / }).click();
    await trainer.waitForURL(/\/simulations\/attempts\/[^/]+$/);
    await trainer.getByRole('heading', { name: `Practice result: ${label}`, level: 1 }).waitFor();
    expect(await textOf(trainer.locator('.meta').first())).toMatch(/^Practice by Community Housing Officer, started .*, finished .*\.$/);
    await trainer.getByRole('heading', { name: 'Result of Community Housing Officer', level: 2 }).waitFor();
    const trainerView = trainer.locator('sp-attempt-comparison');
    await checkComparison(trainerView, score, logged.safeToLeaveMessage, differentAnswer, total, "Community Housing Officer's");
    expect(await textOf(trainerView)).not.toMatch(/Your answer|You went|your path/);
    await capture(trainer, 'trainer-attempt');
    expect(await liveTasks()).toEqual([]);
  });
});
