import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const laterExpressionFails = bpmn(
  'fragile',
  `<bpmn:startEvent id="start" />
   ${userTask('first')}
   <bpmn:parallelGateway id="fork" />
   ${userTask('sideTask')}
   <bpmn:exclusiveGateway id="check" default="otherwise" />
   ${userTask('second')}
   ${userTask('third')}
   ${chain(['start', 'first', 'fork'])}
   ${flow('toSide', 'fork', 'sideTask')}
   ${flow('toCheck', 'fork', 'check')}
   ${flow('bad', 'check', 'second', '${unknownVariable}')}
   ${flow('otherwise', 'check', 'third')}`,
);

describe('Unit of work: all or nothing', () => {
  it('given an expression error in an element reached after a task completes, when the task is completed, then the error is thrown and the case is exactly as before', async () => {
    const h = new EngineHarness();
    await h.deploy(laterExpressionFails);
    const instance = await h.start('fragile');
    const before = structuredClone(h.instance(instance.id));
    const historyBefore = structuredClone([...h.store.data.history.entries()]);

    await expect(h.complete('first', { note: { type: 'String', value: 'x' } })).rejects.toMatchObject({ code: 'Expression', details: { elementId: 'bad' } });

    expect(h.instance(instance.id)).toEqual(before);
    expect(h.openTaskKeys(instance.id)).toEqual(['first']);
    expect([...h.store.data.history.entries()]).toEqual(historyBefore);
  });

  it('given the cause is fixed, when the task is completed again, then the case moves on', async () => {
    const h = new EngineHarness();
    await h.deploy(laterExpressionFails);
    const instance = await h.start('fragile');
    await expect(h.complete('first')).rejects.toMatchObject({ code: 'Expression' });

    await h.complete('first', { unknownVariable: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['second', 'sideTask']);
  });
});

describe('Unit of work: optimistic locking', () => {
  it('given one open task, when two people complete it at the same time, then exactly one succeeds and the other is refused', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('single', `<bpmn:startEvent id="start" />${userTask('decide')}${userTask('after')}${chain(['start', 'decide', 'after'])}`));
    const instance = await h.start('single');
    const [task] = h.tasks(instance.id);

    const outcomes = await Promise.allSettled([
      h.engine.completeTask(task.id, { by: { type: 'String', value: 'amy' } }),
      h.engine.completeTask(task.id, { by: { type: 'String', value: 'sam' } }),
    ]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(['OptimisticLock', 'NotFound']).toContain(rejected.reason.code);
    expect(h.openTaskKeys(instance.id)).toEqual(['after']);
    expect(h.store.historyOf('activity-instance').filter((a) => a.activityId === 'after')).toHaveLength(1);
  });
});
