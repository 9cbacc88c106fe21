// Issue 6, "Done when": an evidence bundle exported for an incident verifies offline, and fails
// after any byte changes. Everything runs through the real `truceline` command.
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, tarHeader, type TarMember } from '../src/app/evidence/tar.js';
import { jpegWithExif, pdf } from '../src/app/evidence/test-support/files.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { openIdentity } from '../src/app/identity/open.js';
import { createUser } from '../src/app/identity/users.js';
import { missionVerifierKey, openMission } from '../src/app/mission.js';
import { obs, offset, sectorTo } from '../src/domain/fusion/test-support/scenario.js';
import type { LonLat } from '../src/domain/units.js';
import { formatVerifierKey, SIG_TYPE_ED25519 } from '../src/ledger/index.js';
import { runCli } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'truceline-evidence-bundle-'));
const data = join(work, 'data');
const bundle = join(work, 'bundle.tar');
let key: string;
let incidentId: string;
let members: TarMember[];

beforeAll(async () => {
  const mission = await openMission(data);
  try {
    key = missionVerifierKey(mission);
    const identity = openIdentity(mission);
    for (const [name, role] of [
      ['monitor-7', 'monitor'],
      ['analyst-2', 'analyst'],
      ['chief', 'chief'],
    ] as const) {
      await createUser(
        identity,
        { name, role, party: null, password: 'correct horse battery staple' },
        { actor: 'system', nowMs: Date.now() },
      );
    }
    identity.reader.close();
    const line = mission.agreement.lineOfContact as readonly LonLat[];
    const here = offset(line[Math.floor(line.length / 2)]!, 0, 20);
    const fuser = new IncidentFuser(mission.store, mission.agreement, { log: () => undefined });
    await fileAndFuse(
      mission.store,
      fuser,
      [obs('m1', { ...sectorTo(here, offset(here, 180, 3), 10, 1), count: 12 })],
      { actor: 'test', nowMs: Date.now() },
    );
    incidentId = (await mission.store.queryIncidents!({ limit: 10 })).items[0]!.incident.id;
    writeFileSync(
      join(work, 'crater.jpg'),
      await jpegWithExif({ takenAt: '2026:03:01 18:44:00', lat: here[1], lon: here[0] }),
    );
  } finally {
    await mission.close();
  }
  writeFileSync(join(work, 'statement.pdf'), pdf());
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every step starts the real command (a Node process, a few seconds each on a loaded machine). */
const SLOW = 300_000;
const cli = (...args: string[]) => runCli([...args, '--data', data]);
const verify = (file: string, ...extra: string[]) => runCli(['verify', '--bundle', file, ...extra]);

describe('truceline evidence add / list / export, and verify --bundle', () => {
  it(
    'adds files as named users, lists them with their custody, exports a bundle',
    () => {
      const a = cli(
        'evidence',
        'add',
        join(work, 'crater.jpg'),
        '--observation',
        'm1',
        '--as',
        'monitor-7',
      );
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toMatch(/^added [0-9a-f]{64} image\/jpeg \d+ bytes \(ledger entry \d+\)/);
      expect(a.stdout).toMatch(/metadata consistent with m1/);
      const b = cli(
        'evidence',
        'add',
        join(work, 'statement.pdf'),
        '--incident',
        incidentId,
        '--as',
        'analyst-2',
      );
      expect(b.code, b.stderr).toBe(0);
      const refused = cli(
        'evidence',
        'add',
        join(work, 'statement.pdf'),
        '--incident',
        incidentId,
        '--as',
        'nobody',
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/no user 'nobody'/);

      const list = cli('evidence', 'list', '--incident', incidentId, '--as', 'chief');
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(
        /image\/jpeg .* "crater\.jpg", held by mission\n\s+\d+ \S+ evidence\.uploaded by user:monitor-7/,
      );
      expect(list.stdout).toMatch(/application\/pdf .* "statement\.pdf"/);

      const photoSha = /^added ([0-9a-f]{64})/.exec(a.stdout)![1]!;
      const t = cli(
        'evidence',
        'transfer',
        photoSha,
        '--to',
        'guarantor investigator',
        '--reason',
        'inquiry',
        '--as',
        'chief',
      );
      expect(t.code, t.stderr).toBe(0);
      expect(t.stdout).toMatch(/is now held by guarantor investigator \(ledger entry \d+\)/);

      const x = cli(
        'evidence',
        'export',
        '--incident',
        incidentId,
        '--out',
        bundle,
        '--as',
        'chief',
      );
      expect(x.code, x.stderr).toBe(0);
      expect(x.stdout).toMatch(/wrote .*bundle\.tar: 2 files, 3 custody events/);
    },
    SLOW,
  );

  it(
    'the bundle is a tar of the originals bit for bit, the manifest, entries, proofs, checkpoint and key',
    async () => {
      members = await readTar(bundle, () => true);
      const names = members.map((m) => m.name);
      expect(names[0]).toBe('manifest.json');
      expect(names.filter((n) => n.startsWith('files/'))).toHaveLength(2);
      expect(names.filter((n) => n.startsWith('ledger/entries/'))).toHaveLength(4);
      expect(names.filter((n) => n.startsWith('ledger/proofs/'))).toHaveLength(4);
      expect(names.slice(-2)).toEqual(['checkpoint', 'verifier-key']);
      const jpeg = readFileSync(join(work, 'crater.jpg'));
      const kept = members.find((m) => m.name.startsWith('files/') && m.size === jpeg.length)!;
      expect(Buffer.from(kept.bytes!).equals(jpeg)).toBe(true);
      const manifest = JSON.parse(Buffer.from(members[0]!.bytes!).toString('utf8'));
      expect(
        manifest.custody.map((c: { type: string; actor: string }) => `${c.type} ${c.actor}`),
      ).toEqual([
        'evidence.uploaded user:monitor-7',
        'evidence.uploaded user:analyst-2',
        'evidence.transferred user:chief',
      ]);
      expect(
        manifest.files.map((f: { originalNames: string[] }) => f.originalNames[0]).sort(),
      ).toEqual(['crater.jpg', 'statement.pdf']);
    },
    SLOW,
  );

  it(
    'verifies offline against the pinned mission key',
    () => {
      const r = verify(bundle, '--key', key);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /ok {3}files\/[0-9a-f]{64}: \d+ bytes, SHA-256 as stated \(image\/jpeg\)/,
      );
      expect(r.stdout).toMatch(
        /ok {3}ledger entry \d+: evidence\.uploaded by user:monitor-7 at .*, proved into the checkpoint/,
      );
      expect(r.stdout).toMatch(/verified: everything above holds/);
      expect(r.stdout).not.toMatch(/WARN/);
    },
    SLOW,
  );

  it(
    'with no key given, uses the embedded one and warns to compare it out of band; a different pinned key fails',
    () => {
      const r = verify(bundle);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /WARN the checkpoint is checked against the key inside the bundle .* obtained out of band/,
      );
      const { publicKey } = generateKeyPairSync('ed25519');
      const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32);
      const bad = verify(
        bundle,
        '--key',
        formatVerifierKey({ name: 'other.example/log', type: SIG_TYPE_ED25519, publicKey: raw }),
      );
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(
        /FAIL the bundle's verifier-key .* is not the key pinned with --key/,
      );
      expect(bad.stdout).toMatch(/FAIL checkpoint: /);
    },
    SLOW,
  );

  it(
    'fails, with a clear reason, after one byte changes in any member of the bundle',
    () => {
      const reasons: Record<string, RegExp> = {
        'manifest.json': /manifest\.json hashes to .* the manifest was altered/,
        files: /files\/[0-9a-f]{64} was altered/,
        entries: /ledger entry \d+\): .*ROOT_MISMATCH|ledger entry \d+\): .*(JSON|UTF-8|sealed)/,
        proofs: /ledger entry \d+\): inclusion proof .*ROOT_MISMATCH/,
        checkpoint: /FAIL checkpoint: /,
        'verifier-key': /FAIL (the bundle's verifier-key|checkpoint: )/,
      };
      const failures: string[] = [];
      for (const m of members) {
        const kind = m.name.startsWith('files/')
          ? 'files'
          : m.name.startsWith('ledger/entries/')
            ? 'entries'
            : m.name.startsWith('ledger/proofs/')
              ? 'proofs'
              : m.name;
        const copy = join(work, 'flipped.tar');
        copyFileSync(bundle, copy);
        const bytes = readFileSync(copy);
        const at = m.offset + Math.floor(m.size / 2);
        bytes[at] = bytes[at]! ^ 0x01;
        writeFileSync(copy, bytes);
        const r = verify(copy, '--key', key);
        if (r.code !== 1 || !/NOT verified/.test(r.stdout))
          failures.push(`${m.name}: a flipped byte at ${at} still verified:\n${r.stdout}`);
        else if (!reasons[kind]!.test(r.stdout))
          failures.push(`${m.name}: unclear reason:\n${r.stdout}`);
      }
      expect(failures).toEqual([]);
      expect(members.length).toBeGreaterThanOrEqual(13);
    },
    SLOW,
  );

  it(
    'fails on a member the bundle does not account for, and on a truncated archive',
    () => {
      const bytes = readFileSync(bundle);
      const body = Buffer.from('hello');
      const extra = join(work, 'extra.tar');
      writeFileSync(
        extra,
        Buffer.concat([
          bytes.subarray(0, bytes.length - 1024),
          tarHeader('notes.txt', body.length, 0),
          body,
          Buffer.alloc(512 - body.length),
          Buffer.alloc(1024),
        ]),
      );
      const e = verify(extra, '--key', key);
      expect(e.code).toBe(1);
      expect(e.stdout).toMatch(
        /FAIL the archive holds notes\.txt, which the bundle does not account for/,
      );

      const truncated = join(work, 'truncated.tar');
      writeFileSync(truncated, bytes.subarray(0, bytes.length - 2048));
      const r = verify(truncated, '--key', key);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAIL .*not a readable bundle: .*(truncated|end-of-archive)/);
    },
    SLOW,
  );
});
