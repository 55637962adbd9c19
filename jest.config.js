/**
 * Two projects: `unit` needs no server (`npm run test:unit`, jest --selectProjects unit);
 * `system` talks to real services: PostgreSQL, the Temporal test/dev servers, SMTP, the running
 * system in a browser. `npm test` runs both.
 */
const common = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/tests'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['<rootDir>/tests/setup.ts'],
};

/** Rules, parsers, templates, the API's description, the linter and workflow replay: no database, no Temporal server. */
const UNIT = [
  'tests/chains.test.ts',
  'tests/config.test.ts',
  'tests/lint.test.ts',
  'tests/calendar/calendar.test.ts',
  'tests/calendar/officialSchedule.test.ts',
  'tests/bookings/amounts.test.ts',
  'tests/bookings/export.test.ts',
  'tests/bookings/import.test.ts',
  'tests/shipments/export.test.ts',
  'tests/shipments/import.test.ts',
  'tests/mail/templates.test.ts',
  'tests/api/openapi.test.ts',
  'tests/replay/replay.test.ts',
  'tests/roles.test.ts',
];

module.exports = {
  testTimeout: 60_000,
  // Temporal servers and Postgres databases are per test file; 2 cores: run in band.
  maxWorkers: 1,
  projects: [
    { ...common, displayName: 'unit', testMatch: UNIT.map((f) => `<rootDir>/${f}`) },
    {
      ...common,
      displayName: 'system',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...UNIT.map((f) => `<rootDir>/${f}`)],
      // The workflow code is bundled once per run (WORKFLOW_BUNDLE_PATH), not per test file.
      globalSetup: '<rootDir>/tests/globalSetup.ts',
      // Stops the running system the browser tests share (tests/helpers/system.ts).
      globalTeardown: '<rootDir>/tests/globalTeardown.ts',
    },
  ],
};
