import { BusinessCalendar } from '../calendar';
import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function waitsFor(kind: 'timeDuration' | 'timeDate', text: string): string {
  return bpmn(
    'cooling',
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${text}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     ${userTask('review')}
     ${chain(['start', 'wait', 'review'])}`,
  );
}

describe('Timer intermediate catch event', () => {
  it('given an ISO duration, when the token arrives, then a job is due that long after now', async () => {
    const h = new EngineHarness();
    await h.deploy(waitsFor('timeDuration', 'PT1H'));

    const instance = await h.start('cooling');

    expect(h.openTaskKeys(instance.id)).toEqual([]);
    expect(h.instance(instance.id)!.jobs).toEqual([expect.objectContaining({ type: 'timer', activityId: 'wait', dueDate: '2026-11-23T11:00:00.000Z' })]);
  });

  it('given a working-time deadline, when the token arrives, then the due date is what the business calendar says', async () => {
    const h = new EngineHarness();
    await h.deploy(waitsFor('timeDuration', '1 working day'));

    const instance = await h.start('cooling');

    const expected = new BusinessCalendar({ region: 'ENG' }).addWorkingDays(new Date('2026-11-23T10:00:00Z'), 1);
    expect(h.instance(instance.id)!.jobs[0].dueDate).toBe(expected.toISOString());
  });

  it('given a date from an expression, when the token arrives, then the job is due then', async () => {
    const h = new EngineHarness();
    await h.deploy(waitsFor('timeDate', '${hearingDate}'));

    const instance = await h.start('cooling', { hearingDate: '2026-12-01T09:30:00Z' });

    expect(h.instance(instance.id)!.jobs[0].dueDate).toBe('2026-12-01T09:30:00.000Z');
  });

  it('given a waiting timer, when its job fires, then the token moves on and the job is gone', async () => {
    const h = new EngineHarness();
    await h.deploy(waitsFor('timeDuration', 'PT1H'));
    const instance = await h.start('cooling');
    const [job] = h.instance(instance.id)!.jobs;

    await h.engine.executeJob(job.id);

    expect(h.openTaskKeys(instance.id)).toEqual(['review']);
    expect(h.instance(instance.id)!.jobs).toEqual([]);
    expect(h.path(instance.id)).toEqual(['start', 'wait']);
  });
});
