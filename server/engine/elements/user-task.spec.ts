import { BusinessCalendar } from '../calendar';
import { bpmn, chain, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

function oneTask(attrs: string): string {
  return bpmn('review', `<bpmn:startEvent id="start" />${userTask('decide', attrs)}<bpmn:endEvent id="end" />${chain(['start', 'decide', 'end'])}`);
}

async function started(attrs: string, variables: Record<string, unknown> = {}) {
  const h = new EngineHarness();
  await h.deploy(oneTask(attrs));
  const instance = await h.start('review', variables);
  return { h, instance, task: h.tasks(instance.id)[0] };
}

describe('User task', () => {
  it('given assignee and candidates as expressions, when the task is created, then they hold the evaluated values', async () => {
    const { task } = await started('camunda:assignee="${worker}" camunda:candidateUsers="${lead}, amy" camunda:candidateGroups="${team},managers"', {
      worker: 'sam',
      lead: 'kim',
      team: 'duty',
    });

    expect(task.assignee).toBe('sam');
    expect(task.candidateUsers).toEqual(['kim', 'amy']);
    expect(task.candidateGroups).toEqual(['duty', 'managers']);
  });

  it('given priority and formKey, when the task is created, then it carries them', async () => {
    const { task } = await started('camunda:priority="${urgent ? 90 : 10}" camunda:formKey="embedded:app:forms/decide.html"', { urgent: true });

    expect(task.priority).toBe(90);
    expect(task.formKey).toBe('embedded:app:forms/decide.html');
  });

  it('given an ISO date-time as dueDate and an ISO duration as followUpDate, when the task is created, then both are set', async () => {
    const { task } = await started('camunda:dueDate="2026-12-24T12:00:00Z" camunda:followUpDate="P1D"');

    expect(task.due).toBe('2026-12-24T12:00:00.000Z');
    expect(task.followUp).toBe('2026-11-24T10:00:00.000Z');
  });

  it('given a working-time due date, when the task is created, then the business calendar computes it', async () => {
    const { task } = await started('camunda:dueDate="2 working days"');

    const expected = new BusinessCalendar({ region: 'ENG' }).addWorkingDays(new Date('2026-11-23T10:00:00Z'), 2);
    expect(task.due).toBe(expected.toISOString());
  });

  it('given an unclaimed task, when a user claims it, then they are the assignee', async () => {
    const { h, task } = await started('');

    await h.engine.claimTask(task.id, 'amy');

    expect(h.tasks()[0].assignee).toBe('amy');
  });

  it('given a claimed task, when it is completed, then its ended activity instance still names the task and who did it', async () => {
    const { h, task } = await started('');
    await h.engine.claimTask(task.id, 'amy');

    await h.engine.completeTask(task.id, {});

    const activity = h.store.historyOf('activity-instance').find((a) => a.activityId === task.taskDefinitionKey);
    expect(activity).toMatchObject({ taskId: task.id, assignee: 'amy' });
    expect(activity?.endTime).not.toBeNull();
  });

  it('given a task claimed by someone else, when another user claims it, then TaskAlreadyClaimed is thrown', async () => {
    const { h, task } = await started('camunda:assignee="sam"');

    await expect(h.engine.claimTask(task.id, 'amy')).rejects.toMatchObject({ code: 'TaskAlreadyClaimed' });

    expect(h.tasks()[0].assignee).toBe('sam');
  });

  it('given a claimed task, when it is unclaimed, then nobody is assigned; when an assignee is set, then that user is', async () => {
    const { h, task } = await started('camunda:assignee="sam"');

    await h.engine.unclaimTask(task.id);
    expect(h.tasks()[0].assignee).toBeNull();

    await h.engine.setAssignee(task.id, 'kim');
    expect(h.tasks()[0].assignee).toBe('kim');
  });

  it('given an open task, when it is completed with variables, then they are set on the case and the case moves on', async () => {
    const { h, instance, task } = await started('');

    const returned = await h.engine.completeTask(task.id, { outcome: { type: 'String', value: 'approved' } });

    expect(h.variable(instance.id, 'outcome')).toBe('approved');
    expect(returned.outcome).toEqual({ type: 'String', value: 'approved' });
    expect(h.processState(instance.id)).toBe('COMPLETED');
    expect(h.store.historyOf('task')).toEqual([expect.objectContaining({ taskDefinitionKey: 'decide', deleteReason: 'completed' })]);
  });

  it('given a completed task, when it is completed again, then NotFound is thrown', async () => {
    const { h, task } = await started('');
    await h.engine.completeTask(task.id);

    await expect(h.engine.completeTask(task.id)).rejects.toMatchObject({ code: 'NotFound' });
  });
});
