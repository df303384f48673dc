import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const message = `<bpmn:message id="Msg_update" name="caseUpdate" />`;

function withBoundary(definition: string, interrupting: boolean): string {
  return bpmn(
    'assessment',
    `<bpmn:startEvent id="start" />
     ${userTask('assess')}
     <bpmn:endEvent id="end" />
     <bpmn:boundaryEvent id="onEvent" attachedToRef="assess" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>
     ${userTask('followUp')}
     <bpmn:endEvent id="followUpEnd" />
     ${chain(['start', 'assess', 'end'])}
     ${flow('b1', 'onEvent', 'followUp')}
     ${flow('b2', 'followUp', 'followUpEnd')}`,
    message,
  );
}

const messageBoundary = `<bpmn:messageEventDefinition messageRef="Msg_update" />`;
const timerBoundary = `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>`;

describe('Boundary events', () => {
  it('given an interrupting message boundary event, when the message arrives, then the task is cancelled and the boundary path is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(messageBoundary, true));
    const instance = await h.start('assessment', {}, 'C-1');

    await h.engine.correlateMessage({ messageName: 'caseUpdate', businessKey: 'C-1' });

    expect(h.openTaskKeys(instance.id)).toEqual(['followUp']);
    expect(h.store.historyOf('activity-instance').find((a) => a.activityId === 'assess')!.canceled).toBe(true);
    expect(h.path(instance.id)).toEqual(['start', 'onEvent']);
    expect(h.instance(instance.id)!.subscriptions).toEqual([]);
  });

  it('given a non-interrupting message boundary event, when the message arrives, then the task stays open and an extra token runs the boundary path', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(messageBoundary, false));
    const instance = await h.start('assessment', {}, 'C-1');

    await h.engine.correlateMessage({ messageName: 'caseUpdate', businessKey: 'C-1' });

    expect(h.openTaskKeys(instance.id)).toEqual(['assess', 'followUp']);
    await h.complete('followUp');
    expect(h.openTaskKeys(instance.id)).toEqual(['assess']);
    await h.complete('assess');
    expect(h.processState(instance.id)).toBe('COMPLETED');
  });

  it('given the task completes first, when it does, then the boundary listener is removed', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(messageBoundary, true));
    const instance = await h.start('assessment', {}, 'C-1');

    await h.complete('assess');

    expect(h.processState(instance.id)).toBe('COMPLETED');
    await expect(h.engine.correlateMessage({ messageName: 'caseUpdate', businessKey: 'C-1' })).rejects.toMatchObject({ code: 'MismatchingMessageCorrelation' });
  });

  it('given an interrupting timer boundary event, when its job fires, then the task is cancelled and the boundary path is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(timerBoundary, true));
    const instance = await h.start('assessment');
    const [job] = h.instance(instance.id)!.jobs;
    expect(job.dueDate).toBe('2026-11-25T10:00:00.000Z');

    await h.engine.executeJob(job.id);

    expect(h.openTaskKeys(instance.id)).toEqual(['followUp']);
    expect(h.instance(instance.id)!.jobs).toEqual([]);
  });

  it('given a non-interrupting timer boundary event, when its job fires, then the task stays open and the boundary path runs too', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(timerBoundary, false));
    const instance = await h.start('assessment');
    const [job] = h.instance(instance.id)!.jobs;

    await h.engine.executeJob(job.id);

    expect(h.openTaskKeys(instance.id)).toEqual(['assess', 'followUp']);
    expect(h.instance(instance.id)!.jobs).toEqual([]);
  });

  it('given a timer boundary event, when the task completes before the timer, then the job is removed', async () => {
    const h = new EngineHarness();
    await h.deploy(withBoundary(timerBoundary, true));
    const instance = await h.start('assessment');
    const [job] = h.instance(instance.id)!.jobs;

    await h.complete('assess');

    expect(h.processState(instance.id)).toBe('COMPLETED');
    await expect(h.engine.executeJob(job.id)).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('Boundary events on subprocesses and repeating timers', () => {
  it('given an interrupting timer on a subprocess, when it fires, then every task inside is cancelled and the boundary path is taken', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'outer',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart" />${userTask('inside')}${chain(['subStart', 'inside'], 's')}</bpmn:subProcess>
         <bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${userTask('after')}${userTask('escalate')}
         ${chain(['start', 'sub', 'after'])}${flow('b', 'late', 'escalate')}`,
      ),
    );
    const instance = await h.start('outer');

    await h.engine.executeJob(h.instance(instance.id)!.jobs[0].id);

    expect(h.openTaskKeys(instance.id)).toEqual(['escalate']);
    expect(h.instance(instance.id)!.executions).toHaveLength(2);
  });

  it('given a non-interrupting R2 cycle timer (regression: the last occurrence re-scheduled an exhausted cycle), when it fires twice, then two reminders run and no third job is left', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'reminders',
        `<bpmn:startEvent id="start" />${userTask('work')}
         <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${userTask('nudge')}${chain(['start', 'work'])}${flow('b', 'remind', 'nudge')}`,
      ),
    );
    const instance = await h.start('reminders');
    expect(h.instance(instance.id)!.jobs.map((j) => j.dueDate)).toEqual(['2026-11-23T11:00:00.000Z']);

    h.clock.advance(3600000);
    await h.engine.executeJob(h.instance(instance.id)!.jobs[0].id);
    expect(h.instance(instance.id)!.jobs.map((j) => j.dueDate)).toEqual(['2026-11-23T12:00:00.000Z']);

    h.clock.advance(3600000);
    await h.engine.executeJob(h.instance(instance.id)!.jobs[0].id);

    expect(h.openTaskKeys(instance.id)).toEqual(['nudge', 'nudge', 'work']);
    expect(h.instance(instance.id)!.jobs).toEqual([]);
  });
});
