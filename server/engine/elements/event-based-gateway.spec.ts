import { bpmn, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const reply = bpmn(
  'awaitReply',
  `<bpmn:startEvent id="start" />
   <bpmn:eventBasedGateway id="firstOf" />
   <bpmn:intermediateCatchEvent id="replied"><bpmn:messageEventDefinition messageRef="Msg_reply" /></bpmn:intermediateCatchEvent>
   <bpmn:intermediateCatchEvent id="noReply"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   ${userTask('readReply')}
   ${userTask('chase')}
   ${flow('f0', 'start', 'firstOf')}
   ${flow('f1', 'firstOf', 'replied')}
   ${flow('f2', 'firstOf', 'noReply')}
   ${flow('f3', 'replied', 'readReply')}
   ${flow('f4', 'noReply', 'chase')}`,
  `<bpmn:message id="Msg_reply" name="reply" />`,
);

describe('Event-based gateway', () => {
  it('given a message and a timer behind the gateway, when the token arrives, then both listen', async () => {
    const h = new EngineHarness();
    await h.deploy(reply);

    const instance = await h.start('awaitReply', {}, 'R-1');

    const state = h.instance(instance.id)!;
    expect(state.subscriptions).toEqual([expect.objectContaining({ type: 'message', eventName: 'reply', activityId: 'replied' })]);
    expect(state.jobs).toEqual([expect.objectContaining({ activityId: 'noReply', dueDate: '2026-11-28T10:00:00.000Z' })]);
  });

  it('given the message arrives first, when it is correlated, then the message path is taken and the timer is removed', async () => {
    const h = new EngineHarness();
    await h.deploy(reply);
    const instance = await h.start('awaitReply', {}, 'R-1');
    const [job] = h.instance(instance.id)!.jobs;

    await h.engine.correlateMessage({ messageName: 'reply', businessKey: 'R-1' });

    expect(h.openTaskKeys(instance.id)).toEqual(['readReply']);
    expect(h.instance(instance.id)!.jobs).toEqual([]);
    expect(h.path(instance.id)).toEqual(['start', 'firstOf', 'replied']);
    await expect(h.engine.executeJob(job.id)).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('given the timer fires first, when its job runs, then the timer path is taken and the message subscription is removed', async () => {
    const h = new EngineHarness();
    await h.deploy(reply);
    const instance = await h.start('awaitReply', {}, 'R-1');

    await h.engine.executeJob(h.instance(instance.id)!.jobs[0].id);

    expect(h.openTaskKeys(instance.id)).toEqual(['chase']);
    expect(h.instance(instance.id)!.subscriptions).toEqual([]);
    await expect(h.engine.correlateMessage({ messageName: 'reply', businessKey: 'R-1' })).rejects.toMatchObject({ code: 'MismatchingMessageCorrelation' });
  });
});
