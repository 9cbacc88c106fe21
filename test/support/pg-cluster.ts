import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL cluster for fault tests that stop and start the server: initdb and pg_ctl
 * under a temporary directory, on its own port, trust authentication on 127.0.0.1 only. The
 * machine's shared server (127.0.0.1:5432) is never touched. As root the binaries run as the
 * `postgres` user (runuser), as PostgreSQL refuses to run as root.
 */
export interface PgCluster {
  readonly port: number;
  /** postgres:// URL of the database `name` (created by createDatabase). */
  url(name: string): string;
  createDatabase(name: string): Promise<void>;
  /** pg_ctl stop -m fast: open sessions are ended (57P01), new connections refused. */
  stop(): void;
  start(): void;
  /** Stops the server and removes the directory. */
  destroy(): void;
}

/** The newest installed server's bin directory, or null when none is installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

function postgresUid(): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) } : null;
}

/** Null (with the reason) when no cluster can be made here. */
export function createPgCluster(port: number): PgCluster | { unavailable: string } {
  const bin = postgresBinDir();
  if (!bin) return { unavailable: 'no PostgreSQL server binaries under /usr/lib/postgresql' };
  const root = process.getuid?.() === 0;
  const owner = root ? postgresUid() : null;
  if (root && !owner) return { unavailable: 'running as root and there is no postgres user to run the server as' };
  const dir = mkdtempSync(join(tmpdir(), 'truceline-pgcluster-'));
  const pgdata = join(dir, 'data');
  const sockets = join(dir, 'sock');
  mkdirSync(sockets);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(sockets, owner.uid, owner.gid);
  }
  const run = (tool: string, args: readonly string[]) => {
    const cmd = owner ? ['runuser', '-u', 'postgres', '--', join(bin, tool), ...args] : [join(bin, tool), ...args];
    const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  };
  try {
    run('initdb', ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: (err as Error).message };
  }
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${sockets} -c max_connections=50`;
  const cluster: PgCluster = {
    port,
    url: (name) => `postgres://postgres@127.0.0.1:${port}/${name}`,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
    },
    stop: () => run('pg_ctl', ['-D', pgdata, '-m', 'fast', '-w', 'stop']),
    start: () => run('pg_ctl', ['-D', pgdata, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']),
    destroy: () => {
      try {
        cluster.stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    cluster.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: (err as Error).message };
  }
  return cluster;
}
