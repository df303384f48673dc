import { EngineErrorCode } from '../engine-error';
import { bpmn, chain, flow, userTask } from '../testing/bpmn-fixtures';
import { EngineHarness } from '../testing/engine-harness';

/** A safe-contact task with a 1-working-day deadline, and a follow-up timer whose gateway always fails. */
const CONTACT = bpmn(
  'safeContact',
  `<bpmn:startEvent id="start" />
   ${userTask('contact', 'camunda:candidateGroups="tc_cho" camunda:dueDate="1 working day"')}
   <bpmn:endEvent id="end" />${chain(['start', 'contact', 'end'])}`,
);

const FOLLOW_UP = bpmn(
  'followUp',
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:exclusiveGateway id="decide" />
   ${userTask('review')}
   ${chain(['start', 'wait', 'decide'])}
   ${flow('toReview', 'decide', 'review', '${riskScore > 10}')}`,
);

const MARAC_CYCLE = bpmn(
  'marac',
  `<bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/2027-01-06T10:00:00Z/P14D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
   ${userTask('prepare')}<bpmn:endEvent id="end" />${chain(['tick', 'prepare', 'end'])}`,
);

const NOTE = { userId: 'tc.manager', annotation: 'Patch officer back from leave' };

async function contactCase(h: EngineHarness) {
  await h.deploy(CONTACT, 'contact.bpmn', 'tai-calon');
  const instance = await h.start('safeContact', {}, 'TC-1', 'tai-calon');
  return { instance, task: h.tasks(instance.id)[0] };
}

describe('User operations (who did what to a case, and why)', () => {
  it('given a task, when a manager reassigns it with a note, then the assignment and the operation are recorded together', async () => {
    const h = new EngineHarness();
    const { instance, task } = await contactCase(h);

    await h.engine.setAssignee(task.id, 'tc.cho', null, { operation: NOTE });

    expect(h.tasks(instance.id)[0].assignee).toBe('tc.cho');
    expect(h.store.historyOf('user-operation')).toEqual([
      {
        id: expect.any(String),
        operationType: 'Assign',
        tenantId: 'tai-calon',
        processInstanceId: instance.id,
        rootProcessInstanceId: instance.id,
        taskId: task.id,
        jobId: null,
        userId: 'tc.manager',
        annotation: 'Patch officer back from leave',
        timestamp: '2026-11-23T10:00:00.000Z',
      },
    ]);
    // The operation's user is the one assigning: the new assignee is told.
    expect(h.store.data.notifications).toEqual([expect.objectContaining({ kind: 'assignment', recipientUser: 'tc.cho' })]);
  });

  it('given a task, when its due date is changed or the case cancelled with a note, then each is recorded with its change', async () => {
    const h = new EngineHarness();
    const { instance, task } = await contactCase(h);

    await h.engine.updateTaskDates(task.id, { due: new Date('2026-11-24T15:00:00Z') }, { operation: { userId: 'tc.manager', annotation: 'Victim asked for a call after 3pm' } });
    await h.engine.deleteProcessInstance(instance.id, 'Cancelled by tc.manager', { operation: { userId: 'tc.manager', annotation: 'Moved out of the area' } });

    expect(h.processState(instance.id)).toBe('EXTERNALLY_TERMINATED');
    expect(h.store.historyOf('user-operation').map((o) => [o.operationType, o.taskId, o.annotation])).toEqual([
      ['SetDueDate', task.id, 'Victim asked for a call after 3pm'],
      ['Delete', null, 'Moved out of the area'],
    ]);
  });

  it('given a failed job, when its retries are set with a note, then the retry is recorded with the job', async () => {
    const h = new EngineHarness();
    await h.deploy(FOLLOW_UP);
    const instance = await h.start('followUp');
    const [job] = h.instance(instance.id)!.jobs;
    for (let attempt = 0; attempt < 3; attempt++) await h.engine.fireJob(job.id);

    await h.engine.setJobRetries(job.id, 1, { operation: { userId: 'tc.manager', annotation: null } });

    expect(h.instance(instance.id)!.incidents).toEqual([]);
    expect(h.store.historyOf('user-operation')).toEqual([
      expect.objectContaining({ operationType: 'SetJobRetries', processInstanceId: instance.id, jobId: job.id, taskId: null, userId: 'tc.manager', annotation: null }),
    ]);
  });

  it('given a job of a process definition (a timer start), when its retries are set with a note, then it is refused: there is no case to record it on', async () => {
    const h = new EngineHarness();
    await h.deploy(MARAC_CYCLE);
    const [job] = h.store.data.definitionJobs.values();

    await expect(h.engine.setJobRetries(job.id, 5, { operation: NOTE })).rejects.toMatchObject({ code: EngineErrorCode.InvalidRequest });

    expect(h.store.data.definitionJobs.get(job.id)!.retries).toBe(3);
    expect(h.store.historyOf('user-operation')).toEqual([]);
  });

  it('given commands without a note (the Camunda REST API), then no operation is recorded', async () => {
    const h = new EngineHarness();
    const { instance, task } = await contactCase(h);

    await h.engine.setAssignee(task.id, 'tc.cho');
    await h.engine.updateTaskDates(task.id, { due: null });
    await h.engine.deleteProcessInstance(instance.id, 'opened in error');

    expect(h.store.historyOf('user-operation')).toEqual([]);
  });

  it('given a task that does not exist, when it is reassigned with a note, then the command fails and nothing is recorded', async () => {
    const h = new EngineHarness();
    await contactCase(h);

    await expect(h.engine.setAssignee('no-such-task', 'tc.cho', null, { operation: NOTE })).rejects.toMatchObject({ code: EngineErrorCode.NotFound });
    await expect(h.engine.updateTaskDates('no-such-task', { due: null }, { operation: NOTE })).rejects.toMatchObject({ code: EngineErrorCode.NotFound });

    expect(h.store.historyOf('user-operation')).toEqual([]);
  });

  it('given two managers acting on one task at once, when one loses the version check, then its operation is not kept', async () => {
    const h = new EngineHarness();
    const { instance, task } = await contactCase(h);

    const outcomes = await Promise.allSettled([
      h.engine.setAssignee(task.id, 'tc.cho', null, { operation: { userId: 'tc.manager', annotation: 'Back from leave' } }),
      h.engine.updateTaskDates(task.id, { due: null }, { operation: { userId: 'tc.deputy', annotation: 'No deadline agreed' } }),
    ]);

    const lost = outcomes.findIndex((o) => o.status === 'rejected');
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((outcomes[lost] as PromiseRejectedResult).reason).toMatchObject({ code: EngineErrorCode.OptimisticLock });
    const [kept] = h.store.historyOf('user-operation');
    expect(h.store.historyOf('user-operation')).toHaveLength(1);
    expect(kept.userId).toBe(lost === 0 ? 'tc.deputy' : 'tc.manager');
    expect(h.tasks(instance.id)[0].assignee).toBe(lost === 0 ? null : 'tc.cho');
  });

  it('given a note without a user, then the command is refused before anything changes', async () => {
    const h = new EngineHarness();
    const { instance, task } = await contactCase(h);

    await expect(h.engine.setAssignee(task.id, 'tc.cho', null, { operation: { userId: ' ', annotation: 'x' } })).rejects.toMatchObject({ code: EngineErrorCode.InvalidRequest });

    expect(h.tasks(instance.id)[0].assignee).toBeNull();
    expect(h.store.historyOf('user-operation')).toEqual([]);
  });
});
