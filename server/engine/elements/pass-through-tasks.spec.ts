import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function through(element: string, extra = ''): string {
  return bpmn('steps', `<bpmn:startEvent id="start" />${element}${userTask('next')}${chain(['start', 'step', 'next'])}`, extra);
}

describe('Tasks without a wait state and receive tasks', () => {
  it.each([
    ['a manual task', '<bpmn:manualTask id="step" />'],
    ['a plain task', '<bpmn:task id="step" />'],
    ['a send task without implementation', '<bpmn:sendTask id="step" />'],
  ])('given %s, when the token arrives, then it passes straight through', async (_name, element) => {
    const h = new EngineHarness();
    await h.deploy(through(element));

    const instance = await h.start('steps');

    expect(h.openTaskKeys(instance.id)).toEqual(['next']);
    expect(h.path(instance.id)).toEqual(['start', 'step']);
  });

  it('given a receive task, when the token arrives, then it waits for its message; when the message is correlated, then it moves on', async () => {
    const h = new EngineHarness();
    await h.deploy(through('<bpmn:receiveTask id="step" messageRef="Msg_docs" />', '<bpmn:message id="Msg_docs" name="documentsArrived" />'));
    const instance = await h.start('steps', {}, 'D-1');
    expect(h.openTaskKeys(instance.id)).toEqual([]);
    expect(h.instance(instance.id)!.subscriptions).toEqual([expect.objectContaining({ type: 'message', eventName: 'documentsArrived', activityId: 'step' })]);

    await h.engine.correlateMessage({ messageName: 'documentsArrived', businessKey: 'D-1' });

    expect(h.openTaskKeys(instance.id)).toEqual(['next']);
  });

  it('given a script task, when the file is deployed, then it is rejected with a clear message and nothing is stored', async () => {
    const h = new EngineHarness();

    const error = await h.deploy(through('<bpmn:scriptTask id="step" scriptFormat="javascript"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>')).catch((e) => e);

    expect(error).toMatchObject({ code: 'InvalidDeployment' });
    expect(error.details.problems).toEqual([expect.objectContaining({ elementId: 'step', message: expect.stringContaining('Script tasks are not executed') })]);
    expect(h.store.data.definitions.size).toBe(0);
  });

  it('given a service task with camunda:class, when the file is deployed, then it is rejected', async () => {
    const h = new EngineHarness();

    const error = await h.deploy(through('<bpmn:serviceTask id="step" camunda:class="org.example.Send" />')).catch((e) => e);

    expect(error).toMatchObject({ code: 'InvalidDeployment' });
    expect(error.details.problems).toEqual([expect.objectContaining({ elementId: 'step', message: expect.stringContaining('camunda:type="external"') })]);
    expect(h.store.data.definitions.size).toBe(0);
  });
});
