import { MAX_MESSAGE_LENGTH, decodeBusMessage, encodeBusMessage, inboxEventChannel, type BusMessage } from './inbox-event-bus';

const created: BusMessage = {
  origin: 'process-a',
  routed: {
    event: { type: 'task-created', data: { taskId: 't1', caseId: 'c1', groups: ['tc_cho'], assignee: null } },
    tenantId: 'tai-calon',
    people: [],
    recipientsOnly: false,
  },
};

const notification: BusMessage = {
  origin: 'process-a',
  routed: {
    event: { type: 'notification', data: { taskId: 't1', caseId: 'c1', groups: [], assignee: 'tc.cho', kind: 'overdue', title: 'Log the disclosure (TC-1)' } },
    tenantId: 'tai-calon',
    people: ['tc.cho'],
    recipientsOnly: true,
  },
};

describe('live-event bus messages', () => {
  it('given a routed event, when it is encoded and decoded, then the same event, audience and origin come back', () => {
    expect(decodeBusMessage(encodeBusMessage(created))).toEqual(created);
    expect(decodeBusMessage(encodeBusMessage(notification))).toEqual(notification);
  });

  it('given a notification on the wire, then it goes to its recipients only, whatever the sender claims', () => {
    const raw = JSON.parse(encodeBusMessage(notification));

    expect(decodeBusMessage(JSON.stringify({ ...raw, recipientsOnly: false }))?.routed.recipientsOnly).toBe(true);
  });

  it('given extra fields, then only the known ones are kept', () => {
    const raw = JSON.parse(encodeBusMessage(created));

    const decoded = decodeBusMessage(JSON.stringify({ ...raw, extra: 1, data: { ...raw.data, notes: 'anything' } }));

    expect(decoded?.routed.event.data).toEqual(created.routed.event.data);
  });

  it.each([
    ['not JSON', 'task-created t1'],
    ['an array', '[]'],
    ['no origin', JSON.stringify({ tenantId: null, people: [], type: 'task-created', data: { taskId: 't', caseId: 'c', groups: [], assignee: null } })],
    ['an unknown type', JSON.stringify({ origin: 'x', tenantId: null, people: [], type: 'case-data', data: { taskId: 't', caseId: 'c', groups: [], assignee: null } })],
    ['groups not strings', JSON.stringify({ origin: 'x', tenantId: null, people: [], type: 'task-created', data: { taskId: 't', caseId: 'c', groups: [1], assignee: null } })],
    ['a numeric task id', JSON.stringify({ origin: 'x', tenantId: null, people: [], type: 'task-created', data: { taskId: 1, caseId: 'c', groups: [], assignee: null } })],
    ['a tenant object', JSON.stringify({ origin: 'x', tenantId: {}, people: [], type: 'task-created', data: { taskId: 't', caseId: 'c', groups: [], assignee: null } })],
    ['a title object', JSON.stringify({ origin: 'x', tenantId: null, people: [], type: 'notification', data: { taskId: 't', caseId: 'c', groups: [], assignee: null, title: {} } })],
    ['too long', JSON.stringify({ ...JSON.parse(encodeBusMessage(created)), people: ['x'.repeat(MAX_MESSAGE_LENGTH)] })],
  ])('given a message that is %s, then it is dropped', (_what, raw) => {
    expect(decodeBusMessage(raw)).toBeNull();
  });

  it('names the channel after the deployment prefix', () => {
    expect(inboxEventChannel('safepath')).toBe('safepath:inbox-events');
  });
});
