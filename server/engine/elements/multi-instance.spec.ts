import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function perChild(loop: string, taskAttrs = 'camunda:assignee="${child}"'): string {
  return bpmn(
    'perChild',
    `<bpmn:startEvent id="start" />
     ${userTask('interview', taskAttrs, loop)}
     ${userTask('summarise')}
     ${chain(['start', 'interview', 'summarise'])}`,
  );
}

const parallelOverChildren = `<bpmn:multiInstanceLoopCharacteristics camunda:collection="children" camunda:elementVariable="child" />`;
const sequentialOverChildren = `<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="children" camunda:elementVariable="child" />`;

describe('Multi-instance', () => {
  it('given a parallel multi-instance over a collection, when it starts, then one task per element is open with the element variable', async () => {
    const h = new EngineHarness();
    await h.deploy(perChild(parallelOverChildren));

    const instance = await h.start('perChild', { children: ['ann', 'bob', 'cat'] });

    expect(h.tasks(instance.id).map((t) => t.assignee).sort()).toEqual(['ann', 'bob', 'cat']);
    const body = h.instance(instance.id)!.executions.find((e) => e.loop?.nrOfInstances !== undefined)!;
    const counters = Object.fromEntries(h.instance(instance.id)!.variables.filter((v) => v.scopeId === body.id).map((v) => [v.name, v.value]));
    expect(counters).toEqual({ nrOfInstances: 3, nrOfCompletedInstances: 0, nrOfActiveInstances: 3 });
  });

  it('given a parallel multi-instance, when all instances complete, then the token moves on once', async () => {
    const h = new EngineHarness();
    await h.deploy(perChild(parallelOverChildren));
    const instance = await h.start('perChild', { children: ['ann', 'bob'] });

    await h.complete('interview');
    expect(h.openTaskKeys(instance.id)).toEqual(['interview']);
    await h.complete('interview');

    expect(h.openTaskKeys(instance.id)).toEqual(['summarise']);
    expect(h.instance(instance.id)!.variables.map((v) => v.name)).toEqual(['children']);
  });

  it('given a sequential multi-instance, when each instance completes, then the next starts with the next element', async () => {
    const h = new EngineHarness();
    await h.deploy(perChild(sequentialOverChildren));
    const instance = await h.start('perChild', { children: ['ann', 'bob'] });
    expect(h.tasks(instance.id).map((t) => t.assignee)).toEqual(['ann']);

    await h.complete('interview');
    expect(h.tasks(instance.id).map((t) => t.assignee)).toEqual(['bob']);

    await h.complete('interview');
    expect(h.openTaskKeys(instance.id)).toEqual(['summarise']);
  });

  it('given loopCardinality, when it starts, then that many instances run with loopCounter', async () => {
    const h = new EngineHarness();
    await h.deploy(
      perChild('<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${copies}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>', 'camunda:assignee="worker${loopCounter}"'),
    );

    const instance = await h.start('perChild', { copies: 3 });

    expect(h.tasks(instance.id).map((t) => t.assignee).sort()).toEqual(['worker0', 'worker1', 'worker2']);
  });

  it('given a completionCondition, when it holds after an instance completes, then the remaining instances are cancelled and the token moves on', async () => {
    const h = new EngineHarness();
    await h.deploy(
      perChild(
        `<bpmn:multiInstanceLoopCharacteristics camunda:collection="children" camunda:elementVariable="child">
           <bpmn:completionCondition>\${nrOfCompletedInstances >= 1}</bpmn:completionCondition>
         </bpmn:multiInstanceLoopCharacteristics>`,
      ),
    );
    const instance = await h.start('perChild', { children: ['ann', 'bob', 'cat'] });

    await h.complete('interview');

    expect(h.openTaskKeys(instance.id)).toEqual(['summarise']);
    const interviews = h.store.historyOf('activity-instance').filter((a) => a.activityId === 'interview' && a.activityType === 'userTask');
    expect(interviews.filter((a) => a.canceled)).toHaveLength(2);
    expect(interviews.filter((a) => !a.canceled)).toHaveLength(1);
  });

  it('given an empty collection, when the token arrives, then the activity is skipped', async () => {
    const h = new EngineHarness();
    await h.deploy(perChild(parallelOverChildren));

    const instance = await h.start('perChild', { children: [] });

    expect(h.openTaskKeys(instance.id)).toEqual(['summarise']);
  });
});

describe('Multi-instance with completion condition and boundary events', () => {
  it('given a sequential multi-instance with a completionCondition, when it holds, then no further instance starts', async () => {
    const h = new EngineHarness();
    await h.deploy(
      perChild(
        '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>3</bpmn:loopCardinality><bpmn:completionCondition>${found}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>',
        '',
      ),
    );
    const instance = await h.start('perChild', { found: false });

    await h.complete('interview');
    expect(h.openTaskKeys(instance.id)).toEqual(['interview']);
    await h.complete('interview', { found: true });

    expect(h.openTaskKeys(instance.id)).toEqual(['summarise']);
  });

  it('given an interrupting message boundary on a multi-instance task, when the message arrives, then every instance is cancelled', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'perChild',
        `<bpmn:startEvent id="start" />
         ${userTask('interview', '', '<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>')}
         <bpmn:boundaryEvent id="withdrawn" attachedToRef="interview"><bpmn:messageEventDefinition messageRef="Msg_withdraw" /></bpmn:boundaryEvent>
         ${userTask('summarise')}${userTask('close')}
         ${chain(['start', 'interview', 'summarise'])}${flow('b', 'withdrawn', 'close')}`,
        '<bpmn:message id="Msg_withdraw" name="withdraw" />',
      ),
    );
    const instance = await h.start('perChild', {}, 'K-1');
    expect(h.instance(instance.id)!.subscriptions).toHaveLength(1);

    await h.engine.correlateMessage({ messageName: 'withdraw', businessKey: 'K-1' });

    expect(h.openTaskKeys(instance.id)).toEqual(['close']);
    expect(h.instance(instance.id)!.executions).toHaveLength(2);
  });
});
