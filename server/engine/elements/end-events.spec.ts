import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

describe('End events', () => {
  it('given a none end event on one of two branches, when that branch ends, then the case stays active for the other', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'twoBranches',
        `<bpmn:startEvent id="start" />
         <bpmn:parallelGateway id="fork" />
         ${userTask('a')}
         ${userTask('b')}
         <bpmn:endEvent id="endA" />
         <bpmn:endEvent id="endB" />
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'a')}${flow('f2', 'fork', 'b')}
         ${flow('f3', 'a', 'endA')}${flow('f4', 'b', 'endB')}`,
      ),
    );
    const instance = await h.start('twoBranches');

    await h.complete('a');
    expect(h.openTaskKeys(instance.id)).toEqual(['b']);
    expect(h.instance(instance.id)!.state).toBe('ACTIVE');

    await h.complete('b');
    expect(h.processState(instance.id)).toBe('COMPLETED');
  });

  it('given a terminate end event, when a token reaches it, then the other parallel tokens end and the case completes', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'withdrawal',
        `<bpmn:startEvent id="start" />
         <bpmn:parallelGateway id="fork" />
         ${userTask('assess')}
         ${userTask('withdraw')}
         <bpmn:endEvent id="done" />
         <bpmn:endEvent id="withdrawn"><bpmn:terminateEventDefinition /></bpmn:endEvent>
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'assess')}${flow('f2', 'fork', 'withdraw')}
         ${flow('f3', 'assess', 'done')}${flow('f4', 'withdraw', 'withdrawn')}`,
      ),
    );
    const instance = await h.start('withdrawal');

    await h.complete('withdraw');

    expect(h.instance(instance.id)).toBeNull();
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.store.historyOf('process-instance')[0].endActivityId).toBe('withdrawn');
    const assess = h.store.historyOf('activity-instance').find((a) => a.activityId === 'assess')!;
    expect(assess.canceled).toBe(true);
    expect(h.store.historyOf('task').find((t) => t.taskDefinitionKey === 'assess')!.endTime).not.toBeNull();
  });

  it('given an error end event nobody catches, when a token reaches it, then it ends like a none end event', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'uncaught',
        `<bpmn:startEvent id="start" />
         ${userTask('work')}
         <bpmn:endEvent id="failed"><bpmn:errorEventDefinition errorRef="Err_1" /></bpmn:endEvent>
         ${chain(['start', 'work', 'failed'])}`,
        `<bpmn:error id="Err_1" name="Rejected" errorCode="REJECTED" />`,
      ),
    );
    const instance = await h.start('uncaught');

    await h.complete('work');

    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.path(instance.id)).toEqual(['start', 'work', 'failed']);
    expect(h.store.historyOf('incident')).toEqual([]);
  });
});

describe('Terminate end event inside a subprocess', () => {
  it('given a terminate end event in a subprocess, when a token reaches it, then only the subprocess ends and the case continues after it', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'outer',
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="sub">
           <bpmn:startEvent id="subStart" /><bpmn:parallelGateway id="fork" />${userTask('a')}${userTask('b')}
           <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
           ${flow('s0', 'subStart', 'fork')}${flow('s1', 'fork', 'a')}${flow('s2', 'fork', 'b')}${flow('s3', 'a', 'stop')}
         </bpmn:subProcess>
         ${userTask('after')}
         ${chain(['start', 'sub', 'after'])}`,
      ),
    );
    const instance = await h.start('outer');

    await h.complete('a');

    expect(h.openTaskKeys(instance.id)).toEqual(['after']);
    expect(h.instance(instance.id)!.state).toBe('ACTIVE');
  });
});
