/** Jest runs the engine's unit specs and the integration tests against real PostgreSQL and Redis. */
const esm = ['feelin', 'lezer-feel', '@lezer', 'bpmn-moddle', 'camunda-bpmn-moddle', 'moddle', 'moddle-xml', 'saxen', 'min-dash', 'temporal-polyfill', 'temporal-utils', 'luxon', 'dmn-moddle'];
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
  '^.+\\.m?js$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
};
const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/server/**/*.spec.ts'] },
    // Real PostgreSQL, Redis and server processes: a busy machine can make a long scenario take seconds.
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'], testTimeout: 30_000 },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'], testTimeout: 60_000 },
  ],
};
