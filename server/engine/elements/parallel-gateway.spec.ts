import { bpmn, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const forkJoin = bpmn(
  'checks',
  `<bpmn:startEvent id="start" />
   <bpmn:parallelGateway id="fork" />
   ${userTask('policeCheck')}
   ${userTask('schoolCheck')}
   ${userTask('healthCheck')}
   <bpmn:parallelGateway id="join" />
   ${userTask('review')}
   <bpmn:endEvent id="end" />
   ${flow('f0', 'start', 'fork')}
   ${flow('f1', 'fork', 'policeCheck')}
   ${flow('f2', 'fork', 'schoolCheck')}
   ${flow('f3', 'fork', 'healthCheck')}
   ${flow('j1', 'policeCheck', 'join')}
   ${flow('j2', 'schoolCheck', 'join')}
   ${flow('j3', 'healthCheck', 'join')}
   ${flow('f4', 'join', 'review')}
   ${flow('f5', 'review', 'end')}`,
);

describe('Parallel gateway', () => {
  it('given a fork with three branches, when the case starts, then all three tasks are open', async () => {
    const h = new EngineHarness();
    await h.deploy(forkJoin);

    const instance = await h.start('checks');

    expect(h.openTaskKeys(instance.id)).toEqual(['healthCheck', 'policeCheck', 'schoolCheck']);
  });

  it('given a join, when only some branches have arrived, then the join waits for the rest', async () => {
    const h = new EngineHarness();
    await h.deploy(forkJoin);
    const instance = await h.start('checks');

    await h.complete('policeCheck');
    await h.complete('schoolCheck');

    expect(h.openTaskKeys(instance.id)).toEqual(['healthCheck']);
    expect(h.path(instance.id)).not.toContain('join');
  });

  it('given a join, when the last branch arrives, then one token continues', async () => {
    const h = new EngineHarness();
    await h.deploy(forkJoin);
    const instance = await h.start('checks');

    await h.complete('policeCheck');
    await h.complete('healthCheck');
    await h.complete('schoolCheck');

    expect(h.openTaskKeys(instance.id)).toEqual(['review']);
    await h.complete('review');
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id).filter((a) => a === 'end')).toHaveLength(1);
  });
});
