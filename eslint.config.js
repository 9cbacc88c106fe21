// Lint: typescript-eslint's recommended rules, plus the layer rule of docs/ARCHITECTURE.md:
// src/domain and src/ledger are pure and import nothing from the I/O layers.
import tseslint from 'typescript-eslint';

const ioLayers = ['**/server/**', '**/store/**', '**/ingest/**', '**/cli/**', '**/app/**', '**/sim/**', '**/alerts/**', '**/reports/**', '**/witness/**'];
const ioPackages = ['fastify', 'better-sqlite3', 'pg', 'nats', 'node:fs', 'node:net', 'node:http', 'fs', 'http', 'pdfkit', 'sharp', 'minio', 'nodemailer'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/dist/**', 'bench/out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/ledger/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ioLayers, message: 'domain/ and ledger/ stay pure: no I/O layers.' }], paths: ioPackages.map((name) => ({ name, message: 'domain/ and ledger/ do no I/O.' })) },
      ],
    },
  },
  {
    files: ['src/ledger/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...ioLayers, '**/domain/**'], message: 'ledger/ depends on nothing of ours, so a party can run the verifier alone.' }], paths: ioPackages.map((name) => ({ name, message: 'ledger/ does no I/O.' })) },
      ],
    },
  },
);
