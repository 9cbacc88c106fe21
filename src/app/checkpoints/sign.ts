/**
 * Signing the log's checkpoint with the mission key: a C2SP tlog-checkpoint body (origin, tree
 * size, base64 root) as a C2SP signed note whose key name is the origin (signed-note v1, Ed25519,
 * type 0x01). The one place the mission turns its tree head into a note; the publisher and the
 * server's on-demand checkpoint both want exactly this.
 */
import { sign } from 'node:crypto';
import { computeKeyId, formatCheckpoint, SIG_TYPE_ED25519, signNote, type NoteSigner } from '../../ledger/index.js';
import { rawPublicKey, type Mission } from '../mission.js';

export type SigningMission = Pick<Mission, 'store' | 'origin' | 'signingKey' | 'publicKey'>;

export interface SignedCheckpoint {
  /** The signed note: checkpoint text, a blank line, the mission's signature line. */
  readonly note: string;
  readonly origin: string;
  readonly size: number;
  /** RFC 9162 root at `size`, 32 bytes. */
  readonly root: Uint8Array;
}

/** The mission key as a signed-note signer (key name = the log origin). */
export function missionNoteSigner(mission: Pick<Mission, 'origin' | 'signingKey' | 'publicKey'>): NoteSigner {
  return {
    name: mission.origin,
    keyId: computeKeyId(mission.origin, SIG_TYPE_ED25519, rawPublicKey(mission.publicKey)),
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), mission.signingKey),
  };
}

/**
 * Signs the log as it is now. The size is read first and the root at that size after, so a
 * write landing in between cannot pair one size with another size's root.
 */
export async function signCheckpoint(mission: SigningMission): Promise<SignedCheckpoint> {
  const size = await mission.store.ledger.size();
  const root = await mission.store.ledger.root(size);
  const note = signNote(formatCheckpoint({ origin: mission.origin, size, root }), [missionNoteSigner(mission)]);
  return { note, origin: mission.origin, size, root };
}

/**
 * The checkpoint of the log as it is when asked, signed on demand and cached per tree size
 * (`/log/checkpoint` without witnesses, `truceline ledger checkpoint`, exports, `verify --data`).
 */
export function onDemandCheckpoint(mission: SigningMission): () => Promise<string> {
  let cached: SignedCheckpoint | null = null;
  return async () => {
    const size = await mission.store.ledger.size();
    if (cached?.size !== size) cached = await signCheckpoint(mission);
    return cached.note;
  };
}
