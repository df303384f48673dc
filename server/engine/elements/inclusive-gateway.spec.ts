import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

/** start → fork (inclusive) → police | school | health → join (inclusive) → review → end */
const inclusive = bpmn(
  'support',
  `<bpmn:startEvent id="start" />
   <bpmn:inclusiveGateway id="fork" />
   ${userTask('police')}
   ${userTask('school')}
   ${userTask('health')}
   <bpmn:inclusiveGateway id="join" />
   ${userTask('review')}
   <bpmn:endEvent id="end" />
   ${flow('f0', 'start', 'fork')}
   ${flow('toPolice', 'fork', 'police', '${needsPolice}')}
   ${flow('toSchool', 'fork', 'school', '${needsSchool}')}
   ${flow('toHealth', 'fork', 'health', '${needsHealth}')}
   ${flow('j1', 'police', 'join')}
   ${flow('j2', 'school', 'join')}
   ${flow('j3', 'health', 'join')}
   ${flow('f4', 'join', 'review')}
   ${flow('f5', 'review', 'end')}`,
);

describe('Inclusive gateway', () => {
  it('given several conditions hold, when the token reaches the fork, then every matching branch starts', async () => {
    const h = new EngineHarness();
    await h.deploy(inclusive);

    const instance = await h.start('support', { needsPolice: true, needsSchool: false, needsHealth: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['health', 'police']);
  });

  it('given only one branch was taken, when it arrives at the join, then the join fires at once', async () => {
    const h = new EngineHarness();
    await h.deploy(inclusive);
    const instance = await h.start('support', { needsPolice: false, needsSchool: true, needsHealth: false });

    await h.complete('school');

    expect(h.openTaskKeys(instance.id)).toEqual(['review']);
  });

  it('given two branches were taken, when the first arrives, then the join waits for the second', async () => {
    const h = new EngineHarness();
    await h.deploy(inclusive);
    const instance = await h.start('support', { needsPolice: true, needsSchool: true, needsHealth: false });

    await h.complete('police');
    expect(h.openTaskKeys(instance.id)).toEqual(['school']);

    await h.complete('school');
    expect(h.openTaskKeys(instance.id)).toEqual(['review']);
    await h.complete('review');
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id).filter((a) => a === 'review')).toHaveLength(1);
  });
});

describe('Inclusive gateway inside a subprocess', () => {
  const nested = bpmn(
    'nested',
    `<bpmn:startEvent id="start" />
     <bpmn:subProcess id="sub">
       <bpmn:startEvent id="subStart" /><bpmn:inclusiveGateway id="fork" />${userTask('a')}${userTask('b')}<bpmn:inclusiveGateway id="join" /><bpmn:endEvent id="subEnd" />
       ${flow('s0', 'subStart', 'fork')}${flow('s1', 'fork', 'a', '${x}')}${flow('s2', 'fork', 'b', '${y}')}${flow('s3', 'a', 'join')}${flow('s4', 'b', 'join')}${flow('s5', 'join', 'subEnd')}
     </bpmn:subProcess>
     ${userTask('after')}${chain(['start', 'sub', 'after'])}`,
  );

  it('given one branch taken inside a subprocess, when it arrives, then the join fires and the subprocess completes', async () => {
    const h = new EngineHarness();
    await h.deploy(nested);
    const instance = await h.start('nested', { x: true, y: false });

    await h.complete('a');

    expect(h.openTaskKeys(instance.id)).toEqual(['after']);
  });

  it('given two branches taken inside a subprocess, when the first arrives, then the join waits for the second', async () => {
    const h = new EngineHarness();
    await h.deploy(nested);
    const instance = await h.start('nested', { x: true, y: true });

    await h.complete('a');
    expect(h.openTaskKeys(instance.id)).toEqual(['b']);
    await h.complete('b');

    expect(h.openTaskKeys(instance.id)).toEqual(['after']);
  });
});
