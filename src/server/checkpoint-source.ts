import { sign } from 'node:crypto';
import { rawPublicKey, type Mission } from '../app/mission.js';
import { computeKeyId, formatCheckpoint, SIG_TYPE_ED25519, signNote, type NoteSigner } from '../ledger/index.js';

/**
 * The checkpoint the ledger routes serve: the log's current size and root, signed on demand with
 * the mission key as a C2SP signed note (key name = the log origin), cached per tree size.
 *
 * A stand-in until the ledger work publishes checkpoints on a schedule and collects witness
 * cosignatures; then `serve` passes that publisher's latest note instead.
 */
export function onDemandCheckpoint(mission: Pick<Mission, 'store' | 'origin' | 'signingKey' | 'publicKey'>): () => Promise<string> {
  const signer: NoteSigner = {
    name: mission.origin,
    keyId: computeKeyId(mission.origin, SIG_TYPE_ED25519, rawPublicKey(mission.publicKey)),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), mission.signingKey),
  };
  let cached: { size: number; note: string } | null = null;
  return async () => {
    const size = await mission.store.ledger.size();
    if (cached?.size === size) return cached.note;
    const root = await mission.store.ledger.root();
    const note = signNote(formatCheckpoint({ origin: mission.origin, size, root }), [signer]);
    cached = { size, note };
    return note;
  };
}
