import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from 'feelin';
import { PROCESSES_DIR, restVariable, Scenario } from '../../support/scenario';
import { asOrganisationToken } from '../../support/auth';

/**
 * Hackney DAIS (`processes/hackney-dais/`), driven over the REST API as the walk-through
 * scenarios S08–S10 in `shared/procedures/scenarios.md` read. Scenario clocks are
 * Europe/London: BST in May/June 2026, so UTC + 1. External tasks (hand-off messages, the MARAC
 * meeting-details and action-notice workers) are answered here as their workers would.
 */

const TENANT = 'hackney-dais';
const DIR = join(PROCESSES_DIR, TENANT);

interface FormComponent {
  key?: string;
  type: string;
  values?: { label: string; value: string }[];
  valuesExpression?: string;
  validate?: { required?: boolean };
  conditional?: { hide?: string };
}

function field(formId: string, key: string): FormComponent {
  const form = JSON.parse(readFileSync(join(DIR, `${formId}.form`), 'utf8')) as { components: FormComponent[] };
  const found = form.components.find((c) => c.key === key);
  if (!found) throw new Error(`${formId} has no field ${key}`);
  return found;
}

function taskProperty(bpmnFile: string, taskId: string, name: string): string | null {
  const xml = readFileSync(join(DIR, bpmnFile), 'utf8');
  const task = xml.slice(xml.indexOf(`id="${taskId}"`));
  const match = new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(task.slice(0, task.indexOf('</bpmn:userTask>')));
  return match ? match[1] : null;
}

/**
 * Opens the scenario with the BullMQ timer queue paused: scenario dates lie in the past of the
 * machine's real clock, so the worker would otherwise fire every deadline at once. Deadlines then
 * pass only when the test executes their timer job (`fireTimer`), on the scenario's clock.
 */
async function openScenario(startsAt: string): Promise<Scenario> {
  const s = await Scenario.open(TENANT, startsAt);
  await s.app.host.scheduler.queue.pause();
  return s;
}

function restVariables(values: Record<string, unknown>): Record<string, { value: unknown; type: string }> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, restVariable(v)]));
}

/** Starts a case at a message start event; returns the new instance id. */
async function startByMessage(s: Scenario, messageName: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<string> {
  const res = await asOrganisationToken(s.app, TENANT)
    .post('/engine-rest/message')
    .send({ messageName, tenantId: TENANT, businessKey, processVariables: restVariables(variables), resultEnabled: true });
  if (res.status !== 200) throw new Error(`message ${messageName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body[0].processInstance.id;
}

interface LockedTask {
  id: string;
  processInstanceId: string;
  activityId: string;
  variables: Record<string, { value: unknown }>;
}

/** Fetches and locks the external tasks of a topic, as that topic's worker would. */
async function fetchTopic(s: Scenario, topicName: string, variables?: string[]): Promise<LockedTask[]> {
  // As that topic's worker would: with DAIS's own API token (it sees DAIS's sensitive values in clear).
  const res = await asOrganisationToken(s.app, TENANT)
    .post('/engine-rest/external-task/fetchAndLock')
    .send({ workerId: 'scenario-worker', maxTasks: 20, topics: [{ topicName, lockDuration: 60_000, ...(variables ? { variables } : {}) }] });
  if (res.status !== 200) throw new Error(`fetchAndLock ${topicName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function completeExternal(s: Scenario, id: string, variables: Record<string, unknown> = {}): Promise<void> {
  const res = await asOrganisationToken(s.app, TENANT).post(`/engine-rest/external-task/${id}/complete`).send({ workerId: 'scenario-worker', variables: restVariables(variables) });
  if (res.status !== 204) throw new Error(`complete external task: ${res.status} ${JSON.stringify(res.body)}`);
}

async function offeredTo(s: Scenario, root: string, taskKey: string): Promise<string[]> {
  return (await s.task(root, taskKey)).candidateGroups;
}

async function openKeys(s: Scenario, root: string): Promise<string[]> {
  return (await s.openTasks(root)).map((t) => t.taskDefinitionKey);
}

function inOrder(path: string[], ids: string[]): string[] {
  return path.filter((id) => ids.includes(id));
}

/** Every candidate group any task of the case tree was ever offered to. */
async function everyGroupOffered(s: Scenario, root: string, taskKey?: string): Promise<string[]> {
  const rows: { g: string }[] = await s.app.dataSource.query(
    `SELECT DISTINCT unnest(t.candidate_groups) AS g FROM hi_task t JOIN hi_process_instance p ON p.id = t.instance_id
      WHERE p.root_instance_id = $1 AND ($2::text IS NULL OR t.task_definition_key = $2) ORDER BY g`,
    [root, taskKey ?? null],
  );
  return rows.map((r) => r.g);
}

/**
 * How a case ended: its state and every end event it reached (the engine records
 * `endActivityId` only for terminate end events, so the end events are read from history).
 */
async function ending(s: Scenario, instanceId: string): Promise<{ state: string; endEvents: string[] }> {
  const rows: { activity_id: string }[] = await s.app.dataSource.query(
    `SELECT activity_id FROM hi_activity_instance WHERE instance_id = $1 AND activity_type LIKE '%EndEvent' AND end_time IS NOT NULL ORDER BY activity_id`,
    [instanceId],
  );
  return { state: (await s.state(instanceId)).state, endEvents: rows.map((r) => r.activity_id) };
}

/** The option values a form field's FEEL `valuesExpression` offers for the given answers. */
function optionsOffered(formId: string, key: string, context: Record<string, unknown>): string[] {
  const expression = field(formId, key).valuesExpression!;
  const { value } = evaluate(expression.replace(/^=/, ''), context) as { value: { value: string }[] };
  return value.map((o) => o.value);
}

const DASH_QUESTIONS = [
  'q01_injury', 'q02_very_frightened', 'q03_what_feared', 'q04_isolation', 'q05_depression_suicidal', 'q06_separation', 'q07_child_contact_conflict', 'q08_stalking_harassment',
  'q09_pregnancy_new_baby', 'q10_more_often', 'q11_getting_worse', 'q12_control_jealousy', 'q13_weapons_objects', 'q14_threats_to_kill', 'q15_strangulation', 'q16_sexual_abuse',
  'q17_other_person_threat', 'q18_hurt_others', 'q19_animal_abuse', 'q20_financial_issues', 'q21_substance_mental_health', 'q22_abuser_suicide', 'q23_breach_bail_orders', 'q24_criminal_history',
];

describe('DAIS forms and signposting', () => {
  it('shows the DAIS contacts exactly as the source gives them', () => {
    const data = JSON.parse(readFileSync(join(DIR, 'signposting.json'), 'utf8')) as { entries: { key: string; contacts: { kind: string; value: string }[] }[] };
    const contacts = (key: string) => data.entries.find((e) => e.key === key)!.contacts.map((c) => c.value);
    expect(contacts('dais_duty_line')).toEqual(['020 8356 4458', 'dais@hackney.gov.uk']);
    expect(contacts('nda_helpline')).toEqual(['0808 2000 247', 'https://www.nationaldahelpline.org.uk/']);
    expect(contacts('national_stalking_helpline')).toEqual(['0808 802 0330']);
    expect(contacts('hackney_ooh_social_care')).toEqual(['020 8356 2710']);
    expect(contacts('police_101_met')).toEqual(['101', 'https://www.met.police.uk/']);
    expect(contacts('hackney_housing')).toEqual(['020 8356 2929']);
    expect(contacts('green_house')).toEqual(['020 8510 4490 (option 2)', 'green.housecso@thamesreach.org.uk']);
    expect(taskProperty('dais_victim_referral.bpmn', 'safety_planning', 'safepath.signposting')!.split(' ')).toContain('hackney_ooh_social_care');
  });

  it('lists all 20 safety-planning points verbatim, with no field for the code words themselves', () => {
    const advice = field('dais_vr_safety_planning', 'adviceItemsDiscussed').values!;
    expect(advice.map((v) => v.value)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `gen_${String(i + 1).padStart(2, '0')}`),
      'unable_01', 'unable_02', 'unable_03', 'unable_04', 'unable_05', 'closed_01', 'closed_02', 'closed_03',
    ]);
    expect(advice.find((v) => v.value === 'gen_05')!.label).toBe('If you are concerned about the safety of your children you can call the Out of Hours Social Care number - 020 8356 2710');
    expect(field('dais_vr_safety_planning', 'codeWordWithFriendsNeighbours').values!.map((v) => v.value)).toEqual(['yes', 'no', 'not appropriate']);
  });
});

describe('S08 — DAIS: self-referral through Hackney Service Centre, HIGH risk → MARAC referral, safety planning, emergency housing call, case closed on Mosaic', () => {
  let s: Scenario;
  let root: string;
  let housing: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-01T10:00:00Z'); // Monday 1 June 2026 11:00 BST
    root = await startByMessage(s, 'dais_self_referral_hsc', 'DAIS-S08');
  });
  afterAll(() => s.close());

  it('steps 1–5: Service Centre logs and hands off; duty receipt, screening, Mosaic; manager allocates', async () => {
    const log = await s.task(root, 'log_hsc_self_referral');
    expect(log.candidateGroups).toEqual(['hackney_service_centre']);
    expect(log.due).toBe('2026-06-01T16:00:00.000Z'); // proposed: same working day, 17:00 BST
    await s.complete(root, 'log_hsc_self_referral', { callerName: 'A. Client', safeContactNumber: '07700 900123', safeToLeaveMessage: 'no', briefConcern: 'Partner controlling and violent', immediateDanger: 'no' });

    expect(await offeredTo(s, root, 'receive_referral')).toEqual(['dais_duty_officer']);
    await s.complete(root, 'receive_referral', {
      referralChannel: 'Self-referral via Hackney Service Centre', receivedAt: '2026-06-01T11:05', referrerType: 'Self', clientName: 'A. Client', clientDateOfBirth: '1992-03-14',
      safeContactNumber: '07700 900123', safeToLeaveMessage: 'no', childrenInHousehold: 'yes', immediateDanger: 'no', presentingConcerns: 'Controlling behaviour, recent assault',
    });
    expect(await offeredTo(s, root, 'screen_referral')).toEqual(['dais_duty_officer']);
    await s.complete(root, 'screen_referral', { atRiskOfHarmDueToDA: 'yes', ageGroup: 'Adult (18+)', screeningOutcome: 'Accept for risk assessment and support', screeningNotes: 'Eligible adult' });
    expect(await offeredTo(s, root, 'open_case_on_mosaic')).toEqual(['dais_duty_officer']);
    await s.complete(root, 'open_case_on_mosaic', { mosaicCaseId: 'M-5561', mosaicOpenedAt: '2026-06-01T11:10' });

    const allocate = await s.task(root, 'allocate_intervention_officer');
    expect(allocate.candidateGroups).toEqual(['dais_manager']);
    expect(allocate.due).toBe('2026-06-01T16:00:00.000Z');
    await s.complete(root, 'allocate_intervention_officer', { allocatedOfficer: 'Ife', allocationPriority: 'Urgent' });

    const contact = await s.task(root, 'contact_client');
    expect(contact.candidateGroups).toEqual(['dais_intervention_officer']);
    expect(contact.due).toBe('2026-06-02T10:00:00.000Z'); // proposed: Tue 2 June 11:00 BST
    expect(inOrder(await s.path(root), ['g_immediate_danger', 'g_screening_outcome'])).toEqual(['g_immediate_danger', 'g_screening_outcome']);
  });

  it('steps 6–8: engaged; DASH 16 yes and 4 incidents → high, visible high risk + potential escalation → MARAC referral', async () => {
    await s.complete(root, 'contact_client', { contactMode: 'Phone', contactAt: '2026-06-01T14:00', safeToTalk: 'yes', contactOutcome: 'Engaged' });
    expect(await s.variable(root, 'contactAttempt')).toBe(1);
    expect(await offeredTo(s, root, 'dash_prepare')).toEqual(['dais_intervention_officer']);
    await s.complete(root, 'dash_prepare', { safeToTalk: 'yes', perpetratorWhereabouts: 'At work', purposeExplained: true, sharingExplained: true, versionUsed: 'Adult (24 questions)' });
    await s.complete(root, 'dash_ask_questions', Object.fromEntries(DASH_QUESTIONS.map((q, i) => [q, i < 16 ? 'Yes' : 'No'])));
    await s.complete(root, 'dash_professional_judgement', { professionalJudgement: 'No change' });
    await s.complete(root, 'dash_escalation_and_history', { incidentsLast12Months: 4 });
    await s.complete(root, 'dash_share_result', { resultExplained: true, victimViewOnMarac: 'Agrees' });

    expect(await s.variable(root, 'riskLevel')).toBe('high');
    expect(await s.variable(root, 'maracCriteria')).toEqual(['visible high risk', 'potential escalation']);
    const refer = await s.task(root, 'refer_to_marac');
    expect(refer.candidateGroups).toEqual(['dais_intervention_officer']);
    await s.complete(root, 'refer_to_marac', { maracCriteria: ['visible high risk', 'potential escalation'], consentToShare: 'Given', maracReferralDate: '2026-06-01' });

    // the MARAC case-list hand-off: the case reaches the list (used in S10)
    const [handOff] = await fetchTopic(s, 'dais-marac-case-referral', ['mosaicCaseId', 'maracCriteria', 'consentToShare']);
    expect(handOff.activityId).toBe('msg_marac_case_referral');
    expect(handOff.variables.mosaicCaseId.value).toBe('M-5561');
    expect(handOff.variables.consentToShare.value).toBe('Given');
    await completeExternal(s, handOff.id);
    expect(await openKeys(s, root)).toEqual(['safety_planning']);
  });

  it('steps 9–10: safety planning shows Out of Hours Social Care; emergency housing need → housing routes', async () => {
    const planning = await s.task(root, 'safety_planning');
    expect(planning.candidateGroups).toEqual(['dais_intervention_officer']);
    const [row] = await s.app.dataSource.query(`SELECT description FROM task WHERE id = $1`, [planning.id]);
    expect(row.description).toContain('020 8356 2710');
    await s.complete(root, 'safety_planning', {
      adviceItemsDiscussed: ['gen_01', 'gen_04', 'gen_05', 'gen_08', 'gen_09', 'gen_12', 'unable_01', 'unable_02', 'unable_03', 'unable_04', 'unable_05', 'closed_01'],
      codeWordWithFriendsNeighbours: 'yes', childrenSafetyPlan: 'yes', silentCallExplained: true, concernsAboutChildren: 'yes', housingNeed: 'Emergency', safetyPlanSummary: 'Plan agreed with neighbour and children',
    });
    expect(await offeredTo(s, root, 'signpost_housing')).toEqual(['dais_intervention_officer']);
    expect(taskProperty('dais_victim_referral.bpmn', 'signpost_housing', 'safepath.signposting')).toBe('hackney_housing green_house');
    await s.complete(root, 'signpost_housing', { housingRouteGiven: ['Hackney housing contact centre 020 8356 2929'] });
  });

  it('steps 11–14: the client calls housing: emergency → duty housing manager → emergency officer explores Temporary Accommodation by telephone', async () => {
    housing = await startByMessage(s, 'dais_housing_client_call', 'DAIS-S08-HOUSING');
    expect(await offeredTo(s, housing, 'take_housing_call')).toEqual(['hackney_housing_contact_centre']);
    await s.complete(housing, 'take_housing_call', { callReceivedAt: '2026-06-01T15:00', callerName: 'A. Client', safeContactNumber: '07700 900123', callerStatesEmergency: 'yes', singleWithoutTenancy: 'no', callSummary: 'Fleeing DA' });
    expect(await s.path(housing)).toEqual(expect.arrayContaining(['g_call_route', 'notify_duty_housing_manager']));
    const assign = await s.task(housing, 'assign_emergency_officer');
    expect(assign.candidateGroups).toEqual(['hackney_duty_housing_manager']);
    expect(assign.due).toBe('2026-06-01T11:00:00.000Z'); // proposed: within 1 hour of the notification
    await s.complete(housing, 'assign_emergency_officer', { emergencyOfficer: 'Raj', assignedAt: '2026-06-01T15:10' });
    expect(field('dais_hh_contact_client_explore_options', 'assessmentMode').values!.map((v) => v.value)).toEqual(['Telephone']);
    expect(await offeredTo(s, housing, 'contact_client_explore_options')).toEqual(['hackney_emergency_officer']);
    await s.complete(housing, 'contact_client_explore_options', {
      contactedAt: '2026-06-01T15:30', assessmentMode: 'Telephone', issuesDiscussed: 'Safety at home', optionsExplored: ['Temporary Accommodation'], outcome: 'Temporary Accommodation offered',
    });
    expect(await ending(s, housing)).toEqual({ state: 'COMPLETED', endEvents: ['end_emergency_handled'] });
  });

  it('steps 15–19: support with partner liaison, review loop, closure on Mosaic', async () => {
    await s.complete(root, 'provide_support_and_advocacy', { sessionAt: '2026-06-02T10:00', sessionMode: 'Phone', sessionNotes: 'Housing and children', partnerLiaisonNeeded: 'yes' });
    await s.complete(root, 'liaise_with_partner_agencies', { agenciesContacted: ['Housing', "Children's social care"], consentToShare: 'Given', liaisonPurpose: 'Rehousing and safeguarding', liaisonOutcome: 'TA confirmed' });
    await s.complete(root, 'record_case_note_on_mosaic', { caseNoteRecorded: true, caseNoteDate: '2026-06-02T11:00' });
    await s.complete(root, 'review_case', { newIncidentSinceAssessment: 'no', reviewDecision: 'Continue support' });
    await s.complete(root, 'provide_support_and_advocacy', { sessionAt: '2026-06-09T10:00', sessionMode: 'Phone', sessionNotes: 'Settled in TA', partnerLiaisonNeeded: 'no' });
    await s.complete(root, 'record_case_note_on_mosaic', { caseNoteRecorded: true, caseNoteDate: '2026-06-09T11:00' });
    await s.complete(root, 'review_case', { newIncidentSinceAssessment: 'no', reviewDecision: 'Close', closureReason: 'Support completed' });
    expect(await offeredTo(s, root, 'close_case_on_mosaic')).toEqual(['dais_intervention_officer']);
    await s.complete(root, 'close_case_on_mosaic', { closedAt: '2026-06-09T12:00', closureReason: 'Support completed', finalSignpostingGiven: true, managerSignOff: true });

    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_closed'] });
    expect(await s.variable(root, 'closureReason')).toBe('Support completed');
    const path = await s.path(root);
    expect(inOrder(path, ['provide_support_and_advocacy', 'liaise_with_partner_agencies', 'record_case_note_on_mosaic', 'review_case', 'g_review_decision'])).toEqual([
      'provide_support_and_advocacy', 'liaise_with_partner_agencies', 'record_case_note_on_mosaic', 'review_case', 'g_review_decision',
      'provide_support_and_advocacy', 'record_case_note_on_mosaic', 'review_case', 'g_review_decision',
    ]);
    const visited = [...(await s.visited(root)), ...(await s.visited(housing))];
    for (const never of ['signpost_and_close', 'advise_or_call_999', 'triage_non_urgent_call']) expect(visited).not.toContain(never);
    // no code word is stored anywhere in the case
    const names: { name: string }[] = await s.app.dataSource.query(`SELECT DISTINCT name FROM hi_variable WHERE instance_id = $1`, [root]);
    expect(names.map((n) => n.name).filter((n) => /codeword$/i.test(n))).toEqual([]);
  });
});

describe('S09 — DAIS: perpetrator referral; phone work unsafe so 1-2-1 in person; victim offered support; risk concern shared with partners', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-02T08:30:00Z'); // Tuesday 2 June 2026 09:30 BST
    root = await startByMessage(s, 'dais_perpetrator_referral', 'DAIS-S09', { perpetratorGroupWorkRunning: false });
  });
  afterAll(() => s.close());

  it('steps 1–3: duty receipt and desktop + phone triage; accepted → victim support and Mosaic in parallel', async () => {
    expect(await offeredTo(s, root, 'receive_perpetrator_referral')).toEqual(['dais_duty_officer']);
    await s.complete(root, 'receive_perpetrator_referral', {
      referralChannel: 'Email / desktop', receivedAt: '2026-06-02T09:30', referrerType: 'Professional / agency', referrerDetails: 'Probation, Hackney', perpetratorName: 'B. Person',
      perpetratorDateOfBirth: '1988-07-01', associatedVictimKnown: 'yes', associatedVictimDetails: 'Partner, lives with him', childrenInHousehold: 'yes', referralReason: 'Probation referral',
    });
    expect(await offeredTo(s, root, 'screen_and_triage')).toEqual(['dais_duty_officer']);
    await s.complete(root, 'screen_and_triage', { screeningMethods: ['Desktop', 'Phone'], knownToDais: 'no', riskConcerns: 'Lives with victim and children', triageOutcome: 'Proceed to suitability assessment' });
    expect((await openKeys(s, root)).sort()).toEqual(['offer_victim_support', 'open_case_on_mosaic']);
    expect(await offeredTo(s, root, 'offer_victim_support')).toEqual(['dais_intervention_officer']);
    expect(await offeredTo(s, root, 'open_case_on_mosaic')).toEqual(['dais_duty_officer']);
  });

  it('steps 4–5: the victim referral starts a dais_victim_referral case (Email / desktop, Professional / agency); Mosaic opened; join', async () => {
    await s.complete(root, 'offer_victim_support', { victimOfferedSupport: 'Yes – victim referral started' });
    const [handOff] = await fetchTopic(s, 'dais-victim-referral', ['mosaicCaseId']);
    expect(handOff.activityId).toBe('msg_victim_referral');
    const victim = await startByMessage(s, 'dais_referral_email', 'DAIS-S09-VICTIM', { referralChannel: 'Email / desktop', referrerType: 'Professional / agency' });
    await completeExternal(s, handOff.id);
    expect(await openKeys(s, victim)).toEqual(['receive_referral']);
    expect(await s.variable(victim, 'referralChannel')).toBe('Email / desktop');
    expect(await s.variable(victim, 'referrerType')).toBe('Professional / agency');
    expect(await openKeys(s, root)).toEqual(['open_case_on_mosaic']);
    await s.complete(root, 'open_case_on_mosaic', { mosaicCaseId: 'M-5570', mosaicOpenedAt: '2026-06-02T10:00' });
    const assess = await s.task(root, 'assess_programme_suitability');
    expect(assess.candidateGroups).toEqual(['dais_intervention_officer']);
    expect(assess.due).toBe('2026-06-16T08:30:00.000Z'); // proposed: 10 working days, Tue 16 June 09:30 BST
  });

  it('steps 6–7: suitability by phone only; phone work unsafe, so only 1-2-1 in person can be chosen and a phone choice is sent back', async () => {
    expect(optionsOffered('dais_pr_assess_programme_suitability', 'assessmentMode', { perpetratorGroupWorkRunning: false })).toEqual(['Phone']);
    await s.complete(root, 'assess_programme_suitability', { assessmentMode: 'Phone', assessmentAt: '2026-06-03T10:00', suitable: 'Suitable', suitabilityReasons: 'Accepts responsibility' });

    const answers = { phoneWorkSafe: 'no', inPersonWorkSafe: 'yes', perpetratorGroupWorkRunning: false };
    expect(optionsOffered('dais_pr_choose_safe_delivery_mode', 'deliveryMode', answers)).toEqual(['1-2-1 in person']);
    await s.complete(root, 'choose_safe_delivery_mode', { ...answers, deliveryMode: '1-2-1 by phone', safetyRationale: 'lives with victim' });
    expect(await openKeys(s, root)).toEqual(['choose_safe_delivery_mode']); // the unsafe choice is refused
    await s.complete(root, 'choose_safe_delivery_mode', { phoneWorkSafe: 'no', inPersonWorkSafe: 'yes', deliveryMode: '1-2-1 in person', safetyRationale: 'Phone calls could be overheard by the victim; office sessions are safe' });
    expect(await offeredTo(s, root, 'deliver_intervention_session')).toEqual(['dais_intervention_officer']);
    expect(optionsOffered('dais_pr_deliver_intervention_session', 'sessionMode', { deliveryMode: '1-2-1 in person' })).toEqual(['1-2-1 in person']);
  });

  it('steps 8–13: two sessions; the second raises a risk concern shared with the police and children\'s social care; completed and closed', async () => {
    await s.complete(root, 'deliver_intervention_session', { sessionNumber: 1, sessionAt: '2026-06-08T10:00', sessionMode: '1-2-1 in person', attended: 'yes', sessionNotes: 'First session', riskConcernsArising: 'no' });
    await s.complete(root, 'record_case_note_on_mosaic', { caseNoteRecorded: true, programmeStatus: 'More sessions' });
    await s.complete(root, 'deliver_intervention_session', { sessionNumber: 2, sessionAt: '2026-06-15T10:00', sessionMode: '1-2-1 in person', attended: 'yes', sessionNotes: 'Disclosed recent threats', riskConcernsArising: 'yes' });
    expect(await offeredTo(s, root, 'liaise_with_partner_agencies')).toEqual(['dais_intervention_officer']);
    await s.complete(root, 'liaise_with_partner_agencies', { agenciesContacted: ['Police', "Children's social care"], informationShared: 'Threats disclosed in session', sharingBasis: 'Risk to others justifies sharing', liaisonOutcome: 'Police aware' });
    await s.complete(root, 'record_case_note_on_mosaic', { caseNoteRecorded: true, programmeStatus: 'Completed' });
    await s.complete(root, 'close_case_on_mosaic', { closedAt: '2026-06-15T12:00', closureReason: 'Programme completed' });

    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_closed'] });
    const path = await s.path(root);
    expect(inOrder(path, ['g_triage_outcome', 'pj_accept', 'g_suitable', 'g_safe_mode_available', 'g_risk_arising', 'liaise_with_partner_agencies', 'g_programme_status'])).toEqual([
      'g_triage_outcome', 'pj_accept', 'pj_accept', 'g_suitable', 'g_safe_mode_available', 'g_safe_mode_available', 'g_risk_arising', 'g_programme_status', 'g_risk_arising', 'liaise_with_partner_agencies', 'g_programme_status',
    ]);
    expect(await s.visited(root)).not.toContain('manager_review_delivery');
    const modes: { value: string }[] = await s.app.dataSource.query(`SELECT DISTINCT value #>> '{}' AS value FROM hi_variable_update WHERE instance_id = $1 AND name = 'sessionMode'`, [root]);
    expect(modes.map((m) => m.value)).toEqual(['1-2-1 in person']);
    expect(await s.variable(root, 'sessionMode')).toBe('1-2-1 in person');
  });
});

describe('S10 — DAIS: Hackney MARAC fortnightly cycle — chair alternates, virtual meeting, late research escalated, actions distributed', () => {
  let s: Scenario;
  let first: string;

  async function fireStartTimer(): Promise<string> {
    const jobs = await s.app.http.get('/engine-rest/job').query({ processDefinitionKey: 'dais_marac_cycle' });
    const job = (jobs.body as { id: string; processInstanceId: string | null; dueDate: string }[]).find((j) => !j.processInstanceId)!;
    const due = new Date(job.dueDate);
    if (due > s.clock.now()) s.clock.set(due);
    const before = new Set(await instancesOf('dais_marac_cycle'));
    const res = await s.app.http.post(`/engine-rest/job/${job.id}/execute`);
    if (res.status !== 204) throw new Error(`execute start timer: ${res.status} ${JSON.stringify(res.body)}`);
    const created = (await instancesOf('dais_marac_cycle')).filter((id) => !before.has(id));
    expect(created).toHaveLength(1);
    return created[0];
  }

  async function instancesOf(key: string): Promise<string[]> {
    const res = await s.app.http.get('/engine-rest/history/process-instance').query({ processDefinitionKey: key });
    return (res.body as { id: string }[]).map((p) => p.id);
  }

  /** The meeting-details worker: the previous held meeting's chair (configured for the first) and the meeting time. */
  async function meetingDetailsWorker(instanceId: string, lastChairRole: string, meetingAt: string): Promise<void> {
    const [task] = (await fetchTopic(s, 'dais-marac-meeting-details')).filter((t) => t.processInstanceId === instanceId);
    expect(task.activityId).toBe('determine_chair');
    await completeExternal(s, task.id, { lastChairRole, meetingAt: new Date(meetingAt) });
  }

  beforeAll(async () => {
    s = await openScenario('2026-05-27T12:00:00Z'); // Wednesday 27 May 2026, before the first cycle fires
  });
  afterAll(() => s.close());

  it('steps 1–4: the timer starts the cycle on Thu 28 May 09:00; the DAIS Service Manager chairs after the DI; the meeting will be virtual', async () => {
    first = await fireStartTimer();
    expect(s.clock.now().toISOString()).toBe('2026-05-28T08:00:00.000Z');
    await meetingDetailsWorker(first, 'met_di_cesu', '2026-06-04T09:00:00Z'); // previous meeting 21 May chaired by the DI
    expect(await s.variable(first, 'chairRole')).toBe('dais_service_manager');
    expect(await s.path(first)).toEqual(expect.arrayContaining(['start_marac_fortnightly', 'determine_chair', 'notify_chair_and_agencies']));

    const format = await s.task(first, 'decide_meeting_format');
    expect(format.candidateGroups).toEqual(['dais_service_manager']);
    expect(format.due).toBe('2026-06-01T09:00:00.000Z'); // proposed: Mon 1 June 10:00 BST
    s.clock.set(new Date('2026-05-29T09:00:00Z'));
    await s.complete(first, 'decide_meeting_format', { meetingFormat: 'Virtual', formatReason: 'public health advice' });
    expect(await s.visited(first)).not.toContain('escalate_format_overdue');
  });

  it('steps 5–7: two cases; one researched on Tue 2 June, the other late: escalated to the Service Manager at Wed 3 June 10:00 and still open', async () => {
    expect(await offeredTo(s, first, 'compile_case_list')).toEqual(['marac_coordinator']);
    await s.complete(first, 'compile_case_list', {
      casesForMeeting: [
        { caseReference: 'M-5561', referringAgency: 'DAIS', maracCriteria: 'visible high risk; potential escalation', repeat: 'no' },
        { caseReference: 'MPS-7781', referringAgency: 'Police', maracCriteria: 'visible high risk', repeat: 'no' },
      ],
      caseListClosedAt: '2026-05-29T12:00',
    });
    const research = (await s.openTasks(first)).filter((t) => t.taskDefinitionKey === 'research_cases');
    expect(research).toHaveLength(2);
    expect(research.map((t) => t.candidateGroups)).toEqual([['dais_intervention_officer'], ['dais_intervention_officer']]);
    expect(research.map((t) => t.due)).toEqual(['2026-06-03T09:00:00.000Z', '2026-06-03T09:00:00.000Z']);
    expect((await s.timers(first)).find((t) => t.activityId === 't_research_due')!.dueDate).toBe('2026-06-03T09:00:00.000Z');

    s.clock.set(new Date('2026-06-02T10:00:00Z'));
    const answer = { mosaicChecked: true, daisInvolvement: 'Open case', risksIdentified: 'High risk, children', researchSummary: 'Open DAIS case, TA offered' };
    await s.completeTask(research[0], answer);

    await s.fireTimer(first, 't_research_due');
    const escalation = await s.task(first, 'escalate_research_overdue');
    expect(escalation.candidateGroups).toEqual(['dais_service_manager']);
    expect((await s.openTasks(first)).filter((t) => t.taskDefinitionKey === 'research_cases')).toHaveLength(1);
    const notices: { kind: string; recipient_group: string }[] = await s.app.dataSource.query(`SELECT kind, recipient_group FROM notification WHERE task_id = $1`, [escalation.id]);
    expect(notices).toEqual([{ kind: 'escalation', recipient_group: 'dais_service_manager' }]);

    s.clock.set(new Date('2026-06-03T13:00:00Z')); // completed 14:00 BST
    await s.completeTask(research[1], { mosaicChecked: true, daisInvolvement: 'Not known', risksIdentified: 'Threats to kill', researchSummary: 'Not known to DAIS' });
    await s.complete(first, 'escalate_research_overdue', { escalationAction: 'Chased the officer', escalationHandledAt: '2026-06-03T10:30' });
  });

  it('steps 8–11: the Service Manager chairs a virtual meeting; actions go to each agency separately; the DAIS case is recorded on Mosaic; the chair is remembered', async () => {
    expect((await openKeys(s, first)).sort()).toEqual(['hold_marac_meeting', 'provide_dais_input']);
    expect(await offeredTo(s, first, 'hold_marac_meeting')).toEqual(['dais_service_manager']);
    expect(await offeredTo(s, first, 'provide_dais_input')).toEqual(['dais_intervention_officer']);
    s.clock.set(new Date('2026-06-04T09:00:00Z'));
    await s.complete(first, 'provide_dais_input', { daisInputGiven: true, daisInvolvedCases: ['M-5561'] });
    await s.complete(first, 'hold_marac_meeting', {
      meetingHeld: 'yes', meetingHeldAt: '2026-06-04T10:00', chairName: 'DAIS Service Manager', chairRoleActual: 'Service Manager, DAIS', meetingFormatActual: 'Virtual',
      agenciesPresent: ['Police', 'DAIS', 'Hackney housing'], confidentialityReminderGiven: true, outstandingActionsReviewed: true,
      caseOutcomes: [{ caseReference: 'M-5561', informationShared: 'TA offered' }, { caseReference: 'MPS-7781', informationShared: 'Threats to kill' }],
      maracActions: [
        { caseReference: 'M-5561', action: 'Hackney housing: expedite Temporary Accommodation', owningAgency: 'Hackney housing', dueBy: '2026-06-18' },
        { caseReference: 'MPS-7781', action: 'Flag the address', owningAgency: 'Police', dueBy: '2026-06-18' },
      ],
    });

    const notices = await fetchTopic(s, 'dais-marac-action-notice', ['agency', 'agencyActions']);
    expect(notices).toHaveLength(2);
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { action: string }[];
    const byAgency = Object.fromEntries(notices.map((n) => [n.variables.agency.value as string, json(n.variables.agencyActions.value)]));
    expect(byAgency['Hackney housing'].map((a) => a.action)).toEqual(['Hackney housing: expedite Temporary Accommodation']);
    expect(byAgency.Police.map((a) => a.action)).toEqual(['Flag the address']);
    for (const n of notices) await completeExternal(s, n.id);

    const mosaic = (await s.openTasks(first)).filter((t) => t.taskDefinitionKey === 'record_marac_outcome_on_mosaic');
    expect(mosaic).toHaveLength(1);
    expect(await s.variable(mosaic[0].processInstanceId, 'caseReference')).toBe('M-5561');
    await s.complete(first, 'record_marac_outcome_on_mosaic', { mosaicNoteRecorded: true });

    expect(await s.variable(first, 'lastChairRole')).toBe('dais_service_manager');
    expect(await ending(s, first)).toEqual({ state: 'COMPLETED', endEvents: ['end_meeting_held', 'end_research_escalated'] });
    expect(await s.visited(first)).not.toContain('reschedule_meeting');
    expect(await everyGroupOffered(s, first, 'decide_meeting_format')).toEqual(['dais_service_manager']);
    expect(await everyGroupOffered(s, first, 'hold_marac_meeting')).toEqual(['dais_service_manager']);
  });

  it('step 12: the next cycle fires on Thu 11 June 09:00 and is chaired by the Detective Inspector', async () => {
    const second = await fireStartTimer();
    expect(s.clock.now().toISOString()).toBe('2026-06-11T08:00:00.000Z');
    // the worker reads who chaired the previous held meeting from its history
    const res = await s.app.http.get('/engine-rest/history/variable-instance').query({ variableName: 'lastChairRole', processInstanceId: first });
    const previousChair = (res.body as { value: string }[])[0].value;
    await meetingDetailsWorker(second, previousChair, '2026-06-18T09:00:00Z');
    expect(await s.variable(second, 'chairRole')).toBe('met_di_cesu');
    expect(await offeredTo(s, second, 'decide_meeting_format')).toEqual(['met_di_cesu']);
    expect((await s.state(second)).state).toBe('ACTIVE');
  });
});
