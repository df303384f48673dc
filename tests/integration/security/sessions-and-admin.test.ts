import request from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';
import { signIn } from '../../support/auth';

/** Sign-in, sessions, CSRF, lockout, password change and the organisation administrator's tools. */
describe('sessions and organisation administration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const fresh = () => request.agent(t.app.getHttpServer());

  it('sets an httpOnly, SameSite=Strict session cookie and a readable CSRF cookie; never returns a password hash', async () => {
    const response = await fresh().post('/api/session').send({ username: 'tc.cho', password: 'safepath-demo' }).expect(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('sp_session='));
    const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(JSON.stringify(response.body)).not.toMatch(/argon2|password/i);
    expect(response.body).toMatchObject({ userId: 'tc.cho', tenantId: 'tai-calon', organisationName: 'Tai Calon Community Housing' });
  });

  it('answers a wrong password and an unknown user with the same 401 message', async () => {
    const wrong = await fresh().post('/api/session').send({ username: 'tc.cso', password: 'not-the-password' }).expect(401);
    const unknown = await fresh().post('/api/session').send({ username: 'nobody.here', password: 'not-the-password' }).expect(401);
    expect(wrong.body).toEqual({ type: 'AuthenticationException', message: 'Wrong username or password' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks an account after five failures, even against the right password, and says so', async () => {
    for (let i = 0; i < 5; i++) await fresh().post('/api/session').send({ username: 'sh.dalead', password: `guess-${i}` }).expect(401);
    const locked = await fresh().post('/api/session').send({ username: 'sh.dalead', password: 'safepath-demo' }).expect(429);
    expect(locked.body.message).toMatch(/Too many failed sign-ins/);
  });

  it('refuses a cookie-authenticated change without the CSRF header, and accepts it with', async () => {
    const agent = await signIn(t, 'cb.officer');
    const bare = fresh();
    const login = await bare.post('/api/session').send({ username: 'cb.officer', password: 'safepath-demo' }).expect(200);
    expect(login.status).toBe(200);
    const refused = await bare.delete('/api/session').expect(403);
    expect(refused.body.message).toMatch(/CSRF/);
    await agent.delete('/api/session').expect(204);
  });

  it('ends the session on sign-out: the same cookie is refused afterwards', async () => {
    const agent = await signIn(t, 'cmg.caseworker');
    await agent.get('/api/session').expect(200);
    await agent.delete('/api/session').expect(204);
    await agent.get('/api/session').expect(401);
  });

  it('changes a password: the old one stops working, other sessions end, weak passwords are refused', async () => {
    const first = await signIn(t, 'cmg.acssl');
    const second = await signIn(t, 'cmg.acssl');
    const weak = await first.put('/api/session/password').send({ currentPassword: 'safepath-demo', newPassword: 'short' }).expect(400);
    expect(weak.body.message).toMatch(/at least 12/);
    await first.put('/api/session/password').send({ currentPassword: 'wrong-one', newPassword: 'a much longer passphrase' }).expect(403);
    await first.put('/api/session/password').send({ currentPassword: 'safepath-demo', newPassword: 'a much longer passphrase' }).expect(204);
    await first.get('/api/session').expect(200);
    await second.get('/api/session').expect(401);
    await fresh().post('/api/session').send({ username: 'cmg.acssl', password: 'safepath-demo' }).expect(401);
    await signIn(t, 'cmg.acssl', 'a much longer passphrase');
  });

  describe('the organisation administrator', () => {
    it('creates a user with roles and groups, who can then sign in and has exactly those groups', async () => {
      const admin = await signIn(t, 'tc.admin');
      const created = await admin
        .post('/api/admin/users')
        .send({ username: 'new.cho', displayName: 'New officer', roles: ['staff'], groups: ['tc_cho'], password: 'first day passphrase' })
        .expect(201);
      expect(created.body).toMatchObject({ username: 'new.cho', tenantId: 'tai-calon', roles: ['staff'], groups: ['tc_cho'] });
      const user = await signIn(t, 'new.cho', 'first day passphrase');
      const me = await user.get('/api/session').expect(200);
      expect(me.body).toMatchObject({ tenantId: 'tai-calon', groups: ['tc_cho'] });
    });

    it("sees only their organisation's users and answers 404 for another organisation's", async () => {
      const admin = await signIn(t, 'tc.admin');
      const users = await admin.get('/api/admin/users').expect(200);
      expect(users.body.length).toBeGreaterThan(3);
      expect(new Set(users.body.map((u: { tenantId: string }) => u.tenantId))).toEqual(new Set(['tai-calon']));
      const cmgUsers = await t.http.get('/api/admin/users').query({ tenantId: 'cmg' }).expect(200);
      const cmgUser = cmgUsers.body.find((u: { username: string }) => u.username === 'cmg.caseworker');
      await admin.patch(`/api/admin/users/${cmgUser.id}`).send({ disabled: true }).expect(404);
      await admin.get('/api/admin/users').query({ tenantId: 'cmg' }).expect(404);
    });

    it('cannot lock themselves out: disabling their own account or dropping their own administrator role is refused', async () => {
      const admin = await signIn(t, 'tc.admin');
      const users = (await admin.get('/api/admin/users').expect(200)).body as { id: string; username: string }[];
      const me = users.find((u) => u.username === 'tc.admin')!;
      const disabled = await admin.patch(`/api/admin/users/${me.id}`).send({ disabled: true }).expect(400);
      expect(disabled.body).toEqual({ type: 'InvalidRequestException', message: expect.stringContaining('ask another administrator') });
      await admin.patch(`/api/admin/users/${me.id}`).send({ roles: ['staff'] }).expect(400);
      // Their own name may change; they are still an administrator afterwards.
      await admin.patch(`/api/admin/users/${me.id}`).send({ displayName: 'Tai Calon administrator' }).expect(200);
      const again = await signIn(t, 'tc.admin');
      await again.get('/api/admin/users').expect(200);
    });

    it('cannot give the platform-admin role', async () => {
      const admin = await signIn(t, 'tc.admin');
      const response = await admin
        .post('/api/admin/users')
        .send({ username: 'sneaky', displayName: 'Sneaky', roles: ['platform-admin'], groups: [], password: 'a long enough passphrase' })
        .expect(403);
      expect(response.body.type).toBe('AuthorizationException');
    });

    it("disables a user: the user's open session ends at once", async () => {
      const admin = await signIn(t, 'tc.admin');
      const officer = await signIn(t, 'tc.officer');
      const users = await admin.get('/api/admin/users').expect(200);
      const id = users.body.find((u: { username: string }) => u.username === 'tc.officer').id;
      await admin.patch(`/api/admin/users/${id}`).send({ disabled: true }).expect(200);
      await officer.get('/api/session').expect(401);
      await fresh().post('/api/session').send({ username: 'tc.officer', password: 'safepath-demo' }).expect(401);
    });

    it('creates an API token shown once, which works until revoked', async () => {
      const admin = await signIn(t, 'tc.admin');
      const created = await admin.post('/api/admin/tokens').send({ name: 'housing system', roles: ['worker'] }).expect(201);
      const token = created.body.token as string;
      const listed = await admin.get('/api/admin/tokens').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(token.split('.')[1]);
      const me = await fresh().get('/api/session').set('Authorization', `Bearer ${token}`).expect(200);
      expect(me.body).toMatchObject({ tenantId: 'tai-calon', roles: ['worker'] });
      await fresh().get('/engine-rest/task').set('Authorization', `Bearer ${token}`).expect(403);
      await admin.delete(`/api/admin/tokens/${created.body.id}`).expect(204);
      await fresh().get('/api/session').set('Authorization', `Bearer ${token}`).expect(401);
    });

    it('is refused to staff', async () => {
      const staff = await signIn(t, 'tc.cso');
      await staff.get('/api/admin/users').expect(403);
    });
  });
});
