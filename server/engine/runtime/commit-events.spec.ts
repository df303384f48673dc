import type { HistoricTask, HistoryEvent } from '../history/history-event';
import { taskChangesOf } from './commit-events';

function task(id: string, over: Partial<HistoricTask> = {}): HistoryEvent {
  return {
    kind: 'task',
    record: {
      id,
      processDefinitionId: 'p:1',
      processDefinitionKey: 'p',
      processInstanceId: 'case-1',
      executionId: 'e',
      activityInstanceId: 'a',
      taskDefinitionKey: 'review',
      name: 'Review',
      description: null,
      assignee: null,
      owner: null,
      candidateGroups: ['triage'],
      priority: 50,
      due: null,
      followUp: null,
      startTime: '2027-03-02T10:00:00.000Z',
      endTime: null,
      durationInMillis: null,
      deleteReason: null,
      tenantId: 'org',
      ...over,
    },
  };
}

describe('taskChangesOf', () => {
  it('reports a task first seen in the transaction as created, from its last record', () => {
    // given a task created and then assigned in the same transaction
    const history = [task('t1'), task('t1', { assignee: 'ann' })];
    // when
    const changes = taskChangesOf(history, new Map(), () => undefined);
    // then
    expect(changes).toEqual([
      { kind: 'created', taskId: 't1', instanceId: 'case-1', tenantId: 'org', taskDefinitionKey: 'review', candidateGroups: ['triage'], assignee: 'ann', previousAssignee: null, reason: null },
    ]);
  });

  it('tells a change of assignee (with the one before) from other updates, and reports ended tasks with their reason', () => {
    const loaded = new Map<string, string | null>([['claimed', null], ['redated', 'bob'], ['done', 'ann']]);
    const history = [task('claimed', { assignee: 'ann' }), task('redated', { assignee: 'bob', due: '2027-03-03T10:00:00.000Z' }), task('done', { assignee: 'ann', endTime: '2027-03-02T11:00:00.000Z', deleteReason: 'completed' })];
    const changes = taskChangesOf(history, loaded, () => undefined);
    expect(changes.map((c) => [c.kind, c.taskId, c.assignee, c.previousAssignee, c.reason])).toEqual([
      ['assigned', 'claimed', 'ann', null, null],
      ['ended', 'done', 'ann', 'ann', 'completed'],
    ]);
  });

  it('reports an overdue task with what the instance knows of it', () => {
    const history: HistoryEvent[] = [{ kind: 'task-overdue', record: { id: 't9', processInstanceId: 'case-9', overdueAt: '2027-03-03T10:00:00.000Z' } }];
    const changes = taskChangesOf(history, new Map([['t9', null]]), (id) => (id === 't9' ? { tenantId: 'org', taskDefinitionKey: 'call', candidateGroups: ['cho'], assignee: null } : undefined));
    expect(changes).toEqual([{ kind: 'overdue', taskId: 't9', instanceId: 'case-9', tenantId: 'org', taskDefinitionKey: 'call', candidateGroups: ['cho'], assignee: null, previousAssignee: null, reason: null }]);
  });
});
