import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR, Scenario } from '../../support/scenario';

/**
 * The supported-housing provider's response (`processes/supported-housing/`), driven over the
 * REST API as walk-through scenario S11 in `shared/procedures/scenarios.md` reads. The DASH risk
 * checklist is the shared `dash_risk_assessment` process from `processes/_shared/`.
 */

const TENANT = 'supported-housing';
const BOTH = 'Both parties are service users / residents';

interface FormComponent {
  key?: string;
  type: string;
  values?: { label: string; value: string }[];
}

/** Opens the scenario with BullMQ wake-ups paused: deadlines pass only when the test executes their job. */
async function openScenario(startsAt: string): Promise<Scenario> {
  const s = await Scenario.open(TENANT, startsAt);
  await s.app.host.scheduler.queue.pause();
  return s;
}

/** Completes a task, then lets a second pass so that history orders the steps as they happened. */
async function answer(s: Scenario, root: string, taskKey: string, answers: Record<string, unknown>): Promise<void> {
  await s.complete(root, taskKey, answers);
  s.clock.set(new Date(s.clock.now().getTime() + 1000));
}

/** The DASH question fields (`qNN_…` radios) of the shared checklist forms, in form order. */
function dashQuestions(): FormComponent[] {
  const dir = join(PROCESSES_DIR, '_shared');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.form'))
    .flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')).components ?? []) as FormComponent[])
    .filter((c) => c.type === 'radio' && /^q\d{2}_[A-Za-z0-9_]+$/.test(c.key ?? ''));
}

/** Answers the shared DASH sub-process as S11 says: `yesCount` "Yes" answers, judgement "No change". */
async function answerDash(s: Scenario, root: string, yesCount: number): Promise<void> {
  const questions = dashQuestions();
  const answersFor: Record<string, Record<string, unknown>> = {
    dash_prepare: { safeToTalk: 'yes', perpetratorWhereabouts: 'Moved to another floor', purposeExplained: true, sharingExplained: true, versionUsed: 'Adult (24 questions)' },
    dash_ask_questions: Object.fromEntries(
      questions.map((q, i) => [q.key!, q.values!.find((v) => v.label === (i < yesCount ? 'Yes' : 'No'))?.value ?? (i < yesCount ? 'Yes' : 'No')]),
    ),
    dash_professional_judgement: { professionalJudgement: 'No change' },
    dash_escalation_and_history: { incidentsLast12Months: 1 },
    dash_share_result: { resultExplained: true, victimViewOnMarac: 'Agrees' },
  };
  for (let step = 0; step < 10; step++) {
    const dashTask = (await s.openTasks(root)).find((t) => t.taskDefinitionKey.startsWith('dash_'));
    if (!dashTask) return;
    await answer(s, root, dashTask.taskDefinitionKey, answersFor[dashTask.taskDefinitionKey] ?? {});
  }
  throw new Error('The DASH sub-process did not finish');
}

async function ending(s: Scenario, instanceId: string): Promise<{ state: string; endEvents: string[] }> {
  const rows: { activity_id: string }[] = await s.app.dataSource.query(
    `SELECT activity_id FROM hi_activity_instance WHERE instance_id = $1 AND activity_type LIKE '%EndEvent' AND end_time IS NOT NULL ORDER BY activity_id`,
    [instanceId],
  );
  return { state: (await s.state(instanceId)).state, endEvents: rows.map((r) => r.activity_id) };
}

describe('supported-housing model', () => {
  it('starts from a disclosure, a suspicion or a witnessed incident, and keeps the local agencies as signposting data', () => {
    const xml = readFileSync(join(PROCESSES_DIR, 'supported-housing', 'supported_housing_da_response.bpmn'), 'utf8');
    for (const start of ['start_disclosure', 'start_suspicion', 'start_witnessed_incident']) expect(xml).toContain(`id="${start}"`);
    const data = JSON.parse(readFileSync(join(PROCESSES_DIR, 'supported-housing', 'signposting.json'), 'utf8'));
    expect(data.entries.map((e: { key: string }) => e.key)).toEqual(['emergency_999', 'sh_local_agencies']);
    expect(data.entries[1].name).toBe('IDVA; Stop! Domestic Abuse; Yellow Door; Hampton Trust');
  });
});

describe('S11 — Supported housing: staff witness an assault between two residents; 999; HIGH risk → MARAC for the victim and MATAC for the perpetrator; safeguarding and serious-incident reports', () => {
  let s: Scenario;
  let root: string;

  beforeAll(async () => {
    s = await openScenario('2026-06-16T20:00:00Z'); // Tue 16 June 2026 21:00 BST
    await s.correlate('sh_da_witnessed_incident', { businessKey: 'SH-S11' });
    const [row] = await s.app.dataSource.query(`SELECT id FROM hi_process_instance WHERE business_key = $1`, ['SH-S11']);
    root = row.id;
  });
  afterAll(() => s.close());

  it('steps 1–4: recognition, 999 without intervening, section 8, reassurance', async () => {
    expect((await s.task(root, 'recognise_domestic_abuse')).candidateGroups).toEqual(['sh_staff']);
    await answer(s, root, 'recognise_domestic_abuse', {
      recognitionType: 'Staff witnessed an incident', recognisedAt: '2026-06-16T21:00', serviceUser: 'Resident A (victim), Resident B', serviceUserRole: BOTH, perpetratorAlsoServiceUser: 'yes',
      emergencyNow: 'yes', physicalViolenceInProgress: 'yes',
    });
    expect((await s.task(root, 'call_999')).candidateGroups).toEqual(['sh_staff']);
    await answer(s, root, 'call_999', { called999At: '2026-06-16T21:02', didNotIntervenePhysically: true });
    await answer(s, root, 'apply_policy_section_8', { section8Applied: true, section8Actions: 'Residents separated to different floors' });
    await answer(s, root, 'speak_and_reassure', { spokeWithServiceUserAt: '2026-06-16T21:20', reassuredNotAtFault: true, notes: 'Resident A shaken, minor injuries' });
    expect(await s.path(root)).toEqual(expect.arrayContaining(['start_witnessed_incident', 'g_emergency', 'call_999', 'g_perpetrator_also_resident', 'apply_policy_section_8', 'speak_and_reassure']));
  });

  it('step 5: the shared DASH scores 16 "Yes" as high risk and MARAC-eligible', async () => {
    await answerDash(s, root, 16);
    expect(await s.variable(root, 'riskLevel')).toBe('high');
    expect(await s.variable(root, 'maracEligible')).toBe(true);
    expect(await s.visited(root)).not.toContain('record_perpetrator_risk_note');
  });

  it('steps 6–8: safety plan, place of safety, partners alerted with consent, reports notify the line manager and DA Lead', async () => {
    await answer(s, root, 'agree_safety_plan', { safetyPlan: 'Stay at partner scheme tonight; staff check-ins', serviceUserAgrees: 'yes', colocationConcerns: 'yes' });
    await answer(s, root, 'discuss_place_of_safety', { placeOfSafetyDiscussed: true, placeOfSafetyOutcome: 'Moved to partner scheme tonight' });
    await answer(s, root, 'alert_partner_agencies', { agenciesInvolved: ['Community mental health team'], ssjHousingManagementAlerted: 'yes', plansShared: ['Risk assessment', 'Safety plan'], consent: 'Obtained' });
    await answer(s, root, 'report_as_appropriate', { reportedTo: ['Police', 'Line manager', 'Domestic Abuse Lead', 'Local Authority'], reportDetails: 'Assault between two residents; 999 called' });
    expect(await s.path(root)).toContain('notify_internal_recipients');
  });

  it('steps 9–12: Local Authority guidance; unsure about an SI report → DA Lead guidance → SI and safeguarding reports', async () => {
    await answer(s, root, 'follow_local_authority_guidance', {
      localAuthority: 'Southampton City Council', laProcessFollowed: 'LA DA guidance followed', seriousIncidentReportNeeded: 'unsure', safeguardingReportNeeded: 'yes', perpetratorHighRisk: 'yes',
    });
    const guidance = await s.task(root, 'seek_guidance');
    expect(guidance.candidateGroups).toContain('sh_da_lead');
    await answer(s, root, 'seek_guidance', { guidanceGiven: 'Yes, complete an SI report', givenBy: 'DA Lead', seriousIncidentReportNeeded: 'yes' });
    expect((await s.task(root, 'complete_serious_incident_report')).candidateGroups).toEqual(['sh_staff']);
    await answer(s, root, 'complete_serious_incident_report', { siReportRef: 'SI-221', siReportedAt: '2026-06-16T22:00' });
    await answer(s, root, 'complete_safeguarding_report', { safeguardingReportRef: 'SG-118', safeguardingReportedAt: '2026-06-16T22:10' });
  });

  it('steps 13–15: both MARAC (victim) and MATAC (perpetrator), then the local agencies for the victim', async () => {
    const open = (await s.openTasks(root)).map((t) => t.taskDefinitionKey).sort();
    expect(open).toEqual(['refer_to_marac', 'refer_to_matac']);
    expect((await s.task(root, 'refer_to_marac')).due).toBe('2026-06-17T16:00:00.000Z'); // [proposed] 1 working day from an evening referral: Wed 17:00 BST
    await answer(s, root, 'refer_to_marac', { maracArea: 'Southampton', maracReferralAt: '2026-06-16T22:30', maracCriteria: ['Visible high risk'], consentPosition: 'Consent given' });
    await answer(s, root, 'refer_to_matac', { matacArea: 'Hampshire', matacReferralAt: '2026-06-16T22:35', matacRationale: 'Serial perpetrator known to police' });
    await answer(s, root, 'refer_to_local_da_agencies', { agenciesReferredTo: ['IDVA', 'Stop! Domestic Abuse'], referralConsent: 'yes' });
  });

  it('steps 16–17: recorded before the end of the shift, risk assessment updated, response complete', async () => {
    const record = await s.task(root, 'record_on_case_management_system');
    expect(record.due).toBe('2026-06-16T22:59:00.000Z'); // [proposed] end of day: 23:59 BST
    s.clock.set(new Date('2026-06-16T22:10:00Z'));
    await answer(s, root, 'record_on_case_management_system', { systemUsed: 'Inform', recordReference: 'INF-5521', recordedAt: '2026-06-16T23:10' });
    s.clock.set(new Date('2026-06-16T22:20:00Z'));
    await answer(s, root, 'update_risk_assessment', { riskAssessmentUpdatedAt: '2026-06-16T23:20', riskAssessmentChanges: 'High risk; MARAC and MATAC referrals' });
    expect(await ending(s, root)).toEqual({ state: 'COMPLETED', endEvents: ['end_response_complete'] });
    const visited = await s.visited(root);
    expect(visited.filter((id) => id === 'refer_to_local_da_agencies')).toHaveLength(1);
    expect(visited.filter((id) => id.startsWith('escalate_'))).toEqual([]);
    expect(await s.variable(root, 'agenciesReferredTo')).toEqual(['IDVA', 'Stop! Domestic Abuse']);
  });
});
