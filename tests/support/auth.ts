/**
 * Signing in from tests, exactly as the web app and machine clients do: a demo user's session
 * (cookie + the CSRF token echoed in X-XSRF-TOKEN, as Angular's HttpClient does), or an API token.
 */
import request from 'supertest';
import type { TestApp } from './test-app';
import { DEMO_PASSWORD, DEMO_TOKEN_SECRET, demoTokenId } from '../../server/src/security/demo-directory';

export type Agent = ReturnType<typeof request.agent>;

/** A supertest agent signed in as `username` (a demo user unless `password` is given). */
export async function signIn(app: Pick<TestApp, 'app'>, username: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = request.agent(app.app.getHttpServer());
  const response = await agent.post('/api/session').send({ username, password });
  if (response.status !== 200) throw new Error(`Sign-in of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const csrf = cookies.map((c) => /^XSRF-TOKEN=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);
  const session = cookies.map((c) => /^sp_session=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);
  if (csrf === undefined || session === undefined) throw new Error('No session and CSRF cookies after sign-in');
  // Send the cookies explicitly: with a test's manual clock behind the machine's, the cookie jar
  // would drop them as already expired.
  return agent.set('Cookie', `sp_session=${session}; XSRF-TOKEN=${csrf}`).set('X-XSRF-TOKEN', decodeURIComponent(csrf));
}

/** A supertest agent using the organisation's demo API token (role `engine`) over HTTP Basic. */
export function asOrganisationToken(app: Pick<TestApp, 'app'>, organisationId: string): Agent {
  return request.agent(app.app.getHttpServer()).auth(demoTokenId(organisationId), DEMO_TOKEN_SECRET);
}
