import { configDefaults, defineConfig } from 'vitest/config';

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

/**
 * Test files run one after another in each worker process, sharing its loaded modules (isolate
 * false: a third less CPU for the suite, most of it module loading). These few need a process of
 * their own: a heap measurement, and a module mock that would reach the files after it.
 */
const ISOLATED = ['src/sim/stream.test.ts', 'src/domain/fusion/region-proofs.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ISOLATED],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
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
