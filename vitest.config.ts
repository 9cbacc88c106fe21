import { defineConfig } from 'vitest/config';

/**
 * The HTTP suites that run twice: once as everything else does, once with every test server's
 * store in PostgreSQL (a schema each, in the database truceline_http_tests on TRUCELINE_TEST_PG
 * or 127.0.0.1:5432), so the routes, rules and answers are held to the same on both adapters.
 * `npx vitest run --project postgres` runs only that pass.
 */
const ON_BOTH_STORES = [
  'test/http-intake.test.ts',
  'test/http-identity.test.ts',
  'test/http-compartments.test.ts',
  'test/http-gateway.test.ts',
  'test/declarations-http.test.ts',
  'test/notices-http.test.ts',
  'test/workflow-http.test.ts',
  'test/evidence-http.test.ts',
  'test/report-http.test.ts',
  'test/fusion-http.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'main', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ON_BOTH_STORES,
          env: { TRUCELINE_TEST_STORE: 'postgres' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
