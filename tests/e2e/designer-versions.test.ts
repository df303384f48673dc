import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readProcessDirectory } from '../../server/src/engine-host/process-directory';
import { signIn, type Agent } from '../support/auth';
import { launchChromium } from '../support/chromium';
import { createTestApp, type TestApp } from '../support/test-app';
import { assertDesignerBuilt, seriousViolations, serveAxe, signInWithForm } from '../support/web-app-e2e';

/**
 * The designer's history, compare, form and decision pages in real Chromium against the real
 * server (built designer, PostgreSQL, the server's Content-Security-Policy), as Tai Calon's policy
 * lead: the history lists who published each version and why; comparing versions 1 and 2 marks
 * the renamed step as changed and the added step as added, on the diagrams and in the list;
 * restoring version 1 publishes version 3; a form is edited, saved to the draft and previewed; the
 * DASH decision table is edited and published. axe-core finds no serious or critical problems
 * outside the diagram canvases. Screenshots go to artifacts/designer-versions/.
 */
jest.setTimeout(240_000);

const ROOT = join(__dirname, '../..');
/** Third-party drawing canvases, tested by their own projects, are left out of the axe checks. */
const EXCLUDE = ['.djs-container', '.fjs-editor-container', '.dmn-js-parent'];
const ARTIFACTS = join(ROOT, 'artifacts/designer-versions');

const TENANT = 'tai-calon';
const PROCESS = 'tai_calon_staff_induction_da';
const RENAMED_TASK = 'confirm_understanding_and_dvds';
const NEW_NAME = "Confirm the briefing was understood and read about Clare's Law";
const ADDED_TASK = 'record_induction_in_training_log';
const ADDED_NAME = 'Record the induction in the training log';
const V2_COMMENT = 'Clearer step name; the induction is now recorded in the training log';
const DECISION = 'dash_risk_level';

/**
 * Version 2 of the induction process, as a policy lead would draw it: the staff member's step
 * renamed, and a new step (with a role) between it and the end, shifting the end event right.
 */
async function secondVersion(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ camunda: camundaDescriptor });
  const { rootElement: definitions, elementsById } = await moddle.fromXML(xml);
  // bpmn-moddle's create() (types/moddle.d.ts types only what the server uses).
  const create = (type: string, attrs: Record<string, unknown>) => (moddle as unknown as { create(type: string, attrs: object): ModdleElement }).create(type, attrs);
  const byId = (id: string) => {
    const element = elementsById[id];
    if (!element) throw new Error(`${PROCESS} has no element ${id}: update the test to the process model`);
    return element;
  };
  const process = byId(PROCESS);
  const renamed = byId(RENAMED_TASK);
  renamed.name = NEW_NAME;
  const flow = (renamed.outgoing as ModdleElement[])[0];
  const end = flow.targetRef as ModdleElement;

  const added = create('bpmn:UserTask', { id: ADDED_TASK, name: ADDED_NAME, candidateGroups: 'tc_line_manager' });
  const flowOut = create('bpmn:SequenceFlow', { id: `f_${ADDED_TASK}__end`, sourceRef: added, targetRef: end });
  flow.targetRef = added;
  added.incoming = [flow];
  added.outgoing = [flowOut];
  end.incoming = [flowOut];
  added.$parent = process;
  flowOut.$parent = process;
  process.flowElements.push(added, flowOut);
  const lane = (process.laneSets[0].lanes as ModdleElement[]).find((l) => (l.flowNodeRef as ModdleElement[]).includes(end));
  lane?.flowNodeRef.push(added);

  const plane = definitions.diagrams[0].plane;
  const diOf = (element: ModdleElement) => (plane.planeElement as ModdleElement[]).find((d) => d.bpmnElement === element)!;
  const endShape = diOf(end);
  const shift = 200;
  const task = { x: endShape.bounds.x - 20, y: endShape.bounds.y + endShape.bounds.height / 2 - 40, width: 140, height: 80 };
  endShape.bounds.x += shift;
  if (endShape.label) endShape.label.bounds.x += shift;
  for (const element of plane.planeElement as ModdleElement[]) {
    if (element.bpmnElement?.$type === 'bpmn:Lane' || element.bpmnElement?.$type === 'bpmn:Participant') element.bounds.width += shift;
  }
  const waypoints = diOf(flow).waypoint as ModdleElement[];
  waypoints[waypoints.length - 1].x = task.x;
  const middle = task.y + task.height / 2;
  plane.planeElement.push(
    create('bpmndi:BPMNShape', { id: `${ADDED_TASK}_di`, bpmnElement: added, bounds: create('dc:Bounds', task) }),
    create('bpmndi:BPMNEdge', {
      id: `${flowOut.id}_di`,
      bpmnElement: flowOut,
      waypoint: [create('dc:Point', { x: task.x + task.width, y: middle }), create('dc:Point', { x: endShape.bounds.x, y: middle })],
    }),
  );
  return (await moddle.toXML(definitions, { format: true })).xml;
}

describe('designer: history, compare, forms and decisions (Chromium)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let policyLead: Agent;
  let firstVersionXml: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  /** A browser signed in as Tai Calon's policy lead through the sign-in page. */
  async function signedInPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    await serveAxe(context, baseUrl);
    const page = await context.newPage();
    page.on('console', (message) => {
      // Refused requests (401 before sign-in, the 400 the test provokes) are logged by the browser itself.
      if (/^Failed to load resource: the server responded with a status of (401|400)/.test(message.text())) return;
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInWithForm(page, baseUrl, 'tc.policy');
    return page;
  }

  const rowTexts = async (page: Page) =>
    Promise.all((await page.locator('tbody tr').all()).map(async (row) => (await row.locator('th, td').allInnerTexts()).map((cell) => cell.replace(/\s+/g, ' ').trim())));

  /** The marker classes bpmn-js gave an element in one pane of the compare view (0 older, 1 newer). */
  const markerClasses = async (page: Page, pane: number, elementId: string) =>
    ((await page.locator('.sp-compare-pane').nth(pane).locator(`.djs-element[data-element-id="${elementId}"]`).getAttribute('class')) ?? '').split(/\s+/).filter((c) => c.startsWith('sp-diff'));

  beforeAll(async () => {
    assertDesignerBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await createTestApp({ listen: true });
    baseUrl = t.baseUrl!;
    const tenant = readProcessDirectory(join(ROOT, 'processes')).find((o) => o.tenantId === TENANT)!;
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: tenant.resources });

    // Version 2 through the API, as the policy lead: rename a step, add one, publish.
    policyLead = await signIn(t, 'tc.policy');
    const current = await policyLead.get(`/api/processes/${PROCESS}`).expect(200);
    expect(current.body.published.version).toBe(1);
    firstVersionXml = current.body.published.xml;
    const draft = await policyLead.put(`/api/processes/${PROCESS}/draft`).send({ xml: await secondVersion(firstVersionXml) });
    expect(draft.status).toBe(200);
    expect(draft.body.problems.filter((p: { category: string }) => p.category === 'error')).toEqual([]);
    const published = await policyLead.post(`/api/processes/${PROCESS}/publish`).send({ comment: V2_COMMENT });
    expect([published.status, published.body.version]).toEqual([201, 2]);
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

  it('shows the history, compares versions 1 and 2 with the changes marked, and restores version 1 as version 3', async () => {
    const page = await signedInPage();
    await page.goto(`${baseUrl}/processes/${PROCESS}/versions`);
    await page.getByRole('heading', { name: /^History of Tai Calon: domestic abuse induction briefing/ }).waitFor();
    await page.locator('tbody tr').nth(1).waitFor();
    const rows = await rowTexts(page);
    expect(rows.map((r) => r.slice(0, 1).concat(r.slice(2, 4)))).toEqual([
      ['Version 2 Current', 'tc.policy', V2_COMMENT],
      ['Version 1', expect.any(String), expect.any(String)],
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'history.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'history', EXCLUDE)).toEqual([]);

    // Viewing version 1 read-only.
    await page.getByRole('button', { name: 'View version 1' }).click();
    await page.getByRole('heading', { name: /^Version 1 of / }).waitFor();
    await page.locator('.viewing .djs-element[data-element-id="confirm_understanding_and_dvds"]').waitFor();
    expect(await page.locator('.viewing .djs-element[data-element-id="record_induction_in_training_log"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Close version 1' }).click();

    // Compare with…: keyboard-only from the row's button to the form.
    await page.getByRole('button', { name: 'Compare with… (version 1)' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id === 'compare-from');
    expect(await page.locator('#compare-from').inputValue()).toBe('1');
    expect(await page.locator('#compare-to').inputValue()).toBe('2');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(`${baseUrl}/processes/${PROCESS}/versions?compare=1,2`);
    await page.getByRole('heading', { name: /version 1 compared with version 2/ }).waitFor();
    await page.locator('.sp-change-list').waitFor();

    // On the diagrams: added in the newer, changed in both, with text badges.
    expect(await markerClasses(page, 1, ADDED_TASK)).toEqual(['sp-diff-added']);
    expect(await markerClasses(page, 1, RENAMED_TASK)).toEqual(['sp-diff-changed']);
    expect(await markerClasses(page, 0, RENAMED_TASK)).toEqual(['sp-diff-changed']);
    expect(await page.locator('.sp-compare-pane').nth(0).locator(`.djs-element[data-element-id="${ADDED_TASK}"]`).count()).toBe(0);
    expect(await page.locator('.sp-compare-pane').nth(1).locator('.djs-overlay .sp-diff-badge').allInnerTexts()).toEqual(expect.arrayContaining(['Added', 'Changed']));
    // In the list, as text: what kind of change, which element, what changed.
    const list = await Promise.all(
      (await page.locator('.sp-change-list > li').all()).map(async (item) => ({
        kind: (await item.locator('.sp-diff-badge').textContent())?.trim(),
        element: (await item.locator('.sp-change-show').innerText()).replace(/\s*: show it in the diagrams$/, '').trim(),
        details: (await item.locator('.sp-change-details').count()) > 0 ? (await item.locator('.sp-change-details').textContent())?.trim() : '',
      })),
    );
    expect(list).toEqual(
      expect.arrayContaining([
        { kind: 'Added', element: `User task “${ADDED_NAME}”`, details: '' },
        { kind: 'Changed', element: `User task “${NEW_NAME}”`, details: `name: "Confirm understanding; read about Clare's Law" → "${NEW_NAME}"` },
      ]),
    );
    expect(list.filter((item) => item.kind === 'Removed')).toEqual([]);
    // A list entry shows the element in the diagrams, with the keyboard.
    await page.getByRole('button', { name: new RegExp(`^User task “${ADDED_NAME}”\\s*: show it in the diagrams$`) }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`User task “${ADDED_NAME}” is highlighted in Version 2.`).waitFor({ state: 'attached' });
    expect(await markerClasses(page, 1, ADDED_TASK)).toEqual(['sp-diff-added', 'sp-diff-focus']);
    await page.screenshot({ path: join(ARTIFACTS, 'compare.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'compare', EXCLUDE)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    const [older, newer] = await Promise.all([0, 1].map((pane) => page.locator('.sp-compare-pane').nth(pane).boundingBox()));
    expect(newer!.y).toBeGreaterThan(older!.y + older!.height - 1);
    await page.screenshot({ path: join(ARTIFACTS, 'compare-narrow.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Restore version 1: confirm with a comment, then version 3 is listed.
    await page.getByRole('link', { name: /^Back to the history/ }).click();
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore version 1?' });
    await dialog.waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'restore-dialog.png') });
    expect(await seriousViolations(page, ARTIFACTS, 'restore-dialog', EXCLUDE)).toEqual([]);
    await dialog.getByLabel('Comment for the new version').fill('Back to the original step until the training log exists');
    await dialog.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('status').getByText('Version 1 was published again as version 3.').waitFor();
    await page.locator('tbody tr').nth(2).waitFor();
    expect((await rowTexts(page)).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Version 3 Current', 'tc.policy', 'Back to the original step until the training log exists'],
      ['Version 2', 'tc.policy', V2_COMMENT],
      ['Version 1', expect.any(String), expect.any(String)],
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'restored.png'), fullPage: true });
    const v3 = await policyLead.get(`/api/processes/${PROCESS}/versions/3`).expect(200);
    expect(v3.body.xml).toContain(`name="Confirm understanding; read about Clare&#39;s Law"`);
    expect(v3.body.xml).not.toContain(ADDED_TASK);
  });

  it('edits a form of the process, saves it to the draft and shows it in the preview', async () => {
    const forms = (await policyLead.get(`/api/processes/${PROCESS}/forms`).expect(200)).body as { name: string; formId: string }[];
    const form = forms.find((f) => f.formId === 'tc_confirm_understanding_and_dvds');
    expect(form).toBeDefined();
    const page = await signedInPage();
    await page.goto(`${baseUrl}/processes/${PROCESS}/forms/${encodeURIComponent(form!.name)}`);
    await page.getByRole('heading', { name: /^Form “tc_confirm_understanding_and_dvds”/ }).waitFor();
    const preview = page.getByTestId('form-preview');
    await preview.locator('.fjs-form-field').first().waitFor();
    const fieldsBefore = await preview.locator('.fjs-form-field').count();
    expect(await page.getByRole('link', { name: 'Back to the process editor' }).getAttribute('href')).toBe(`/processes/${PROCESS}`);

    // Add a text field from the palette with the keyboard, then label it in the properties panel.
    await page.locator('.fjs-palette-field[data-field-type="textfield"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.fjs-editor-container .fjs-form-field-textfield').last().click();
    await page.locator('.properties-host .bio-properties-panel-group-header', { hasText: 'General' }).click();
    const label = page.locator('#bio-properties-panel-label');
    await label.waitFor();
    await label.fill('Training log reference');
    await page.getByText('Unsaved changes').waitFor();
    await preview.getByText('Training log reference').waitFor();
    expect(await preview.locator('.fjs-form-field').count()).toBe(fieldsBefore + 1);

    await page.getByRole('button', { name: 'Save form' }).click();
    await page.getByRole('status').getByText(/^Saved to the draft/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'form-editor.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'form-editor', EXCLUDE)).toEqual([]);

    // The draft holds the edited form; the published version does not change.
    const saved = ((await policyLead.get(`/api/processes/${PROCESS}/forms`).expect(200)).body as { name: string; schema: { components: { label?: string }[] } }[]).find((f) => f.name === form!.name)!;
    expect(saved.schema.components.map((c) => c.label)).toContain('Training log reference');
    const detail = await policyLead.get(`/api/processes/${PROCESS}`).expect(200);
    expect(detail.body.draft).not.toBeNull();
    expect(detail.body.published.version).toBe(3);

    // The history now offers the draft to compare with.
    await page.goto(`${baseUrl}/processes/${PROCESS}/versions`);
    await page.locator('tbody tr.draft').waitFor();
    expect((await rowTexts(page))[0].slice(0, 2)).toEqual(['Draft', expect.stringMatching(/^Changed /)]);
    // Compared with the current version, the draft's diagram is the same: only a form changed.
    await page.getByRole('button', { name: 'Compare with… (the draft)' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(`${baseUrl}/processes/${PROCESS}/versions?compare=draft,3`);
    await page.getByRole('heading', { name: /version 3 compared with the current draft$/ }).waitFor();
    await page.getByText('The two versions are the same.').waitFor();
  });

  it('edits an output cell of the DASH decision table and publishes it, showing what the server refuses', async () => {
    const before = await policyLead.get(`/api/decisions/${DECISION}`).expect(200);
    const page = await signedInPage();
    await page.goto(`${baseUrl}/decisions/${DECISION}`);
    await page.getByRole('heading', { name: 'Decision “DASH risk level”' }).waitFor();
    const cell = page.locator('.tjs-table tbody tr').first().locator('td.output-cell').last().locator('[contenteditable]');
    await cell.waitFor();
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('"SafeLives: 14 or more yes answers (visible high risk)"');
    await page.getByText('Unpublished changes').waitFor();
    // Leaving with unpublished changes asks first; staying keeps them.
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await page.getByRole('link', { name: 'Process library' }).click();
    expect(await asked).toMatch(/not published/);
    expect(page.url()).toBe(`${baseUrl}/decisions/${DECISION}`);
    await page.screenshot({ path: join(ARTIFACTS, 'decision-edited.png'), fullPage: true });
    expect(await seriousViolations(page, ARTIFACTS, 'decision', EXCLUDE)).toEqual([]);

    // Without a comment: the form says so. A refusal from the server is shown with its problems.
    await page.getByRole('button', { name: 'Publish decision' }).click();
    await page.getByRole('alert').getByText('Write a comment').waitFor();
    await page.getByLabel('Comment', { exact: true }).fill('Clearer basis for visible high risk');
    await page.route(`${baseUrl}/api/decisions/${DECISION}/publish`, (route) =>
      route.fulfill({ status: 400, json: { type: 'InvalidRequestException', message: 'The decision cannot be published: rule 3 does not parse', problems: [{ elementId: 'Rule_3', message: 'does not parse', category: 'error', rule: 'engine/dmn-check' }] } }),
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Publish decision' }).click();
    await page.getByRole('alert').getByText('The decision cannot be published: rule 3 does not parse').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Rule_3: does not parse');
    await page.screenshot({ path: join(ARTIFACTS, 'decision-refused.png'), fullPage: true });

    await page.getByRole('button', { name: 'Publish decision' }).click();
    await page.getByRole('status').getByText(`Published version ${before.body.version + 1}.`).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'decision-published.png'), fullPage: true });
    const after = await policyLead.get(`/api/decisions/${DECISION}`).expect(200);
    expect(after.body.version).toBe(before.body.version + 1);
    expect(after.body.xml).toContain('SafeLives: 14 or more yes answers (visible high risk)');
  });
});
