import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

const CONTACT = bpmn(
  'safeContact',
  `<bpmn:startEvent id="start" />
   ${userTask('contact', 'camunda:candidateGroups="tc_cho" camunda:dueDate="1 working day"')}
   <bpmn:endEvent id="end" />${chain(['start', 'contact', 'end'])}`,
);

function overdueJobs(h: EngineHarness, instanceId: string) {
  return h.instance(instanceId)!.jobs.filter((j) => j.config.handler === 'task-overdue');
}

describe('Overdue user tasks', () => {
  it('given a task with a due date, when it is created, then a job waits for its due date', async () => {
    const h = new EngineHarness();
    await h.deploy(CONTACT);

    const instance = await h.start('safeContact', {}, 'TC-1');

    const [task] = h.tasks(instance.id);
    expect(overdueJobs(h, instance.id)).toEqual([expect.objectContaining({ type: 'timer', activityId: 'contact', dueDate: task.due, executionId: task.executionId })]);
  });

  it('given an open task, when its overdue job fires, then history records the moment and the candidate group is told', async () => {
    const h = new EngineHarness();
    await h.deploy(CONTACT);
    const instance = await h.start('safeContact', {}, 'TC-1');
    const [job] = overdueJobs(h, instance.id);
    h.clock.set(new Date(job.dueDate!));

    await h.engine.executeJob(job.id);

    expect(h.store.historyOf('task-overdue')).toEqual([{ id: h.tasks(instance.id)[0].id, processInstanceId: instance.id, overdueAt: job.dueDate }]);
    expect(h.store.data.notifications).toEqual([
      expect.objectContaining({ kind: 'overdue', recipientGroup: 'tc_cho', recipientUser: null, title: 'Overdue: contact (TC-1)', instanceId: instance.id }),
    ]);
    expect(h.openTaskKeys(instance.id)).toEqual(['contact']);
  });

  it('given a task completed in time, when it completes, then its overdue job goes with it', async () => {
    const h = new EngineHarness();
    await h.deploy(CONTACT);
    const instance = await h.start('safeContact');

    await h.complete('contact');

    expect(h.instance(instance.id)).toBeNull();
    expect(h.store.historyOf('task-overdue')).toEqual([]);
  });

  it('given a task, when its due date changes, then the overdue job moves; when cleared, it goes', async () => {
    const h = new EngineHarness();
    await h.deploy(CONTACT);
    const instance = await h.start('safeContact');
    const [task] = h.tasks(instance.id);
    const [job] = overdueJobs(h, instance.id);

    await h.engine.updateTaskDates(task.id, { due: new Date('2026-12-01T12:00:00Z') });
    expect(overdueJobs(h, instance.id)).toEqual([expect.objectContaining({ id: job.id, dueDate: '2026-12-01T12:00:00.000Z' })]);
    expect(h.tasks(instance.id)[0].due).toBe('2026-12-01T12:00:00.000Z');

    await h.engine.updateTaskDates(task.id, { due: null });
    expect(overdueJobs(h, instance.id)).toEqual([]);
  });

  it('given a task, when someone else assigns it, then the assignee is told; assigning it to oneself tells no one', async () => {
    const h = new EngineHarness();
    await h.deploy(CONTACT);
    const instance = await h.start('safeContact', {}, 'TC-2');
    const [task] = h.tasks(instance.id);

    await h.engine.setAssignee(task.id, 'alice', 'manager');
    await h.engine.setAssignee(task.id, 'bob', 'bob');

    expect(h.store.data.notifications).toEqual([expect.objectContaining({ kind: 'assignment', recipientUser: 'alice', recipientGroup: null, title: 'Assigned to you: contact (TC-2)' })]);
  });
});
