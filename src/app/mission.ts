import {
  createHash,
  generateKeyPairSync,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAgreement, type Agreement } from '../domain/agreement/index.js';
import { formatVerifierKey, SIG_TYPE_ED25519 } from '../ledger/index.js';
import { TrucelineError } from '../domain/errors.js';
import type { MultiPolygonCoords } from '../domain/units.js';
import type { SqliteStoreOptions } from '../store/sqlite/store.js';
import type { PostgresStoreOptions } from '../store/postgres/store.js';
import { openStore } from './open-store.js';
import type { Store } from '../store/port.js';
import { canonicalJson } from './events/event.js';

/** The demo agreement shipped with the package (resolves from src/app and dist/app alike). */
export const DEMO_AGREEMENT_FILE = fileURLToPath(
  new URL('../../scenarios/ukraine-2026/agreement.json', import.meta.url),
);

/** Open water of the demo scenario (a GeoJSON MultiPolygon's coordinates), for the simulator. */
export function readDemoWater(): MultiPolygonCoords {
  const file = join(DEMO_AGREEMENT_FILE, '..', 'water.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { coordinates: MultiPolygonCoords }).coordinates;
}

/** `--data DIR`, else TRUCELINE_DATA, else ./data. */
export function resolveDataDir(flag?: string): string {
  return resolve(flag ?? process.env.TRUCELINE_DATA ?? './data');
}

export interface Mission {
  readonly dataDir: string;
  readonly store: Store;
  readonly agreement: Agreement;
  /** The mission's Ed25519 signing key (checkpoints, published reports). */
  readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  /** Checkpoint origin line (C2SP tlog-checkpoint). */
  readonly origin: string;
  /** Things a person should be told (e.g. the demo agreement was bound). */
  readonly notes: readonly string[];
  close(): Promise<void>;
}

export interface OpenOptions extends SqliteStoreOptions, PostgresStoreOptions {
  /**
   * postgres:// URL of the mission's database; default DATABASE_URL. Without one the store is the
   * SQLite file `truceline.db` in the data directory. The data directory holds the mission's keys
   * (and evidence files) either way.
   */
  readonly databaseUrl?: string;
  /** Bind this agreement file if the directory has none yet. */
  readonly agreementFile?: string;
  readonly nowMs?: number;
}

export function readAgreementFile(file: string): { agreement: Agreement; raw: unknown } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TrucelineError('VALIDATION', `${file}: ${(err as Error).message}`);
  }
  return { agreement: parseAgreement(raw), raw };
}

function loadOrCreateKey(dataDir: string): {
  signingKey: KeyObject;
  publicKey: KeyObject;
  created: boolean;
} {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'mission.ed25519.pem');
  if (existsSync(file)) {
    const signingKey = createPrivateKey(readFileSync(file));
    return { signingKey, publicKey: createPublicKey(signingKey), created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(file, 0o600);
  return { signingKey: privateKey, publicKey, created: true };
}

/** Raw 32-byte Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

/**
 * Opens (creating on first use) a mission's data directory: the SQLite store, the mission key
 * (owner-only file permissions) and the bound agreement. A fresh directory with no agreement
 * takes `opts.agreementFile`, else the demo agreement, and says so in `notes`.
 */
export async function openMission(dataDir: string, opts: OpenOptions = {}): Promise<Mission> {
  mkdirSync(dataDir, { recursive: true });
  const store = await openStore(
    { dataDir, databaseUrl: opts.databaseUrl ?? process.env.DATABASE_URL },
    opts,
  );
  const notes: string[] = [];
  try {
    const key = loadOrCreateKey(dataDir);
    if (key.created) notes.push(`created the mission signing key in ${join(dataDir, 'keys')}`);
    const nowIso = new Date(opts.nowMs ?? Date.now()).toISOString();
    const where = store.kind === 'postgres' ? 'the database' : dataDir;
    if ((await store.getMeta('agreement')) === null) {
      const file = opts.agreementFile ?? DEMO_AGREEMENT_FILE;
      const { raw } = readAgreementFile(file);
      if ((await bindAgreement(store, raw, nowIso)) && !opts.agreementFile)
        notes.push(`no agreement bound to ${where}; bound the demo agreement (${file})`);
    }
    const agreement = parseAgreement(JSON.parse((await store.getMeta('agreement'))!));
    const publicKey = rawPublicKey(key.publicKey).toString('base64');
    // Inside the write, so that of several processes opening one new database together exactly
    // one records the mission (writes are serialised, and each sees what the one before committed).
    // Checked first without a write, so a mission opens on a read-only database (reads go on).
    if ((await store.getMeta('origin')) === null)
      await store.write(async (tx) => {
        if ((await store.getMeta('origin')) !== null) return;
        const origin = `truceline.local/${agreement.id}`;
        await tx.record([
          {
            event: {
              v: 1,
              type: 'mission.created',
              at: nowIso,
              actor: 'system',
              data: { origin, publicKey },
            },
          },
        ]);
      });
    const origin = (await store.getMeta('origin'))!;
    const missionKey = await store.getMeta('mission_public_key');
    if (missionKey !== null && missionKey !== publicKey) {
      throw new TrucelineError(
        'VALIDATION',
        `the signing key in ${join(dataDir, 'keys')} is not the mission's key (the ledger's mission.created names another); every process of a mission needs the same key file`,
      );
    }
    return {
      dataDir,
      store,
      agreement,
      signingKey: key.signingKey,
      publicKey: key.publicKey,
      origin,
      notes,
      close: () => store.close(),
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** The mission's verifier key in signed-note vkey form (`origin+keyid+base64`), for `truceline verify --key`. */
export function missionVerifierKey(m: Pick<Mission, 'origin' | 'publicKey'>): string {
  return formatVerifierKey({
    name: m.origin,
    type: SIG_TYPE_ED25519,
    publicKey: rawPublicKey(m.publicKey),
  });
}

export function agreementDigest(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw), 'utf8').digest('hex');
}

/**
 * Binds an agreement: its canonical JSON is kept as a document; the leaf commits to its digest.
 * False when another process bound one first (checked inside the serialised write).
 */
async function bindAgreement(store: Store, raw: unknown, at: string): Promise<boolean> {
  const body = Buffer.from(canonicalJson(raw), 'utf8');
  return store.write(async (tx) => {
    if ((await store.getMeta('agreement')) !== null) return false;
    const digest = await tx.putDocument(body, 'application/json');
    const a = raw as { id?: unknown; version?: unknown };
    await tx.record([
      {
        event: {
          v: 1,
          type: 'agreement.bound',
          at,
          actor: 'system',
          data: { digest, id: a.id, version: a.version },
        },
      },
    ]);
    return true;
  });
}

/**
 * `truceline init --agreement FILE`: binds a data directory to an agreement. Binding the same
 * agreement again is a no-op; a different one is refused (a mission's record is under one
 * agreement; a new version is an admin change, not a re-init).
 */
export async function initMission(dataDir: string, agreementFile: string): Promise<Mission> {
  const { raw } = readAgreementFile(agreementFile);
  const wanted = agreementDigest(raw);
  const mission = await openMission(dataDir, { agreementFile });
  const bound = await mission.store.getMeta('agreement_digest');
  if (bound !== wanted) {
    await mission.close();
    throw new TrucelineError(
      'ID_CONFLICT',
      `${dataDir} is already bound to another agreement (digest ${bound?.slice(0, 12)}…); use a new --data directory`,
    );
  }
  return mission;
}
