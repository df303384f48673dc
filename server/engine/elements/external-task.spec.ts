import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const errors = `<bpmn:error id="Err_notFound" name="Not found" errorCode="NOT_FOUND" />`;

function withExternal(boundary = ''): string {
  return bpmn(
    'lookup',
    `<bpmn:startEvent id="start" />
     <bpmn:serviceTask id="fetchRecord" camunda:type="external" camunda:topic="records" />
     ${userTask('next')}
     ${boundary}
     ${chain(['start', 'fetchRecord', 'next'])}`,
    errors,
  );
}

const errorBoundary = `<bpmn:boundaryEvent id="onNotFound" attachedToRef="fetchRecord"><bpmn:errorEventDefinition errorRef="Err_notFound" /></bpmn:boundaryEvent>
  ${userTask('manualSearch')}
  ${flow('b1', 'onNotFound', 'manualSearch')}`;

async function waiting(model = withExternal()) {
  const h = new EngineHarness();
  await h.deploy(model);
  const instance = await h.start('lookup', { childName: 'Ann', secret: 'x' });
  return { h, instance, taskId: h.instance(instance.id)!.externalTasks[0].id };
}

const lock = (h: EngineHarness, workerId = 'w1', variables?: string[]) =>
  h.engine.fetchAndLock({ workerId, maxTasks: 10, topics: [{ topicName: 'records', lockDuration: 60000, variables }] });

describe('External service task', () => {
  it('given a waiting external task, when a worker fetches its topic, then it is locked for the lock duration with the requested variables only', async () => {
    const { h, instance } = await waiting();

    const other = await h.engine.fetchAndLock({ workerId: 'w1', maxTasks: 10, topics: [{ topicName: 'letters', lockDuration: 1000 }] });
    const locked = await lock(h, 'w1', ['childName']);

    expect(other).toEqual([]);
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ activityId: 'fetchRecord', topicName: 'records', workerId: 'w1', processInstanceId: instance.id, lockExpirationTime: '2026-11-23T10:01:00.000Z' });
    expect(locked[0].variables).toEqual({ childName: { type: 'String', value: 'Ann' } });
    expect(await lock(h, 'w2')).toEqual([]);
  });

  it('given a locked task, when the worker completes it with variables, then they are set and the case moves on', async () => {
    const { h, instance, taskId } = await waiting();
    await lock(h);

    await h.engine.completeExternalTask(taskId, 'w1', { recordId: { type: 'String', value: 'REC-1' } });

    expect(h.variable(instance.id, 'recordId')).toBe('REC-1');
    expect(h.openTaskKeys(instance.id)).toEqual(['next']);
    expect(h.instance(instance.id)!.externalTasks).toEqual([]);
  });

  it('given a task locked by one worker, when another worker completes it, then ExternalTaskLockedByOther is thrown', async () => {
    const { h, taskId } = await waiting();
    await lock(h, 'w1');

    await expect(h.engine.completeExternalTask(taskId, 'w2')).rejects.toMatchObject({ code: 'ExternalTaskLockedByOther' });
    expect(h.openTaskKeys()).toEqual([]);
  });

  it('given a failure with retries left, when reported, then no incident is raised and the task can be fetched again after the retry timeout', async () => {
    const { h, instance, taskId } = await waiting();
    await lock(h);

    await h.engine.failExternalTask(taskId, { workerId: 'w1', errorMessage: 'timeout', retries: 2, retryTimeout: 5000 });

    expect(h.instance(instance.id)!.incidents).toEqual([]);
    expect(h.instance(instance.id)!.externalTasks[0]).toMatchObject({ retries: 2, errorMessage: 'timeout' });
    expect(await lock(h)).toEqual([]);
    h.clock.advance(5000);
    expect(await lock(h)).toHaveLength(1);
  });

  it('given a failure with no retries left, when reported, then a failedExternalTask incident is raised and the task is not fetched', async () => {
    const { h, instance, taskId } = await waiting();
    await lock(h);

    await h.engine.failExternalTask(taskId, { workerId: 'w1', errorMessage: 'records system down', retries: 0 });

    expect(h.instance(instance.id)!.incidents).toEqual([expect.objectContaining({ type: 'failedExternalTask', activityId: 'fetchRecord', message: 'records system down', configuration: taskId })]);
    h.clock.advance(3600000);
    expect(await lock(h)).toEqual([]);
  });

  it('given an error boundary event, when the worker reports that BPMN error, then the boundary path is taken', async () => {
    const { h, instance, taskId } = await waiting(withExternal(errorBoundary));
    await lock(h);

    await h.engine.bpmnErrorExternalTask(taskId, 'w1', 'NOT_FOUND', 'no such child');

    expect(h.openTaskKeys(instance.id)).toEqual(['manualSearch']);
    expect(h.instance(instance.id)!.externalTasks).toEqual([]);
  });

  it('given no catcher, when the worker reports a BPMN error, then an incident is raised and the token stays', async () => {
    const { h, instance, taskId } = await waiting();
    await lock(h);

    await h.engine.bpmnErrorExternalTask(taskId, 'w1', 'NOT_FOUND');

    expect(h.instance(instance.id)!.incidents).toEqual([expect.objectContaining({ type: 'unhandledError', activityId: 'fetchRecord' })]);
    expect(h.openTaskKeys(instance.id)).toEqual([]);
    expect(h.instance(instance.id)!.state).toBe('ACTIVE');
  });

  it('given a locked task, when it is unlocked, then another worker can fetch it', async () => {
    const { h, taskId } = await waiting();
    await lock(h, 'w1');

    await h.engine.unlockExternalTask(taskId);

    expect(await lock(h, 'w2')).toEqual([expect.objectContaining({ id: taskId, workerId: 'w2' })]);
  });

  it('given a locked task, when the worker extends its lock, then the new expiry counts from now', async () => {
    const { h, instance, taskId } = await waiting();
    await lock(h, 'w1');
    h.clock.advance(30000);

    await h.engine.extendExternalTaskLock(taskId, 'w1', 120000);

    expect(h.instance(instance.id)!.externalTasks[0].lockExpirationTime).toBe('2026-11-23T10:02:30.000Z');
    await expect(h.engine.extendExternalTaskLock(taskId, 'w2', 1000)).rejects.toMatchObject({ code: 'ExternalTaskLockedByOther' });
  });
});
