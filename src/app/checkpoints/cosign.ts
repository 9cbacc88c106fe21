/**
 * Asking witnesses to cosign a checkpoint (c2sp.org/tlog-witness add-checkpoint), all at once and
 * each on its own: a witness that is down, slow, refusing, or answering with a signature that
 * does not verify under its configured key is one failed outcome, never a blocked publication.
 */
import { newVerifier, parseVerifierKey, SIG_TYPE_COSIGNATURE_V1, type NoteSignature, type NoteVerifier, parseNote } from '../../ledger/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { requestCosignature } from '../../witness/client.js';

/** A witness the mission's policy names: its submission URL prefix and its cosigner vkey. */
export interface WitnessConfig {
  readonly url: string;
  /** The witness's cosignature/v1 verifier key (type 0x04), `name+keyid+base64`. */
  readonly vkey: string;
}

export interface Witness {
  readonly url: string;
  readonly name: string;
  readonly verifier: NoteVerifier;
  /** The tree size this witness last cosigned, as far as the publisher knows (0: unknown). */
  knownSize: number;
}

export type CosignOutcome =
  | { readonly witness: Witness; readonly ok: true; readonly signature: NoteSignature }
  | { readonly witness: Witness; readonly ok: false; readonly reason: string };

/** Parses the policy's witnesses; throws VALIDATION naming the bad entry. */
export function parseWitnesses(configs: readonly WitnessConfig[]): Witness[] {
  const witnesses = configs.map((c, i) => {
    const where = `witnesses[${i}] (${c.url})`;
    if (!/^https?:\/\/\S+$/.test(c.url)) throw new TrucelineError('VALIDATION', `${where}: url must be an http(s) URL`);
    let key;
    try {
      key = parseVerifierKey(c.vkey);
    } catch (e) {
      throw new TrucelineError('VALIDATION', `${where}: vkey: ${(e as Error).message}`);
    }
    if (key.type !== SIG_TYPE_COSIGNATURE_V1) {
      throw new TrucelineError('VALIDATION', `${where}: vkey of ${key.name} has type 0x0${key.type}, a witness cosigns with type 0x04 (cosignature/v1)`);
    }
    return { url: c.url.replace(/\/$/, ''), name: key.name, verifier: newVerifier(key), knownSize: 0 };
  });
  const names = witnesses.map((w) => w.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new TrucelineError('VALIDATION', `two witnesses share the key name ${twice}; a policy counts distinct witnesses`);
  return witnesses;
}

/**
 * Submits `note` (signed by the log) to every witness in parallel, each with the consistency
 * proof from the size it last cosigned (`proofFrom`), and with the witness client's retry when
 * the witness answers 409 with another size. A witness that has not answered after `timeoutMs`
 * counts as failed (its request is left to finish on its own). On success `knownSize` moves to
 * the checkpoint's size.
 */
export async function collectCosignatures(
  note: string,
  size: number,
  witnesses: readonly Witness[],
  proofFrom: (oldSize: number) => Promise<Uint8Array[]>,
  timeoutMs: number,
): Promise<CosignOutcome[]> {
  const text = parseNote(note).text;
  return Promise.all(
    witnesses.map(async (witness): Promise<CosignOutcome> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const lines = await Promise.race([requestCosignature(witness.url, note, proofFrom, witness.knownSize), timeout]);
        const mine = lines.find((s) => s.name === witness.name && s.keyId === witness.verifier.keyId);
        if (!mine) return { witness, ok: false, reason: `answered without a signature by ${witness.name} (got: ${lines.map((s) => s.name).join(', ') || 'none'})` };
        if (!witness.verifier.verify(text, mine.signature)) return { witness, ok: false, reason: `its cosignature does not verify under the configured key of ${witness.name}` };
        witness.knownSize = size;
        return { witness, ok: true, signature: mine };
      } catch (e) {
        return { witness, ok: false, reason: describe(e) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/** fetch wraps connection errors as "fetch failed" with the useful part in `cause`. */
function describe(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause ? `: ${err.cause.code ?? err.cause.message ?? String(err.cause)}` : '';
  return `${err.message}${cause}`;
}
