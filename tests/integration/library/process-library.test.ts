/**
 * The designer's process library (docs/designer.md, "Server API"), driven over HTTP the way the
 * designer drives it: a policy lead of Tai Calon edits the target-hardening process, sees its
 * problems, publishes, restores; cases keep the version they started on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProcessDirectory } from '../../../server/src/engine-host/process-directory';
import { ENTER_TENANT_SCOPE } from '../../../server/src/persistence/tenant-scope';
import { asOrganisationToken, signIn, type Agent } from '../../support/auth';
import { PROCESSES_DIR } from '../../support/scenario';
import { createTestApp, type TestApp } from '../../support/test-app';

const TENANT = 'tai-calon';
const TARGET = 'tai_calon_target_hardening';
const OLD_NAME = 'Assess the need for emergency repairs or security measures';
const NEW_NAME = 'Assess repairs and security needs';
const ASSESS_TAG = `<bpmn:userTask id="assess_repairs_security_need" name="${OLD_NAME}" camunda:formRef="tc_assess_repairs_security_need" camunda:formRefBinding="deployment" camunda:candidateGroups="tc_cho">`;
const PHOTO_TAG = '<bpmn:userTask id="photograph_damage" name="Photograph the damage before repair" camunda:formRef="tc_photograph_damage" camunda:formRefBinding="deployment" camunda:candidateGroups="tc_cho">';

const original = readFileSync(join(PROCESSES_DIR, TENANT, `${TARGET}.bpmn`), 'utf8');
/** Renamed, but the renamed step lost its role and another step got a deadline without escalation. */
const broken = original
  .replace(ASSESS_TAG, ASSESS_TAG.replace(OLD_NAME, NEW_NAME).replace(' camunda:candidateGroups="tc_cho"', ''))
  .replace(PHOTO_TAG, PHOTO_TAG.replace('>', ' camunda:dueDate="1 working day">'));
const fixed = original.replace(ASSESS_TAG, ASSESS_TAG.replace(OLD_NAME, NEW_NAME));

// Booting the app, deploying Tai Calon's processes and publishing whole bundles take seconds on a busy machine.
jest.setTimeout(60_000);

interface Problem {
  elementId: string | null;
  message: string;
  category: string;
  rule: string;
}

describe('process library', () => {
  let t: TestApp;
  let policy: Agent;
  let engineToken: Agent;
  let caseOnV1: string;

  async function startCase(): Promise<string> {
    const response = await engineToken.post(`/engine-rest/process-definition/key/${TARGET}/tenant-id/${TENANT}/start`).send({});
    expect(response.status).toBe(200);
    return response.body.id;
  }

  async function taskNameOf(instanceId: string): Promise<string> {
    const tasks = await engineToken.get(`/engine-rest/task?processInstanceId=${instanceId}`).expect(200);
    expect(tasks.body).toHaveLength(1);
    return tasks.body[0].name;
  }

  async function definitionsOf(key: string): Promise<{ id: string; version: number; deploymentId: string }[]> {
    return (await engineToken.get(`/engine-rest/process-definition?key=${key}&sortBy=version&sortOrder=asc`).expect(200)).body;
  }

  async function resourceOf(deploymentId: string, name: string): Promise<string | undefined> {
    const rows: { content: string }[] = await t.dataSource.query('SELECT content FROM deployment_resource WHERE deployment_id = $1 AND name = $2', [deploymentId, name]);
    return rows[0]?.content;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await t.host.scheduler.queue.pause();
    const processes = readProcessDirectory(PROCESSES_DIR).find((o) => o.tenantId === TENANT)!;
    await t.engine.deploy({ name: TENANT, tenantId: TENANT, resources: processes.resources });
    policy = await signIn(t, 'tc.policy');
    engineToken = asOrganisationToken(t, TENANT);
  });
  afterAll(() => t.close());

  it('lists the organisation\'s processes with their published version, and who deployed them', async () => {
    const list = await policy.get('/api/processes').expect(200);
    const target = list.body.find((p: { key: string }) => p.key === TARGET);
    const [v1] = await definitionsOf(TARGET);
    const deployment = await t.http.get(`/engine-rest/deployment/${v1.deploymentId}`).expect(200);
    expect(target).toEqual({
      key: TARGET,
      name: 'Tai Calon: target hardening and security repairs',
      publishedVersion: 1,
      publishedAt: new Date(deployment.body.deploymentTime).toISOString(),
      publishedBy: 'system',
      draft: null,
    });
    expect(list.body.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(['tai_calon_da_disclosure', 'dash_risk_assessment']));
  });

  it('saves a draft without touching running cases or the deployed definitions', async () => {
    caseOnV1 = await startCase();
    const saved = await policy.put(`/api/processes/${TARGET}/draft`).send({ xml: broken }).expect(200);
    expect(saved.body.updatedAt).toEqual(expect.any(String));
    expect(saved.body.problems.some((p: Problem) => p.category === 'error')).toBe(true);

    expect(await definitionsOf(TARGET)).toHaveLength(1);
    expect(await taskNameOf(caseOnV1)).toBe(OLD_NAME);
    const detail = await policy.get(`/api/processes/${TARGET}`).expect(200);
    expect(detail.body.published).toMatchObject({ version: 1, publishedBy: 'system', xml: original });
    expect(detail.body.draft).toMatchObject({ xml: broken, updatedBy: 'tc.policy' });
    const list = await policy.get('/api/processes').expect(200);
    expect(list.body.find((p: { key: string }) => p.key === TARGET).draft).toEqual({ updatedAt: saved.body.updatedAt, updatedBy: 'tc.policy' });
  });

  it('refuses a draft whose XML does not parse or whose process is another one', async () => {
    const unreadable = await policy.put(`/api/processes/${TARGET}/draft`).send({ xml: '<bpmn:definitions' }).expect(400);
    expect(unreadable.body).toMatchObject({ type: 'InvalidRequestException', message: expect.stringMatching(/not readable BPMN/) });
    const other = await policy.put('/api/processes/tai_calon_rehousing/draft').send({ xml: original }).expect(400);
    expect(other.body.message).toMatch(/'tai_calon_target_hardening', not 'tai_calon_rehousing'/);
  });

  it('lints a user task without a role and a deadline without escalation, with the deploy check\'s problems as errors', async () => {
    const { body } = await policy.post('/api/processes/lint').send({ xml: broken }).expect(200);
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { elementId: 'assess_repairs_security_need', rule: 'safepath/user-task-has-role', category: 'error', message: expect.stringMatching(/^User task has no role/) },
        { elementId: 'photograph_damage', rule: 'safepath/deadline-has-escalation', category: 'error', message: expect.stringMatching(/^Deadline without escalation/) },
      ]),
    );
    const script = original.replace(PHOTO_TAG, '<bpmn:scriptTask id="photograph_damage" name="Photograph" scriptFormat="javascript"><bpmn:script>1</bpmn:script>').replace(
      /(<bpmn:scriptTask id="photograph_damage"[\s\S]*?)<\/bpmn:userTask>/,
      '$1</bpmn:scriptTask>',
    );
    const scripted = await policy.post('/api/processes/lint').send({ xml: script }).expect(200);
    expect(scripted.body.problems).toEqual(
      expect.arrayContaining([{ elementId: 'photograph_damage', rule: 'engine/deploy-check', category: 'error', message: expect.stringMatching(/^Script tasks are not executed/) }]),
    );
    const unreadable = await policy.post('/api/processes/lint').send({ xml: 'not xml' }).expect(200);
    expect(unreadable.body.problems).toEqual([{ elementId: null, rule: 'import', category: 'error', message: expect.stringMatching(/not readable BPMN/) }]);
  });

  it('refuses to publish while errors remain, with the problems', async () => {
    const refused = await policy.post(`/api/processes/${TARGET}/publish`).send({ comment: 'too early' }).expect(400);
    expect(refused.body).toMatchObject({ type: 'InvalidRequestException', message: expect.stringMatching(/cannot be published: 2 errors/) });
    expect(refused.body.problems.map((p: Problem) => `${p.rule} ${p.elementId}`)).toEqual(
      expect.arrayContaining(['safepath/user-task-has-role assess_repairs_security_need', 'safepath/deadline-has-escalation photograph_damage']),
    );
    expect(await definitionsOf(TARGET)).toHaveLength(1);
  });

  it('lists the forms the process names and deploys a draft form edit on publish', async () => {
    const forms = await policy.get(`/api/processes/${TARGET}/forms`).expect(200);
    const names = forms.body.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['tc_assess_repairs_security_need.form', 'tc_photograph_damage.form', 'tc_escalation.form']));
    const photo = forms.body.find((f: { name: string }) => f.name === 'tc_photograph_damage.form');
    expect(photo.formId).toBe('tc_photograph_damage');
    const edited = JSON.parse(JSON.stringify(photo.schema));
    edited.components[0].label = 'Photographs of the damage (before any repair)';
    await policy.put(`/api/processes/${TARGET}/draft/forms/tc_photograph_damage.form`).send({ schema: edited }).expect(200);
    await policy.put(`/api/processes/${TARGET}/draft/forms/not-a-form.txt`).send({ schema: edited }).expect(400);
    await policy.put(`/api/processes/${TARGET}/draft/forms/x.form`).send({ schema: { components: 'no' } }).expect(400);
    const again = await policy.get(`/api/processes/${TARGET}/forms`).expect(200);
    expect(again.body.find((f: { name: string }) => f.name === 'tc_photograph_damage.form').schema.components[0].label).toBe('Photographs of the damage (before any repair)');
  });

  it('publishes the fixed draft as version 2 with its comment, and deletes the draft', async () => {
    const saved = await policy.put(`/api/processes/${TARGET}/draft`).send({ xml: fixed }).expect(200);
    expect(saved.body.problems.filter((p: Problem) => p.category === 'error')).toEqual([]);
    const published = await policy.post(`/api/processes/${TARGET}/publish`).send({ comment: 'Shorter name for the assessment step' }).expect(201);
    const definitions = await definitionsOf(TARGET);
    expect(published.body).toEqual({ version: 2, definitionId: definitions[1].id });

    const detail = await policy.get(`/api/processes/${TARGET}`).expect(200);
    expect(detail.body.draft).toBeNull();
    expect(detail.body.published).toMatchObject({ version: 2, publishedBy: 'tc.policy', comment: 'Shorter name for the assessment step', xml: fixed });
    const form = await resourceOf(definitions[1].deploymentId, 'tc_photograph_damage.form');
    expect(JSON.parse(form!).components[0].label).toBe('Photographs of the damage (before any repair)');
    expect(await resourceOf(definitions[1].deploymentId, 'tc_assess_repairs_security_need.form')).toBe(readFileSync(join(PROCESSES_DIR, TENANT, 'tc_assess_repairs_security_need.form'), 'utf8'));
    await policy.post(`/api/processes/${TARGET}/publish`).send({}).expect(400);
  });

  it('shows who published each version, when, and why', async () => {
    const versions = await policy.get(`/api/processes/${TARGET}/versions`).expect(200);
    const definitions = await definitionsOf(TARGET);
    expect(versions.body).toEqual([
      { version: 2, definitionId: definitions[1].id, publishedAt: expect.any(String), publishedBy: 'tc.policy', comment: 'Shorter name for the assessment step' },
      { version: 1, definitionId: definitions[0].id, publishedAt: expect.any(String), publishedBy: 'system', comment: null },
    ]);
    expect(Date.parse(versions.body[0].publishedAt)).toBeGreaterThanOrEqual(Date.parse(versions.body[1].publishedAt));
    const v1 = await policy.get(`/api/processes/${TARGET}/versions/1`).expect(200);
    expect(v1.body.xml).toBe(original);
    await policy.get(`/api/processes/${TARGET}/versions/9`).expect(404);
    await policy.get(`/api/processes/${TARGET}/versions/one`).expect(400);
  });

  it('keeps a case started before on version 1 and starts new cases on version 2', async () => {
    const caseOnV2 = await startCase();
    expect(await taskNameOf(caseOnV1)).toBe(OLD_NAME);
    expect(await taskNameOf(caseOnV2)).toBe(NEW_NAME);
    const definitions = await definitionsOf(TARGET);
    const instance = await engineToken.get(`/engine-rest/process-instance/${caseOnV2}`).expect(200);
    expect(instance.body.definitionId).toBe(definitions[1].id);
  });

  it('restores version 1 as version 3, with its forms', async () => {
    const restored = await policy.post(`/api/processes/${TARGET}/versions/1/restore`).send({ comment: 'Back to the original wording' }).expect(201);
    expect(restored.body.version).toBe(3);
    const versions = await policy.get(`/api/processes/${TARGET}/versions`).expect(200);
    expect(versions.body[0]).toMatchObject({ version: 3, publishedBy: 'tc.policy', comment: 'Back to the original wording' });
    expect(await taskNameOf(await startCase())).toBe(OLD_NAME);
    const v3 = (await definitionsOf(TARGET))[2];
    expect(JSON.parse((await resourceOf(v3.deploymentId, 'tc_photograph_damage.form'))!).components[0].label).toBe('Photographs of the damage');
  });

  it('lets staff read but not change the library, and keeps other organisations out', async () => {
    await policy.put(`/api/processes/${TARGET}/draft`).send({ xml: fixed }).expect(200);
    const cho = await signIn(t, 'tc.cho');
    await cho.get('/api/processes').expect(200);
    const denied = await cho.put(`/api/processes/${TARGET}/draft`).send({ xml: fixed }).expect(403);
    expect(denied.body.type).toBe('AuthorizationException');

    const cmg = await signIn(t, 'cmg.policy');
    expect((await cmg.get('/api/processes').expect(200)).body).toEqual([]);
    await cmg.get(`/api/processes/${TARGET}`).expect(404);
    await cmg.get(`/api/processes/${TARGET}/versions`).expect(404);
    await cmg.get(`/api/processes/${TARGET}/document?version=draft`).expect(404);
    await cmg.delete(`/api/processes/${TARGET}/draft`).expect(404);
    await cmg.get(`/api/processes?tenantId=${TENANT}`).expect(403);

    // The database holds the wall too: in cmg's row-level security scope tai-calon's draft does not exist.
    const inScope = (tenantId: string) =>
      t.dataSource.transaction(async (m) => {
        await m.query(ENTER_TENANT_SCOPE, [tenantId]);
        return m.query('SELECT key FROM process_draft');
      });
    expect(await inScope('cmg')).toEqual([]);
    expect(await inScope(TENANT)).toEqual([{ key: TARGET }]);
    await expect(
      t.dataSource.transaction(async (m) => {
        await m.query(ENTER_TENANT_SCOPE, ['cmg']);
        await m.query("INSERT INTO process_publication (tenant_id, key, version, definition_id, deployment_id, published_by, published_at) VALUES ('tai-calon', 'x', 1, 'x', 'x', 'x', now())");
      }),
    ).rejects.toThrow(/row-level security/);

    // The platform administrator names the organisation.
    await t.http.get('/api/processes').expect(400);
    const admin = await t.http.get(`/api/processes?tenantId=${TENANT}`).expect(200);
    expect(admin.body.find((p: { key: string }) => p.key === TARGET).draft.updatedBy).toBe('tc.policy');
    await policy.delete(`/api/processes/${TARGET}/draft`).expect(204);
    await policy.delete(`/api/processes/${TARGET}/draft`).expect(404);
  });

  it('writes the procedure as an escaped, script-free HTML document', async () => {
    const doc = await policy.get(`/api/processes/${TARGET}/document?version=2`).expect(200);
    expect(doc.headers['content-type']).toMatch(/^text\/html/);
    expect(doc.headers['content-disposition']).toBe(`inline; filename="${TARGET}-2.html"`);
    const html: string = doc.text;
    expect(html).toContain(`<h1>Tai Calon: target hardening and security repairs</h1>`);
    expect(html).toContain(NEW_NAME);
    expect(html.indexOf(NEW_NAME)).toBeLessThan(html.indexOf('Confirm with the victim'));
    expect(html).toContain('<dt>Role</dt><dd>Community Housing Officer</dd>');
    expect(html).toContain('Community Safety Officer');
    expect(html).toContain('&quot;At initial assessment must be made to consider the need for emergency repairs or security measures at the victim&#39;s property.');
    expect(html).toContain('<td>Emergency repairs needed</td>');
    expect(html).toContain('Photographs of the damage (before any repair)');
    expect(html).toContain('5 working days');
    expect(html).toContain('→ Priority security repair overdue');
    expect(html).toContain('<li>No damage → Agree security measures with the CSO</li>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);

    const hostile = fixed.replace(`name="${NEW_NAME}"`, 'name="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;me&quot;"');
    await policy.put(`/api/processes/${TARGET}/draft`).send({ xml: hostile }).expect(200);
    const draft = await policy.get(`/api/processes/${TARGET}/document`).expect(200);
    expect(draft.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;me&quot;');
    expect(draft.text).toContain('Draft, last saved');
    expect(draft.text).not.toMatch(/<script/i);
    await policy.delete(`/api/processes/${TARGET}/draft`).expect(204);

    const disclosure = await policy.get('/api/processes/tai_calon_da_disclosure/document').expect(200);
    expect(disclosure.text).toContain('Housing Options Team, Blaenau Gwent County Borough Council');
    expect(disclosure.text).toContain('Signposting in this procedure');
    await policy.get(`/api/processes/${TARGET}/document?version=draft`).expect(404);
    await policy.get(`/api/processes/${TARGET}/document?version=latest`).expect(400);
  });

  it('names the organisation\'s roles from its people and its processes', async () => {
    const { body } = await policy.get('/api/processes/roles').expect(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { id: 'tc_cho', label: 'Community Housing Officer' },
        { id: 'tc_housing_manager', label: 'Housing Manager' },
        { id: 'tc_cso', label: 'Community Safety Officer' },
        { id: 'tc_maintenance', label: 'Maintenance staff or contractors' },
        { id: 'tc_receiving_staff', label: 'Staff member receiving the disclosure' },
      ]),
    );
    expect(body.every((r: { id: string }) => r.id.startsWith('tc_'))).toBe(true);
  });

  it('imports a .bpmn file as the draft of a new process, once', async () => {
    const xml = original.replaceAll(TARGET, 'tai_calon_imported');
    expect((await policy.post('/api/processes').send({ xml }).expect(201)).body).toEqual({ key: 'tai_calon_imported' });
    await policy.post('/api/processes').send({ xml }).expect(409);
    await policy.post('/api/processes').send({ xml: original }).expect(409);
    const list = await policy.get('/api/processes').expect(200);
    expect(list.body.find((p: { key: string }) => p.key === 'tai_calon_imported')).toMatchObject({ publishedVersion: null, draft: { updatedBy: 'tc.policy' } });
    expect((await policy.post('/api/processes/tai_calon_imported/publish').send({ comment: 'New' }).expect(201)).body.version).toBe(1);
  });

  it('publishes a decision, with the processes that evaluate it, so that new cases use it', async () => {
    const list = await policy.get('/api/decisions').expect(200);
    expect(list.body).toEqual(expect.arrayContaining([{ key: 'dash_risk_level', name: 'DASH risk level', version: 1 }]));
    const current = await policy.get('/api/decisions/dash_risk_level').expect(200);
    expect(current.body).toMatchObject({ key: 'dash_risk_level', version: 1, xml: readFileSync(join(PROCESSES_DIR, '_shared', 'dash-risk-level.dmn'), 'utf8') });
    const evaluate = async () =>
      (await engineToken.post(`/engine-rest/decision-definition/key/dash_risk_level/tenant-id/${TENANT}/evaluate`).send({
        variables: { dashYesCount: { value: 12, type: 'Integer' }, professionalJudgement: { value: 'No change', type: 'String' } },
      }).expect(200)).body[0].riskLevel.value;
    expect(await evaluate()).not.toBe('high');

    const bad = await policy.post('/api/decisions/dash_risk_level/publish').send({ xml: '<definitions', comment: 'x' }).expect(400);
    expect(bad.body).toMatchObject({ type: 'InvalidRequestException', problems: [expect.objectContaining({ rule: 'engine/dmn-check', category: 'error' })] });
    await policy.post('/api/decisions/marac_referral_criteria/publish').send({ xml: current.body.xml }).expect(400);

    const lowered = current.body.xml.replace('<text>&gt;= 14</text>', '<text>&gt;= 12</text>');
    expect(lowered).not.toBe(current.body.xml);
    const assessmentBefore = (await definitionsOf('dash_risk_assessment')).length;
    const published = await policy.post('/api/decisions/dash_risk_level/publish').send({ xml: lowered, comment: 'Local threshold 12' }).expect(201);
    expect(published.body).toEqual({ version: 2 });
    expect(await evaluate()).toBe('high');
    expect((await definitionsOf('dash_risk_assessment')).length).toBe(assessmentBefore + 1);
    const versions = await policy.get('/api/processes/dash_risk_assessment/versions').expect(200);
    expect(versions.body[0]).toMatchObject({ publishedBy: 'tc.policy', comment: 'Deployed with decision dash_risk_level version 2, which it uses' });
    const disclosure = await policy.get('/api/processes/tai_calon_da_disclosure/versions').expect(200);
    expect(disclosure.body[0]).toMatchObject({ version: 2, publishedBy: 'tc.policy' });
  });
});
