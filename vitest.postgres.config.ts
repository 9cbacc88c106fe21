import { defineConfig } from 'vitest/config';

/**
 * The HTTP suites again with every test server's store in PostgreSQL (a schema each, in the
 * database truceline_http_tests on TRUCELINE_TEST_PG or 127.0.0.1:5432): the same routes, rules
 * and answers on both adapters. `npm test` runs it after the main suite.
 */
export default defineConfig({
  test: {
    include: [
      'test/http-*.test.ts',
      'test/declarations-http.test.ts',
      'test/notices-http.test.ts',
      'test/workflow-http.test.ts',
      'test/evidence-http.test.ts',
      'test/report-http.test.ts',
      'test/alerts-e2e.test.ts',
      'test/fusion-http.test.ts',
      'test/observations-grid-http.test.ts',
      'test/observations-histogram-http.test.ts',
    ],
    env: { TRUCELINE_TEST_STORE: 'postgres' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
