import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

/** A timer after which a gateway condition cannot be evaluated: every firing fails. */
const BROKEN_AFTER_TIMER = bpmn(
  'cooling',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:exclusiveGateway id="decide" />
   ${userTask('review')}${userTask('close')}
   ${chain(['start', 'wait', 'decide'])}
   ${flow('toReview', 'decide', 'review', '${riskScore > 10}')}
   ${flow('toClose', 'decide', 'close', '${riskScore <= 10}')}`,
);

async function waitingCase(h: EngineHarness) {
  await h.deploy(BROKEN_AFTER_TIMER);
  const instance = await h.start('cooling');
  const [job] = h.instance(instance.id)!.jobs;
  return { instance, job };
}

describe('Job failures', () => {
  it('given a firing that fails, when the scheduler fires it, then one retry is taken off and the error class kept', async () => {
    const h = new EngineHarness();
    const { instance, job } = await waitingCase(h);

    expect(await h.engine.fireJob(job.id)).toBe('retry');

    const after = h.instance(instance.id)!;
    expect(after.jobs).toEqual([expect.objectContaining({ id: job.id, retries: 2, exceptionMessage: expect.stringMatching(/^EngineError \(/) })]);
    expect(after.incidents).toEqual([]);
    expect(after.executions.find((e) => e.activityId === 'wait')).toBeDefined();
  });

  it('given a job failing on its last retry, then it becomes a failedJob incident and is not fired again until retries are set', async () => {
    const h = new EngineHarness();
    const { instance, job } = await waitingCase(h);

    expect([await h.engine.fireJob(job.id), await h.engine.fireJob(job.id), await h.engine.fireJob(job.id)]).toEqual(['retry', 'retry', 'incident']);
    expect(h.instance(instance.id)!.incidents).toEqual([expect.objectContaining({ type: 'failedJob', configuration: job.id, activityId: 'wait' })]);
    expect(await h.engine.fireJob(job.id)).toBe('incident');
    expect(h.instance(instance.id)!.jobs[0].retries).toBe(0);

    await h.engine.setJobRetries(job.id, 1);

    expect(h.instance(instance.id)!.incidents).toEqual([]);
    expect(h.store.historyOf('incident')).toEqual([expect.objectContaining({ configuration: job.id, resolved: true, open: false })]);
    expect(h.instance(instance.id)!.jobs[0].retries).toBe(1);
  });

  it('given a failed job, when the cause is fixed and it fires again, then the case moves on', async () => {
    const h = new EngineHarness();
    const { instance, job } = await waitingCase(h);
    await expect(h.engine.executeJob(job.id)).rejects.toMatchObject({ code: 'Expression' });

    await h.engine.setVariables(instance.id, { riskScore: { type: 'Integer', value: 12 } });
    await h.engine.executeJob(job.id);

    expect(h.openTaskKeys(instance.id)).toEqual(['review']);
  });

  it('given a job, when its due date is moved, then it is due then', async () => {
    const h = new EngineHarness();
    const { instance, job } = await waitingCase(h);

    await h.engine.setJobDueDate(job.id, new Date('2026-12-24T09:00:00Z'));

    expect(h.instance(instance.id)!.jobs[0].dueDate).toBe('2026-12-24T09:00:00.000Z');
  });

  it('given a job that no longer exists, when it fires, then nothing happens', async () => {
    const h = new EngineHarness();

    expect(await h.engine.fireJob('gone')).toBe('gone');
  });
});
