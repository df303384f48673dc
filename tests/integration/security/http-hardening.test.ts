import { createTestApp, type TestApp } from '../../support/test-app';

/** HTTP hardening: security headers, closed CORS, body limits, the sign-in rate limit. */
describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { corsOrigins: ['https://intranet.example.org'], loginRateLimit: 3 } });
  });
  afterAll(() => t.close());

  it('sends helmet security headers with a script-src self content security policy, and no framework fingerprint', async () => {
    const response = await t.anonymous.get('/engine-rest/version').expect(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows cross-origin browser calls only from the configured origins', async () => {
    const allowed = await t.anonymous.options('/engine-rest/task').set('Origin', 'https://intranet.example.org').set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://intranet.example.org');
    const other = await t.anonymous.options('/engine-rest/task').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413, Camunda-shaped', async () => {
    const agent = t.http;
    const big = { variables: { notes: { value: 'x'.repeat(1_100_000), type: 'String' } } };
    const response = await agent.post('/engine-rest/process-definition/key/any/start').send(big).expect(413);
    expect(response.body.type).toBe('InvalidRequestException');
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.anonymous.post('/api/session').send({ username: `nobody${i}`, password: 'x' })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
