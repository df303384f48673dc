import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const signal = `<bpmn:signal id="Sig_lockdown" name="lockdown" />`;

const catcher = bpmn(
  'listener',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="onLockdown"><bpmn:signalEventDefinition signalRef="Sig_lockdown" /></bpmn:intermediateCatchEvent>
   ${userTask('react')}
   ${chain(['start', 'onLockdown', 'react'])}`,
  signal,
);

const thrower = bpmn(
  'announcer',
  `<bpmn:startEvent id="start" />
   ${userTask('decide')}
   <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="Sig_lockdown" /></bpmn:intermediateThrowEvent>
   <bpmn:endEvent id="end" />
   ${chain(['start', 'decide', 'announce', 'end'])}`,
  signal,
);

describe('Signal events', () => {
  it('given a case waiting for a signal, when another case of the same tenant throws it, then the waiting case moves on', async () => {
    const h = new EngineHarness();
    await h.deploy(catcher, 'listener.bpmn', 'council-a');
    await h.deploy(thrower, 'announcer.bpmn', 'council-a');
    const listening = await h.start('listener', {}, undefined, 'council-a');
    const announcing = await h.start('announcer', {}, undefined, 'council-a');

    await h.complete('decide', {}, announcing.id);

    expect(h.openTaskKeys(listening.id)).toEqual(['react']);
    expect(h.processState(announcing.id)).toBe('COMPLETED');
    expect(h.path(announcing.id)).toEqual(['start', 'decide', 'announce', 'end']);
  });

  it('given a case of another tenant waiting for the same signal, when it is thrown, then that case does not receive it', async () => {
    const h = new EngineHarness();
    await h.deploy(catcher, 'listener.bpmn', 'council-a');
    await h.deploy(catcher, 'listener.bpmn', 'council-b');
    await h.deploy(thrower, 'announcer.bpmn', 'council-a');
    const ownTenant = await h.start('listener', {}, undefined, 'council-a');
    const otherTenant = await h.start('listener', {}, undefined, 'council-b');
    const announcing = await h.start('announcer', {}, undefined, 'council-a');

    await h.complete('decide', {}, announcing.id);

    expect(h.openTaskKeys(ownTenant.id)).toEqual(['react']);
    expect(h.openTaskKeys(otherTenant.id)).toEqual([]);
    expect(h.instance(otherTenant.id)!.subscriptions).toEqual([expect.objectContaining({ type: 'signal', eventName: 'lockdown' })]);
  });

  it('given two waiting cases, when the signal is thrown through the API, then both move on', async () => {
    const h = new EngineHarness();
    await h.deploy(catcher);
    const a = await h.start('listener');
    const b = await h.start('listener');

    await h.engine.throwSignal({ name: 'lockdown', variables: { level: { type: 'Integer', value: 3 } } });

    expect(h.openTaskKeys(a.id)).toEqual(['react']);
    expect(h.openTaskKeys(b.id)).toEqual(['react']);
    expect(h.variable(a.id, 'level')).toBe(3);
  });
});

describe('Signal thrown and caught in one case', () => {
  it('given a branch waiting for a signal, when another branch of the same case throws it, then the waiting branch moves on', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'selfSignal',
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Sig_lockdown" /></bpmn:intermediateCatchEvent>
         ${userTask('go')}
         <bpmn:intermediateThrowEvent id="send"><bpmn:signalEventDefinition signalRef="Sig_lockdown" /></bpmn:intermediateThrowEvent>
         ${userTask('caught')}${userTask('sent')}
         ${flow('a', 'start', 'fork')}${flow('b', 'fork', 'wait')}${flow('c', 'fork', 'go')}${flow('d', 'go', 'send')}${flow('e', 'wait', 'caught')}${flow('g', 'send', 'sent')}`,
        signal,
      ),
    );
    const instance = await h.start('selfSignal');

    await h.complete('go');

    expect(h.openTaskKeys(instance.id)).toEqual(['caught', 'sent']);
  });
});
