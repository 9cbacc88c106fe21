/**
 * PostgreSQL's own dump and restore programs, run as child processes. The password of a URL goes
 * to them in PGPASSWORD, not on the command line, where any user of the machine could read it.
 * PG_DUMP and PG_RESTORE name other binaries than the ones on the PATH.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { TrucelineError } from '../../domain/errors.js';

/** `url` without its password, and the password (decoded) for PGPASSWORD. */
export function splitPassword(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  if (!u.password) return { url, env: {} };
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: { PGPASSWORD: password } };
}

/**
 * Runs `program args`, feeding `stdin` if given; resolves with its standard output when it exits
 * 0, else rejects with its last line of standard error.
 */
export function runPgTool(program: 'pg_dump' | 'pg_restore', args: readonly string[], env: NodeJS.ProcessEnv, stdin?: Readable): Promise<string> {
  const bin = (program === 'pg_dump' ? process.env.PG_DUMP : process.env.PG_RESTORE) || program;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    if (stdin && child.stdin) {
      stdin.pipe(child.stdin);
      // pg_restore may exit before reading everything (an error): the pipe then breaks, and the
      // exit status below says why.
      child.stdin.on('error', () => undefined);
      stdin.on('error', (err) => {
        child.kill();
        reject(err);
      });
    }
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(new TrucelineError('UNAVAILABLE', err.code === 'ENOENT' ? `${bin} was not found: install PostgreSQL's client programs (or set ${program === 'pg_dump' ? 'PG_DUMP' : 'PG_RESTORE'})` : `${bin}: ${err.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(stdout).toString('utf8'));
      const last = stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
      reject(new TrucelineError('UNAVAILABLE', `${program} failed (${signal ?? `exit ${code}`}): ${last}`));
    });
  });
}
