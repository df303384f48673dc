import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const waitsForReport = bpmn(
  'awaitReport',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="reportIn"><bpmn:messageEventDefinition messageRef="Msg_report" /></bpmn:intermediateCatchEvent>
   ${userTask('readReport')}
   ${chain(['start', 'reportIn', 'readReport'])}`,
  `<bpmn:message id="Msg_report" name="reportReceived" />`,
);

async function twoWaitingCases() {
  const h = new EngineHarness();
  await h.deploy(waitsForReport);
  const a = await h.start('awaitReport', { caseRef: 'A' }, 'BK-A');
  const b = await h.start('awaitReport', { caseRef: 'B' }, 'BK-B');
  return { h, a, b };
}

describe('Intermediate message events', () => {
  it('given a case waiting for a message, when it is correlated by business key, then only that case moves on with the message variables', async () => {
    const { h, a, b } = await twoWaitingCases();

    const results = await h.engine.correlateMessage({ messageName: 'reportReceived', businessKey: 'BK-B', processVariables: { reportId: { type: 'String', value: 'R-9' } } });

    expect(results).toEqual([expect.objectContaining({ resultType: 'Execution', processInstance: expect.objectContaining({ id: b.id }) })]);
    expect(h.openTaskKeys(b.id)).toEqual(['readReport']);
    expect(h.variable(b.id, 'reportId')).toBe('R-9');
    expect(h.openTaskKeys(a.id)).toEqual([]);
    expect(h.instance(a.id)!.subscriptions).toHaveLength(1);
    expect(h.instance(b.id)!.subscriptions).toHaveLength(0);
  });

  it('given two waiting cases, when the message is correlated by process instance id, then that case moves on', async () => {
    const { h, a, b } = await twoWaitingCases();

    await h.engine.correlateMessage({ messageName: 'reportReceived', processInstanceId: a.id });

    expect(h.openTaskKeys(a.id)).toEqual(['readReport']);
    expect(h.openTaskKeys(b.id)).toEqual([]);
  });

  it('given two waiting cases, when the message is correlated by correlation keys, then the case whose variables match moves on', async () => {
    const { h, a, b } = await twoWaitingCases();

    await h.engine.correlateMessage({ messageName: 'reportReceived', correlationKeys: { caseRef: { type: 'String', value: 'A' } } });

    expect(h.openTaskKeys(a.id)).toEqual(['readReport']);
    expect(h.openTaskKeys(b.id)).toEqual([]);
  });

  it('given no case matches, when the message is correlated, then MismatchingMessageCorrelation is thrown and nothing changes', async () => {
    const { h, a, b } = await twoWaitingCases();

    await expect(h.engine.correlateMessage({ messageName: 'reportReceived', businessKey: 'BK-NONE' })).rejects.toMatchObject({ code: 'MismatchingMessageCorrelation' });

    expect(h.openTaskKeys()).toEqual([]);
    expect(h.instance(a.id)!.subscriptions).toHaveLength(1);
    expect(h.instance(b.id)!.subscriptions).toHaveLength(1);
  });

  it('given two cases match, when the message is correlated without all, then it is refused and neither case moves', async () => {
    const { h } = await twoWaitingCases();

    await expect(h.engine.correlateMessage({ messageName: 'reportReceived' })).rejects.toMatchObject({ code: 'MismatchingMessageCorrelation' });

    expect(h.openTaskKeys()).toEqual([]);
  });

  it('given two cases match, when the message is correlated with all, then both move on', async () => {
    const { h, a, b } = await twoWaitingCases();

    const results = await h.engine.correlateMessage({ messageName: 'reportReceived', all: true });

    expect(results).toHaveLength(2);
    expect(h.openTaskKeys(a.id)).toEqual(['readReport']);
    expect(h.openTaskKeys(b.id)).toEqual(['readReport']);
  });

  it('given an intermediate message throw event without implementation, when the token arrives, then it passes through', async () => {
    const h = new EngineHarness();
    await h.deploy(
      bpmn(
        'notify',
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateThrowEvent id="tellSchool"><bpmn:messageEventDefinition messageRef="Msg_tell" /></bpmn:intermediateThrowEvent>
         ${userTask('next')}
         ${chain(['start', 'tellSchool', 'next'])}`,
        `<bpmn:message id="Msg_tell" name="tellSchool" />`,
      ),
    );

    const instance = await h.start('notify');

    expect(h.openTaskKeys(instance.id)).toEqual(['next']);
    expect(h.path(instance.id)).toEqual(['start', 'tellSchool']);
  });
});
