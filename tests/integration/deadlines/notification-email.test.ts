/**
 * Story: notifications are e-mailed only when SMTP_URL is configured; then the outbox sends each
 * user's notifications to their address (title only) and marks them sent.
 */
import { NotificationOutbox } from '../../../server/src/notifications/notification-outbox';
import { createTestApp, type TestApp } from '../../support/test-app';
import { REFERRAL_BPMN, deploy, startByKey } from '../engine-rest/fixtures';
import { SmtpSink } from './smtp-sink';

async function assignReferral(t: TestApp, userId: string): Promise<string> {
  const instanceId = await startByKey(t, 'referral', { businessKey: 'REF-42' });
  const [task] = (await t.http.get('/engine-rest/task').query({ processInstanceId: instanceId })).body;
  expect((await t.http.post(`/engine-rest/task/${task.id}/assignee`).send({ userId })).status).toBe(204);
  return task.id;
}

describe('deadlines: notification e-mails', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
  });
  afterAll(async () => {
    await sink.stop();
  });

  it('sends nothing when SMTP_URL is unset', async () => {
    // given
    expect(process.env.SMTP_URL).toBeUndefined();
    const t = await createTestApp();
    try {
      await deploy(t, 'referral.bpmn', REFERRAL_BPMN);
      await t.dataSource.query(`INSERT INTO user_email (user_id, email) VALUES ('alice', 'alice@example.test')`);
      await assignReferral(t, 'alice');
      const outbox = t.app.get(NotificationOutbox);

      // when
      const sent = await outbox.sendPending();

      // then
      expect(outbox.enabled).toBe(false);
      expect(sent).toBe(0);
      expect(sink.messages).toEqual([]);
      const [row] = await t.dataSource.query(`SELECT emailed_at FROM notification WHERE recipient_user = 'alice'`);
      expect(row.emailed_at).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('e-mails users with an address their notifications once, title only, when SMTP_URL is set', async () => {
    // given
    process.env.SMTP_URL = sink.url;
    let t: TestApp;
    try {
      t = await createTestApp();
    } finally {
      delete process.env.SMTP_URL;
    }
    try {
      await deploy(t, 'referral.bpmn', REFERRAL_BPMN);
      await t.dataSource.query(`INSERT INTO user_email (user_id, email) VALUES ('alice', 'alice@example.test')`);
      const taskId = await assignReferral(t, 'alice');
      await assignReferral(t, 'nomail');
      const outbox = t.app.get(NotificationOutbox);

      // when
      const sent = await outbox.sendPending();
      const again = await outbox.sendPending();

      // then
      expect([sent, again]).toEqual([1, 0]);
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0].to).toEqual(['<alice@example.test>']);
      expect(sink.messages[0].data).toContain('Subject: Assigned to you: Review referral (REF-42)');
      const listed = (await t.http.get('/api/notifications').query({ userId: 'alice' })).body;
      expect(listed).toEqual([expect.objectContaining({ taskId, emailedAt: expect.any(String) })]);
    } finally {
      await t.close();
    }
  });
});
