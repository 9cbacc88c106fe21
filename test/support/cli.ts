import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'truceline.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
}

/** Runs the real `truceline` command (the compiled CLI) and waits for it. */
export function runCli(args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliResult {
  assertBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', ...opts.env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the real `truceline` command without waiting (for kill tests). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  assertBuilt();
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}
