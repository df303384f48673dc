import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { asOrganisationToken } from '../support/auth';
import { launchChromium } from '../support/chromium';
import { PROCESSES_DIR } from '../support/scenario';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * The designer, in real Chromium against the real server (built app, real PostgreSQL, the
 * server's Content-Security-Policy). A policy lead of Tai Calon signs in, opens a process from
 * the library, renames a task, adds a user task into the flow with a role and a deadline of
 * 1 working day, sees the lint error for the missing escalation on the canvas, chooses an
 * escalation, and publishes version 2 with a comment. A case started before keeps running on
 * version 1; a case started afterwards runs on version 2. axe-core finds no serious or critical
 * problems outside the canvas. Screenshots go to artifacts/designer/.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');
/** Third-party drawing canvases, tested by their own projects, are left out of the axe checks. */
const EXCLUDE = ['.canvas'];
const ARTIFACTS = join(ROOT, 'artifacts/designer');
const TENANT = 'tai-calon';
/** A Tai Calon process with user tasks and a none start event (cases start over REST). */
const KEY = 'tai_calon_target_hardening';
const RENAMED_TASK = 'assess_repairs_security_need';
const NEW_NAME = 'Assess the need for urgent repairs or security measures';
/** The flow the new task is dropped on, splitting it: photograph the damage → merge. */
const FLOW = 'f_photograph_damage__gj_damage';
const ADDED_TASK = 'Check the property is secure';

describe('the designer (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The page of the running test, for a screenshot when it fails. */
  let current: Page | null = null;
  const policyViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    const taiCalon = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === TENANT)!;
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: taiCalon.resources });
    browser = await launchChromium();
  });
  afterEach(async () => {
    // The page as it was at the end (after a failure: as the person would have seen it).
    await current?.screenshot({ path: join(ARTIFACTS, 'last-state.png') }).catch(() => undefined);
    expect(policyViolations.splice(0)).toEqual([]);
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  /** A fresh browser profile, signed in with the sign-in form; reports CSP violations and page errors. */
  async function signedInPage(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    current = page;
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInWithForm(page, baseUrl, username);
    return page;
  }

  /** Starts a case over REST with the organisation's engine token; answers its id and definition version. */
  async function startCase(): Promise<{ id: string; definitionId: string; version: number }> {
    const token = asOrganisationToken(t, TENANT);
    const started = await token.post(`/engine-rest/process-definition/key/${KEY}/tenant-id/${TENANT}/start`).send({ variables: {} });
    expect(started.status).toBe(200);
    return { id: started.body.id, definitionId: started.body.definitionId, version: await versionOf(started.body.definitionId) };
  }

  async function versionOf(definitionId: string): Promise<number> {
    const definition = await asOrganisationToken(t, TENANT).get(`/engine-rest/process-definition/${definitionId}`);
    expect(definition.status).toBe(200);
    return definition.body.version;
  }

  /** The centre of an element of the diagram on the screen. */
  async function centre(locator: Locator): Promise<{ x: number; y: number }> {
    const box = (await locator.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  const shape = (page: Page, id: string) => page.locator(`.canvas [data-element-id="${id}"]`);
  const problemsList = (page: Page) => page.locator('sp-problems-panel');

  /** Selects a shape on the canvas (clicking a selected shape would deselect it). */
  async function select(element: Locator): Promise<void> {
    if (!/\bselected\b/.test((await element.getAttribute('class')) ?? '')) await element.click();
    await element.and(element.page().locator('.selected')).waitFor();
  }

  /** The problem summary once the check has answered, e.g. "No problems found." or "2 warnings.". */
  async function checked(page: Page): Promise<string> {
    const summary = problemsList(page).getByRole('status');
    await summary.filter({ hasNotText: 'Checking' }).waitFor();
    return (await summary.textContent())!.trim();
  }

  it('changes a process and publishes version 2, while a running case stays on version 1', async () => {
    // Given a case already running on version 1 of the process.
    const before = await startCase();
    expect(before.version).toBe(1);

    // When the policy lead signs in: the library lists the organisation's processes.
    const page = await signedInPage('tc.policy');
    await page.getByRole('heading', { name: 'Process library' }).waitFor();
    const row = page.locator('tbody tr', { has: page.locator(`code:text-is("${KEY}")`) });
    await row.waitFor();
    expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('1');
    expect(await page.getByRole('heading', { name: 'Import a BPMN file' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'library.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'library', EXCLUDE)).toEqual([]);

    // And opens the process in the editor (the modeler's code is loaded only now).
    await row.getByRole('link', { name: /^Edit / }).click();
    await page.waitForURL(`${baseUrl}/processes/${KEY}`);
    await shape(page, RENAMED_TASK).waitFor();
    const warningsOnly = /^(No problems found|\d+ warnings?)\.$/;
    expect(await checked(page)).toMatch(warningsOnly);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('target hardening');
    await page.screenshot({ path: join(ARTIFACTS, 'editor-opened.png') });
    expect(await seriousViolations(page, ARTIFACTS, 'editor', EXCLUDE)).toEqual([]);

    // It renames a task by typing on the canvas, and saves the draft with Ctrl+S.
    await shape(page, RENAMED_TASK).dblclick();
    const label = page.locator('.djs-direct-editing-parent');
    await label.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEW_NAME);
    await page.mouse.click((await centre(page.locator('.canvas'))).x, 30 + ((await page.locator('.canvas').boundingBox())!.y));
    await shape(page, RENAMED_TASK).filter({ hasText: 'urgent repairs' }).waitFor();
    await page.getByText('Unsaved changes').waitFor();
    // Leaving now asks first; staying keeps the change.
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Process library' }).click();
    expect(question).toMatch(/not saved/);
    expect(page.url()).toBe(`${baseUrl}/processes/${KEY}`);
    const saved = page.waitForResponse((r) => r.url() === `${baseUrl}/api/processes/${KEY}/draft` && r.request().method() === 'PUT');
    await page.keyboard.press('Control+S');
    expect((await saved).status()).toBe(200);
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });

    // The task's form is offered with a link to the form editor.
    await select(shape(page, RENAMED_TASK));
    expect(await page.locator('#bio-properties-panel-safepathForm').inputValue()).toBe('tc_assess_repairs_security_need');
    const formLink = page.locator('[data-entry-id="safepathForm"] a');
    expect(await formLink.getAttribute('href')).toMatch(new RegExp(`^/processes/${KEY}/forms/[^/]+$`));

    // It adds a task from the palette, dropping it on a sequence flow (which splits the flow),
    // names it and makes it a user task with the context pad.
    const flowMiddle = await centre(shape(page, FLOW));
    await page.locator('.djs-palette [data-action="create.task"]').click();
    await page.mouse.move(flowMiddle.x - 40, flowMiddle.y - 40, { steps: 5 });
    await page.mouse.move(flowMiddle.x, flowMiddle.y, { steps: 5 });
    await page.mouse.click(flowMiddle.x, flowMiddle.y);
    await label.waitFor();
    await page.keyboard.type(ADDED_TASK);
    await page.mouse.click((await centre(page.locator('.canvas'))).x, 30 + ((await page.locator('.canvas').boundingBox())!.y));
    const added = page.locator('.canvas .djs-shape', { hasText: ADDED_TASK });
    await added.waitFor();
    await select(added);
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    const addedId = await page.locator('.canvas .djs-shape', { hasText: ADDED_TASK }).getAttribute('data-element-id');
    expect(addedId).toBeTruthy();
    const addedTask = shape(page, addedId!);
    expect(await addedTask.locator('.djs-visual path').count()).toBeGreaterThan(0); // the user task's icon

    // In the Safepath properties: a role, and a deadline of 1 working day without escalation.
    await select(addedTask);
    await page.locator('#bio-properties-panel-safepathRole').selectOption('tc_cho');
    await page.locator('#bio-properties-panel-safepathDeadlineAmount').fill('1');
    await page.locator('#bio-properties-panel-safepathEscalation').waitFor();
    expect(await page.locator('#bio-properties-panel-safepathDeadlineUnit').inputValue()).toBe('days');
    expect(await page.locator('#bio-properties-panel-safepathEscalation').inputValue()).toBe('');

    // Then the check reports the missing escalation, on the canvas and in the list, and publishing is off.
    await addedTask.and(page.locator('.sp-problem-error')).waitFor();
    await problemsList(page).getByText(/no outgoing flow/).waitFor();
    expect(await page.getByRole('button', { name: 'Publish…' }).isDisabled()).toBe(true);
    expect(await page.locator('#publish-hint').textContent()).toMatch(/^Fix \d+ errors? to publish$/);
    await page.screenshot({ path: join(ARTIFACTS, 'lint-error.png') });

    // When it chooses who the escalation goes to: the error is gone.
    await page.locator('#bio-properties-panel-safepathEscalation').selectOption('tc_housing_manager');
    await page.locator('.canvas .djs-shape', { hasText: `${ADDED_TASK}: deadline passed` }).waitFor();
    await page.locator('.canvas .sp-problem-error').first().waitFor({ state: 'detached' });
    expect(await checked(page)).toMatch(warningsOnly);
    await page.screenshot({ path: join(ARTIFACTS, 'escalation-added.png') });
    expect(await seriousViolations(page, ARTIFACTS, 'editor-with-properties', EXCLUDE)).toEqual([]);

    // And publishes with a comment: version 2.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish version 2' });
    await dialog.waitFor();
    await dialog.getByLabel('What changed').fill('Check the property is secure after the damage is photographed, within 1 working day');
    await page.screenshot({ path: join(ARTIFACTS, 'publish-dialog.png') });
    expect(await seriousViolations(page, ARTIFACTS, 'publish-dialog', EXCLUDE)).toEqual([]);
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 2 is published.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'published.png') });

    // The diagram exports as BPMN and as a PNG image (drawn in the page: the CSP allows blob: images).
    const bpmnDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'BPMN' }).click();
    const bpmnFile = join(ARTIFACTS, `${KEY}.bpmn`);
    await (await bpmnDownload).saveAs(bpmnFile);
    expect(readFileSync(bpmnFile, 'utf8')).toContain(NEW_NAME);
    const pngDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PNG' }).click();
    const pngFile = join(ARTIFACTS, 'exported-diagram.png');
    await (await pngDownload).saveAs(pngFile);
    expect(readFileSync(pngFile).subarray(1, 4).toString('latin1')).toBe('PNG');

    // Play runs the token simulation (editing is paused meanwhile); pressing it again stops it.
    const play = page.getByRole('button', { name: 'Play' });
    await play.click();
    await page.getByRole('button', { name: 'Stop playing' }).and(page.locator('[aria-pressed=true]')).waitFor();
    await page.locator('.canvas .djs-palette.hidden').waitFor({ state: 'attached' });
    await page.screenshot({ path: join(ARTIFACTS, 'token-simulation.png') });
    await page.getByRole('button', { name: 'Stop playing' }).click();
    await play.and(page.locator('[aria-pressed=false]')).waitFor();

    // Then a new case runs on version 2 (with the new task), and the earlier case is still on version 1.
    const after = await startCase();
    expect(after.version).toBe(2);
    expect(after.definitionId).not.toBe(before.definitionId);
    const earlier = await asOrganisationToken(t, TENANT).get(`/engine-rest/process-instance/${before.id}`);
    expect(earlier.body.definitionId).toBe(before.definitionId);
    expect(await versionOf(earlier.body.definitionId)).toBe(1);
    const xml = await asOrganisationToken(t, TENANT).get(`/engine-rest/process-definition/${after.definitionId}/xml`);
    expect(xml.body.bpmn20Xml).toContain(NEW_NAME);
    expect(xml.body.bpmn20Xml).toContain(ADDED_TASK);
    // The added task sits in the flow it was dropped on: photograph the damage → new task → merge.
    expect(xml.body.bpmn20Xml).toMatch(new RegExp(`<bpmn:sequenceFlow id="${FLOW}" sourceRef="photograph_damage" targetRef="${addedId}"`));
    expect(xml.body.bpmn20Xml).toMatch(new RegExp(`<bpmn:sequenceFlow id="[^"]+" sourceRef="${addedId}" targetRef="gj_damage"`));
    expect(xml.body.bpmn20Xml).toMatch(new RegExp(`<bpmn:userTask id="${addedId}" name="${ADDED_TASK}"[^>]*camunda:candidateGroups="tc_cho"`));
    expect(xml.body.bpmn20Xml).toMatch(/camunda:dueDate="1 working day"/);
    expect(xml.body.bpmn20Xml).toMatch(/<bpmn:timeDuration[^>]*>1 working day<\/bpmn:timeDuration>/);

    // And the library shows version 2 without a draft.
    await page.getByRole('link', { name: 'Process library' }).click();
    await row.waitFor();
    expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('2');
    expect(await row.textContent()).toContain('No draft');
    await page.screenshot({ path: join(ARTIFACTS, 'library-after-publish.png'), fullPage: true });
  });

  it('imports a .bpmn file as a draft, asks before replacing a draft, and edits the process properties', async () => {
    const key = 'tc_imported_referral';
    const file = (name: string, xml: string) => ({ name, mimeType: 'application/xml', buffer: Buffer.from(xml) });
    const page = await signedInPage('tc.policy');
    await page.getByRole('heading', { name: 'Import a BPMN file' }).waitFor();

    // A file that is not BPMN is refused with a reason.
    await page.getByLabel('BPMN file', { exact: true }).setInputFiles(file('notes.bpmn', 'just some notes'));
    await page.getByRole('alert').getByText(/not a BPMN file/).waitFor();

    // A new process becomes a draft, listed without a published version.
    await page.getByLabel('BPMN file', { exact: true }).setInputFiles(file(`${key}.bpmn`, importedProcess(key, 'Imported referral')));
    await page.getByRole('status').getByText('The process was imported as a draft.').waitFor();
    const row = page.locator('tbody tr', { has: page.locator(`code:text-is("${key}")`) });
    await row.waitFor();
    expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('–');
    expect(await row.textContent()).toContain('Draft');

    // The same key again: the library asks before replacing the draft.
    await page.getByLabel('BPMN file', { exact: true }).setInputFiles(file(`${key}.bpmn`, importedProcess(key, 'Imported referral, second edition')));
    const confirm = page.getByRole('alertdialog', { name: 'Replace the draft of Imported referral?' });
    await confirm.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'import-confirm.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'import-confirm', EXCLUDE)).toEqual([]);
    await confirm.getByRole('button', { name: 'Replace the draft' }).click();
    await page.getByRole('status').getByText('The draft was replaced.').waitFor();
    const draft = await asOrganisationToken(t, TENANT).get(`/api/processes/${key}`);
    expect(draft.body.draft.xml).toContain('second edition');

    // Opened in the editor: the process's own properties (guidance, sensitive variables).
    await page.getByRole('link', { name: `Open ${key} in the editor` }).click();
    await page.waitForURL(`${baseUrl}/processes/${key}`);
    await page.locator('#bio-properties-panel-safepathSensitive').waitFor();
    await page.locator('#bio-properties-panel-safepathGuidance').fill('How Tai Calon takes referrals from other agencies.');
    await page.locator('#bio-properties-panel-safepathSensitive').fill('victimName, safeNumber');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'detached' });
    const saved = (await asOrganisationToken(t, TENANT).get(`/api/processes/${key}`)).body.draft.xml as string;
    expect(saved).toMatch(/<camunda:property name="safepath.sensitive" value="victimName safeNumber" \/>/);
    expect(saved).toContain('<bpmn:documentation>How Tai Calon takes referrals from other agencies.</bpmn:documentation>');
    await page.screenshot({ path: join(ARTIFACTS, 'process-properties.png') });
  });
});

/** A small importable process (Camunda Modeler would write the same). */
function importedProcess(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${key}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.30.0">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" name="Referral received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review the referral" camunda:candidateGroups="tc_cho"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" name="Referral reviewed"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="${key}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
