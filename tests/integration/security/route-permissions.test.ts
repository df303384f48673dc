/**
 * Every route of the running application is either public or names the permission it needs, and
 * the public ones are exactly those listed here: a new public route fails this test until
 * somebody has reviewed it and added it below.
 */
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { createTestApp, type TestApp } from '../../support/test-app';
import { PERMISSIONS, type Permission } from '../../../server/src/security/caller';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from '../../../server/src/security/decorators';

/** Sign-in and what Camunda clients probe before they authenticate. */
const PUBLIC_ROUTES = ['POST /api/session', 'GET /engine-rest/engine', 'GET /engine-rest/version'];
/** Routes the single sign-on flow needs before anybody is signed in (reviewed as a family). */
const PUBLIC_PREFIXES = ['GET /api/session/options', 'GET /api/session/oidc/'];

/** Training (docs/simulation.md): trainees practise, trainers run; each route names its own. */
const TRAINING_ROUTES: Record<string, Permission> = {
  'GET /api/simulations': 'simulation:practise',
  'POST /api/simulations': 'simulation:run',
  'GET /api/simulations/:id': 'simulation:practise',
  'DELETE /api/simulations/:id': 'simulation:practise',
  'POST /api/simulations/:id/advance': 'simulation:practise',
  'POST /api/simulations/:id/external-tasks/:externalTaskId/complete': 'simulation:practise',
  'POST /api/simulations/:id/finish': 'simulation:practise',
  'POST /api/simulations/:id/participants': 'simulation:run',
  'POST /api/simulations/:id/replay': 'simulation:run',
  'POST /api/simulations/:id/tasks/:taskId/complete': 'simulation:practise',
  'POST /api/simulations/:id/tasks/:taskId/hand': 'simulation:run',
  'GET /api/simulations/attempts': 'simulation:practise',
  'GET /api/simulations/attempts/:attemptId': 'simulation:practise',
  'GET /api/simulations/people': 'simulation:run',
  'POST /api/simulations/practice': 'simulation:practise',
  'GET /api/simulations/scenarios': 'simulation:practise',
  'POST /api/simulations/scenarios': 'simulation:run',
  'GET /api/simulations/scenarios/:key': 'simulation:run',
  'DELETE /api/simulations/scenarios/:key': 'simulation:run',
};

interface RouteInfo {
  route: string;
  public: boolean;
  permission: Permission | undefined;
}

function joinPath(...parts: string[]): string {
  return `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;
}

/** Every route of every controller the application registered, with its access metadata. */
function routesOf(t: TestApp): RouteInfo[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: RouteInfo[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as (...args: never[]) => unknown;
        const paths: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(paths)) {
            routes.push({
              route: `${method} ${joinPath(prefix, path)}`,
              public: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [handler, controller]) === true,
              permission: reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [handler, controller]),
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

describe('route permissions', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await createTestApp();
    routes = routesOf(t);
  });
  afterAll(() => t.close());

  it('finds the routes of every API: sign-in, the engine REST API, calendars and notifications', () => {
    const names = routes.map((r) => r.route);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/session',
        'GET /engine-rest/task',
        'POST /engine-rest/task/:id/claim',
        'POST /engine-rest/deployment/create',
        'PUT /api/calendars/:tenantId',
        'GET /api/notifications',
        'GET /api/simulations/scenarios',
        'POST /api/simulations/practice',
      ]),
    );
    expect(routes.length).toBeGreaterThan(100);
  });

  it('gives every route that is not public exactly one known permission', () => {
    const unguarded = routes.filter((r) => !r.public && (r.permission === undefined || !PERMISSIONS.includes(r.permission)));
    expect(unguarded.map((r) => r.route)).toEqual([]);
  });

  it('gives each training route its own permission: practise for trainees, run for trainers', () => {
    const training = routes.filter((r) => r.route.split(' ')[1].startsWith('/api/simulations'));
    expect(Object.fromEntries(training.map((r) => [r.route, r.permission]))).toEqual(TRAINING_ROUTES);
  });

  it('makes public only the reviewed routes', () => {
    const open = routes.filter((r) => r.public).map((r) => r.route);
    const unreviewed = open.filter((route) => !PUBLIC_ROUTES.includes(route) && !PUBLIC_PREFIXES.some((prefix) => route.startsWith(prefix)));
    expect(unreviewed).toEqual([]);
    expect(open).toEqual(expect.arrayContaining(PUBLIC_ROUTES));
  });

  it('answers every non-public route with 401 when no credentials come with the request', async () => {
    const closed = routes.filter((r) => !r.public);
    const statuses = await Promise.all(
      closed.map(async ({ route }) => {
        const [method, path] = route.split(' ');
        const concrete = path.replace(/:(\w+)/g, 'x');
        const response = await t.anonymous[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch'](concrete);
        return `${route} ${response.status}`;
      }),
    );
    expect(statuses.filter((line) => !line.endsWith(' 401'))).toEqual([]);
  });
});
