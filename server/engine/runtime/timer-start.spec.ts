import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function timerStart(kind: 'timeDate' | 'timeCycle', text: string, task = 'prepare'): string {
  return bpmn(
    'marac',
    `<bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${text}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:startEvent>
     ${userTask(task)}<bpmn:endEvent id="end" />${chain(['tick', task, 'end'])}`,
  );
}

function definitionJobs(h: EngineHarness) {
  return [...h.store.data.definitionJobs.values()];
}

function at(h: EngineHarness, iso: string): EngineHarness {
  h.clock.set(new Date(iso));
  return h;
}

describe('Timer start event', () => {
  it('given a fortnightly MARAC cycle, when deployed, then the definition owns a job due at the first meeting', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');

    const { definitions } = await h.deploy(timerStart('timeCycle', 'R/2027-01-06T10:00:00Z/P14D'));

    expect(definitionJobs(h)).toEqual([
      expect.objectContaining({ definitionId: definitions[0].id, definitionKey: 'marac', activityId: 'tick', dueDate: '2027-01-06T10:00:00.000Z', retries: 3 }),
    ]);
  });

  it('given a cycle job, when it fires, then a case starts and the next occurrence is scheduled in the same step', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');
    await h.deploy(timerStart('timeCycle', 'R/2027-01-06T10:00:00Z/P14D'));
    const [first] = definitionJobs(h);

    h.clock.set(new Date('2027-01-06T10:00:00Z'));
    await h.engine.executeJob(first.id);

    expect(h.openTaskKeys()).toEqual(['prepare']);
    const next = definitionJobs(h);
    expect(next).toHaveLength(1);
    expect(next[0].id).not.toBe(first.id);
    expect(next[0].dueDate).toBe('2027-01-20T10:00:00.000Z');
  });

  it('given a date, when it fires, then a case starts and nothing more is scheduled', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');
    await h.deploy(timerStart('timeDate', '2027-02-01T09:00:00Z'));
    const [job] = definitionJobs(h);

    await h.engine.executeJob(job.id);

    expect(h.openTaskKeys()).toEqual(['prepare']);
    expect(definitionJobs(h)).toEqual([]);
  });

  it('given a date from an expression, when deployed, then the job is due then', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');

    await h.deploy(timerStart('timeDate', "${'2027-03-01T09:00:00Z'}"));

    expect(definitionJobs(h).map((j) => j.dueDate)).toEqual(['2027-03-01T09:00:00.000Z']);
  });

  it('given version 1 with a timer start, when version 2 is deployed, then only version 2 has a job', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');
    await h.deploy(timerStart('timeCycle', 'R/2027-01-06T10:00:00Z/P14D'));
    const [old] = definitionJobs(h);

    const { definitions } = await h.deploy(timerStart('timeCycle', 'R/2027-01-07T10:00:00Z/P14D', 'agenda'));

    expect(definitionJobs(h)).toEqual([expect.objectContaining({ definitionId: definitions[0].id, dueDate: '2027-01-07T10:00:00.000Z' })]);
    await expect(h.engine.executeJob(old.id)).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('given a limited cycle whose occurrences have all passed, when deployed, then no job is written', async () => {
    const h = at(new EngineHarness(), '2027-01-01T12:00:00Z');

    await h.deploy(timerStart('timeCycle', 'R2/2020-01-01T10:00:00Z/P1D'));

    expect(definitionJobs(h)).toEqual([]);
  });
});
