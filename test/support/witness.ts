import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/witness/main.js', import.meta.url));

export interface RunningWitness {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly vkey: string;
}

/** Starts a witness process (the compiled dist/witness/main.js) on a free port; resolves once it listens. */
export function startWitness(dataDir: string, name: string, origin: string, logKey: string): Promise<RunningWitness> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [MAIN, '--data', dataDir, '--port', '0', '--name', name, '--log-origin', origin, '--log-key', logKey]);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`witness ${name} did not start: ${out}${err}`)), 15_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const vkey = /^witness vkey (\S+)$/m.exec(out)?.[1];
      const url = /^listening on (\S+)$/m.exec(out)?.[1];
      if (vkey && url) {
        clearTimeout(timer);
        resolve({ child, url, vkey });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`witness ${name} exited with ${code}: ${err}`));
    });
  });
}

export function stopWitness(w: RunningWitness, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
    w.child.once('exit', () => resolve());
    w.child.kill(signal);
  });
}
