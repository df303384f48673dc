import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const messages = `<bpmn:message id="Msg_referral" name="referralReceived" />`;
const signals = `<bpmn:signal id="Sig_alert" name="cityAlert" />`;

describe('Start events', () => {
  it('given a none start event, when the case starts, then the token moves to the first task', async () => {
    const h = new EngineHarness();
    await h.deploy(bpmn('intake', `<bpmn:startEvent id="start" />${userTask('screen')}${chain(['start', 'screen'])}`));

    const instance = await h.start('intake', {}, 'CASE-1');

    expect(h.openTaskKeys(instance.id)).toEqual(['screen']);
    expect(h.instance(instance.id)!.businessKey).toBe('CASE-1');
    expect(h.path(instance.id)).toEqual(['start']);
  });

  it('given a message start event, when the message is correlated and no case waits for it, then a new case starts with the business key', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'referral',
        `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="Msg_referral" /></bpmn:startEvent>
         ${userTask('screen')}
         ${chain(['received', 'screen'])}`,
        messages,
      ),
    );

    const results = await h.engine.correlateMessage({
      messageName: 'referralReceived',
      businessKey: 'REF-42',
      processVariables: { source: { type: 'String', value: 'school' } },
    });

    expect(results).toHaveLength(1);
    expect(results[0].resultType).toBe('ProcessDefinition');
    const id = results[0].processInstance.id;
    expect(results[0].processInstance.businessKey).toBe('REF-42');
    expect(h.instance(id)!.businessKey).toBe('REF-42');
    expect(h.instance(id)!.startActivityId).toBe('received');
    expect(h.openTaskKeys(id)).toEqual(['screen']);
    expect(h.variable(id, 'source')).toBe('school');
  });

  it('given a process with only a message start event, when it is started without a message, then the start is refused', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn('referral', `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="Msg_referral" /></bpmn:startEvent>${userTask('screen')}${chain(['received', 'screen'])}`, messages),
    );

    await expect(h.start('referral')).rejects.toMatchObject({ code: 'InvalidRequest' });
    expect(h.store.data.instances.size).toBe(0);
  });

  it('given a signal start event in two processes, when the signal is thrown, then one case of each starts', async () => {
    const h = new EngineHarness();
    const startsOn = (key: string) =>
      bpmn(key, `<bpmn:startEvent id="alert"><bpmn:signalEventDefinition signalRef="Sig_alert" /></bpmn:startEvent>${userTask(`${key}Task`)}${chain(['alert', `${key}Task`])}`, signals);
    await h.deploy(startsOn('housing'), 'housing.bpmn');
    await h.deploy(startsOn('schools'), 'schools.bpmn');

    await h.engine.throwSignal({ name: 'cityAlert' });

    expect(h.openTaskKeys()).toEqual(['housingTask', 'schoolsTask']);
    expect([...h.store.data.instances.values()].map((i) => i.startActivityId)).toEqual(['alert', 'alert']);
  });
});
