/** Tests run against real services: PostgreSQL, the Temporal test/dev servers, SMTP. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  rootDir: '.',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  // Temporal servers and Postgres databases are per test file; 2 cores: run in band.
  maxWorkers: 1,
  setupFiles: ['<rootDir>/tests/setup.ts'],
  // The workflow code is bundled once per run (WORKFLOW_BUNDLE_PATH), not per test file.
  globalSetup: '<rootDir>/tests/globalSetup.ts',
};
