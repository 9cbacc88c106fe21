/**
 * `truceline verify --bundle FILE`: checks an evidence bundle (bundle.ts) offline, trusting
 * nothing in it but what the mission's key signed. Imports nothing of ours but src/ledger and the
 * tar reader (node built-ins only), and needs no mission store, so an investigator can run it on
 * a machine of their own.
 *
 *   1. the checkpoint's signature, under the key pinned with --key (else the embedded one, with a
 *      warning to compare it with the mission key obtained out of band);
 *   2. the last entry under the checkpoint is the `evidence.exported` event, proved into the
 *      checkpoint, and it commits to the SHA-256 of manifest.json;
 *   3. every file's bytes hash to the SHA-256 and size the manifest states;
 *   4. every custody event of the manifest is a ledger leaf in the bundle (revealed and checked
 *      against its commitment when sealed) that proves into the checkpoint and says what the
 *      manifest says (type, time, actor, file);
 *   5. the archive holds nothing else.
 */
import {
  HASH_SIZE,
  isLedgerError,
  leafHash,
  verifyCheckpoint,
  verifyInclusion,
  verifyReveal,
  type Checkpoint,
} from '../../ledger/index.js';
import { readTar, type TarMember } from './tar.js';

export interface BundleVerifyOptions {
  /** Pinned verifier keys of the mission (signed-note vkeys); empty: the bundle's own, with a warning. */
  readonly key: readonly string[];
}

interface EventLike {
  readonly type?: unknown;
  readonly at?: unknown;
  readonly actor?: unknown;
  readonly data?: Record<string, unknown>;
}

interface ManifestLike {
  format?: unknown;
  origin?: unknown;
  incidentId?: unknown;
  files?: { path?: unknown; sha256?: unknown; size?: unknown; mediaType?: unknown }[];
  custody?: {
    ledgerIndex?: unknown;
    type?: unknown;
    at?: unknown;
    actor?: unknown;
    sha256s?: unknown;
    sealed?: unknown;
  }[];
}

/** The largest non-file member read into memory (manifest, entries, proofs, checkpoint, key). */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;
const utf8 = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
const message = (e: unknown) =>
  isLedgerError(e) ? `${e.message} [${e.code}]` : (e as Error).message;

/** Runs every check, printing `ok`, `WARN` and `FAIL` lines; true when every check holds. */
export async function verifyBundle(
  path: string,
  opts: BundleVerifyOptions,
  print: (line: string) => void,
): Promise<boolean> {
  let ok = true;
  const good = (s: string) => print(`ok   ${s}`);
  const bad = (s: string) => {
    ok = false;
    print(`FAIL ${s}`);
  };

  let members: TarMember[];
  try {
    // Originals are hashed as they stream past; the small members are kept to be read.
    members = await readTar(
      path,
      (name, size) => !name.startsWith('files/') && size <= MAX_KEPT_BYTES,
    );
  } catch (e) {
    bad(`${path} is not a readable bundle: ${message(e)}`);
    return false;
  }
  const byName = new Map<string, TarMember>();
  for (const m of members) {
    if (byName.has(m.name)) bad(`the archive holds ${m.name} twice`);
    byName.set(m.name, m);
  }
  const used = new Set<string>();
  const member = (name: string): TarMember | null => {
    used.add(name);
    return byName.get(name) ?? null;
  };

  // 1. The checkpoint and who signed it.
  const embedded = member('verifier-key');
  let embeddedKey: string | null = null;
  try {
    embeddedKey = embedded?.bytes ? utf8(embedded.bytes).trim() : null;
  } catch {
    bad('verifier-key is not UTF-8 text');
  }
  let keys: readonly string[];
  if (opts.key.length > 0) {
    keys = opts.key;
    if (embeddedKey !== null && !opts.key.includes(embeddedKey))
      bad(`the bundle's verifier-key (${embeddedKey}) is not the key pinned with --key`);
  } else if (embeddedKey) {
    keys = [embeddedKey];
    print(
      `WARN the checkpoint is checked against the key inside the bundle (${embeddedKey}); compare it with the mission's key obtained out of band, or pin it with --key`,
    );
  } else {
    bad('no --key given and the bundle holds no verifier-key');
    return false;
  }
  const note = member('checkpoint');
  let checkpoint: Checkpoint;
  try {
    if (!note?.bytes) throw new Error('the bundle holds no checkpoint');
    const v = verifyCheckpoint(utf8(note.bytes), {
      logKeys: [...keys],
      witnessKeys: [],
      minWitnesses: 0,
    });
    checkpoint = v.checkpoint;
    good(
      `checkpoint ${checkpoint.origin} size ${checkpoint.size} signed by ${v.logSignatures.map((s) => s.name).join(', ')}`,
    );
  } catch (e) {
    bad(`checkpoint: ${message(e)}`);
    return false;
  }

  /** The event at `index`, proved into the checkpoint (and opened, when sealed); null after a FAIL line. */
  const proven = (index: number, what: string): { event: EventLike; sealed: boolean } | null => {
    try {
      if (!Number.isSafeInteger(index) || index < 0 || index >= checkpoint.size)
        throw new Error(`index ${index} is outside the checkpoint's ${checkpoint.size} entries`);
      const entry = member(`ledger/entries/${index}`)?.bytes;
      const proofBytes = member(`ledger/proofs/${index}`)?.bytes;
      if (!entry) throw new Error(`ledger/entries/${index} is missing`);
      if (!proofBytes) throw new Error(`ledger/proofs/${index} is missing`);
      if (proofBytes.length % HASH_SIZE !== 0)
        throw new Error(`ledger/proofs/${index} is not a whole number of ${HASH_SIZE}-byte hashes`);
      const proof = Array.from({ length: proofBytes.length / HASH_SIZE }, (_, i) =>
        proofBytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
      );
      verifyInclusion(index, checkpoint.size, leafHash(entry), proof, checkpoint.root);
      const leaf = JSON.parse(utf8(entry)) as EventLike & { commitment?: unknown };
      const reveal = member(`ledger/reveals/${index}`)?.bytes ?? null;
      if (leaf.type !== 'sealed') {
        if (reveal)
          throw new Error(`ledger/reveals/${index} is given for an entry that is not sealed`);
        return { event: leaf, sealed: false };
      }
      if (!reveal || reveal.length <= 32)
        throw new Error(`entry ${index} is sealed and ledger/reveals/${index} does not open it`);
      const salt = reveal.subarray(0, 32);
      const content = reveal.subarray(32);
      if (typeof leaf.commitment !== 'string' || !verifyReveal(content, salt, leaf.commitment))
        throw new Error(
          `ledger/reveals/${index} does not open the commitment of sealed entry ${index}`,
        );
      const event = JSON.parse(utf8(content)) as EventLike;
      if (event.at !== leaf.at)
        throw new Error(
          `sealed entry ${index} was recorded at ${String(leaf.at)} but its revealed event says ${String(event.at)}`,
        );
      return { event, sealed: true };
    } catch (e) {
      bad(`${what} (ledger entry ${index}): ${message(e)}`);
      return null;
    }
  };

  // 2. The export event commits to the manifest.
  const manifestMember = member('manifest.json');
  if (!manifestMember?.bytes) {
    bad('the bundle holds no manifest.json');
    return false;
  }
  const exportIndex = checkpoint.size - 1;
  const exported = proven(exportIndex, 'export event');
  if (!exported) return false;
  const xd = exported.event.data ?? {};
  if (exported.event.type !== 'evidence.exported') {
    bad(
      `the checkpoint's last entry (${exportIndex}) is a ${String(exported.event.type)} event, not evidence.exported`,
    );
    return false;
  }
  if (xd.manifestSha256 !== manifestMember.sha256) {
    bad(
      `manifest.json hashes to ${manifestMember.sha256}, but the export event (ledger entry ${exportIndex}) recorded ${String(xd.manifestSha256)}: the manifest was altered`,
    );
    return false;
  }
  good(
    `manifest.json is the one the export event (ledger entry ${exportIndex}, ${String(exported.event.at)} by ${String(exported.event.actor)}) recorded, proved into the checkpoint`,
  );
  let manifest: ManifestLike;
  try {
    manifest = JSON.parse(utf8(manifestMember.bytes)) as ManifestLike;
    if (manifest.format !== 'truceline-evidence-bundle/1')
      throw new Error(`unknown format ${String(manifest.format)}`);
    if (manifest.origin !== checkpoint.origin)
      throw new Error(
        `origin ${String(manifest.origin)} is not the checkpoint's ${checkpoint.origin}`,
      );
    if (manifest.incidentId !== xd.incidentId)
      throw new Error(
        `incident ${String(manifest.incidentId)} is not the export event's ${String(xd.incidentId)}`,
      );
    if (!Array.isArray(manifest.files) || !Array.isArray(manifest.custody))
      throw new Error('files and custody must be lists');
  } catch (e) {
    bad(`manifest.json: ${message(e)}`);
    return false;
  }

  // 3. The files.
  const files = new Map<string, { size: unknown; mediaType: unknown; uploaded: boolean }>();
  for (const f of manifest.files!) {
    const sha = String(f.sha256);
    files.set(sha, { size: f.size, mediaType: f.mediaType, uploaded: false });
    const m = member(`files/${sha}`);
    if (!m) bad(`files/${sha} is missing`);
    else if (m.sha256 !== sha || m.size !== f.size)
      bad(
        `files/${sha} was altered: its ${m.size} bytes hash to ${m.sha256}, the manifest states ${String(f.size)} bytes hashing to ${sha}`,
      );
    else good(`files/${sha}: ${m.size} bytes, SHA-256 as stated (${String(f.mediaType)})`);
  }
  const exportedShas = Array.isArray(xd.sha256s)
    ? [...(xd.sha256s as unknown[])].map(String).sort()
    : [];
  if (exportedShas.join() !== [...files.keys()].sort().join())
    bad(
      `the export event names files ${exportedShas.join(', ')}; the manifest lists ${[...files.keys()].sort().join(', ')}`,
    );

  // 4. The custody chain.
  for (const c of manifest.custody!) {
    const index = Number(c.ledgerIndex);
    const what = `custody event ${String(c.type)} at ${String(c.at)}`;
    if (index >= exportIndex) {
      bad(`${what}: ledger index ${index} is not before the export event`);
      continue;
    }
    const p = proven(index, what);
    if (!p) continue;
    const e = p.event;
    const d = e.data ?? {};
    const shas = Array.isArray(c.sha256s) ? (c.sha256s as unknown[]).map(String) : [];
    const problems: string[] = [];
    if (e.type !== c.type || e.at !== c.at || e.actor !== c.actor)
      problems.push(
        `the ledger says ${String(e.type)} at ${String(e.at)} by ${String(e.actor)}, the manifest ${String(c.type)} at ${String(c.at)} by ${String(c.actor)}`,
      );
    if (p.sealed !== c.sealed)
      problems.push(`the entry is ${p.sealed ? '' : 'not '}sealed, the manifest says otherwise`);
    const named =
      e.type === 'evidence.exported'
        ? Array.isArray(d.sha256s)
          ? (d.sha256s as unknown[]).map(String)
          : []
        : [String(d.sha256)];
    for (const s of shas) {
      if (!named.includes(s)) problems.push(`the event does not concern file ${s}`);
      if (!files.has(s)) problems.push(`file ${s} is not in the manifest`);
    }
    if (e.type === 'evidence.uploaded') {
      const f = files.get(String(d.sha256));
      if (f && (f.size !== d.size || f.mediaType !== d.mediaType))
        problems.push(
          `the upload recorded ${String(d.size)} bytes of ${String(d.mediaType)}, the manifest states ${String(f.size)} of ${String(f.mediaType)}`,
        );
      else if (f) f.uploaded = true;
    }
    if (problems.length) bad(`${what} (ledger entry ${index}): ${problems.join('; ')}`);
    else
      good(
        `ledger entry ${index}: ${String(e.type)} by ${String(e.actor)} at ${String(e.at)}${p.sealed ? ' (sealed; revealed and checked)' : ''}, proved into the checkpoint`,
      );
  }
  for (const [sha, f] of files)
    if (!f.uploaded) bad(`file ${sha} has no evidence.uploaded event in the custody chain`);

  // 5. Nothing else.
  for (const m of members)
    if (!used.has(m.name) && !m.name.startsWith('files/'))
      bad(`the archive holds ${m.name}, which the bundle does not account for`);
  for (const m of members)
    if (m.name.startsWith('files/') && !files.has(m.name.slice(6)))
      bad(`the archive holds ${m.name}, which the manifest does not list`);
  return ok;
}
