import { createHash, generateKeyPairSync, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAgreement, type Agreement } from '../domain/agreement/index.js';
import { formatVerifierKey, SIG_TYPE_ED25519 } from '../ledger/index.js';
import { TrucelineError } from '../domain/errors.js';
import { SqliteStore, type SqliteStoreOptions } from '../store/sqlite/store.js';
import type { Store } from '../store/port.js';
import { canonicalJson } from './events/event.js';

/** The demo agreement shipped with the package (resolves from src/app and dist/app alike). */
export const DEMO_AGREEMENT_FILE = fileURLToPath(new URL('../../scenarios/ukraine-2026/agreement.json', import.meta.url));

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

export interface OpenOptions extends SqliteStoreOptions {
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

function loadOrCreateKey(dataDir: string): { signingKey: KeyObject; publicKey: KeyObject; created: boolean } {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'mission.ed25519.pem');
  if (existsSync(file)) {
    const signingKey = createPrivateKey(readFileSync(file));
    return { signingKey, publicKey: createPublicKey(signingKey), created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
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
  const store = SqliteStore.open(join(dataDir, 'truceline.db'), opts);
  const notes: string[] = [];
  try {
    const key = loadOrCreateKey(dataDir);
    if (key.created) notes.push(`created the mission signing key in ${join(dataDir, 'keys')}`);
    const nowIso = new Date(opts.nowMs ?? Date.now()).toISOString();
    let agreementJson = await store.getMeta('agreement');
    if (agreementJson === null) {
      const file = opts.agreementFile ?? DEMO_AGREEMENT_FILE;
      if (!opts.agreementFile) notes.push(`no agreement bound to ${dataDir}; bound the demo agreement (${file})`);
      const { raw } = readAgreementFile(file);
      await bindAgreement(store, raw, nowIso);
      agreementJson = JSON.stringify(raw);
    }
    const agreement = parseAgreement(JSON.parse(agreementJson));
    let origin = await store.getMeta('origin');
    if (origin === null) {
      origin = `truceline.local/${agreement.id}`;
      const publicKey = rawPublicKey(key.publicKey).toString('base64');
      await store.write((tx) => tx.record([{ event: { v: 1, type: 'mission.created', at: nowIso, actor: 'system', data: { origin, publicKey } } }]));
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
  return formatVerifierKey({ name: m.origin, type: SIG_TYPE_ED25519, publicKey: rawPublicKey(m.publicKey) });
}

export function agreementDigest(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw), 'utf8').digest('hex');
}

/** Binds an agreement: its canonical JSON is kept as a document; the leaf commits to its digest. */
async function bindAgreement(store: Store, raw: unknown, at: string): Promise<void> {
  const body = Buffer.from(canonicalJson(raw), 'utf8');
  await store.write(async (tx) => {
    const digest = await tx.putDocument(body, 'application/json');
    const a = raw as { id?: unknown; version?: unknown };
    await tx.record([{ event: { v: 1, type: 'agreement.bound', at, actor: 'system', data: { digest, id: a.id, version: a.version } } }]);
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
    throw new TrucelineError('ID_CONFLICT', `${dataDir} is already bound to another agreement (digest ${bound?.slice(0, 12)}…); use a new --data directory`);
  }
  return mission;
}
