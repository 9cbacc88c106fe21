/**
 * The log's side of c2sp.org/tlog-witness: submitting a checkpoint to a witness and collecting its
 * cosignature, including the 409 dance (the witness answers with the size it last cosigned; the
 * client fetches a proof from there and retries once).
 */
import { parseSignatureLine, type NoteSignature } from '../ledger/index.js';
import { formatAddCheckpointBody } from './add-checkpoint.js';

export class WitnessRefusal extends Error {
  override readonly name = 'WitnessRefusal';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Asks the witness at `url` (its submission prefix) to cosign `note`. `proofFrom(oldSize)` gives
 * the RFC 9162 consistency proof from oldSize to the checkpoint's size (empty for 0).
 * `knownSize` is the size the client believes the witness last cosigned (0 if unknown).
 * Returns the witness's signature lines; throws WitnessRefusal with the HTTP status otherwise.
 */
export async function requestCosignature(
  url: string,
  note: string,
  proofFrom: (oldSize: number) => Uint8Array[] | Promise<Uint8Array[]>,
  knownSize = 0,
): Promise<NoteSignature[]> {
  let oldSize = knownSize;
  for (let attempt = 0; attempt < 2; attempt++) {
    const proof = oldSize === 0 ? [] : await proofFrom(oldSize);
    const res = await fetch(`${url.replace(/\/$/, '')}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: formatAddCheckpointBody({ oldSize, proof, note }),
    });
    const text = await res.text();
    if (res.status === 200) return text.split('\n').filter((l) => l.length > 0).map((l, i) => parseSignatureLine(l, i));
    if (res.status === 409 && res.headers.get('content-type') === 'text/x.tlog.size' && attempt === 0) {
      const size = Number(text.trim());
      if (Number.isSafeInteger(size) && size !== oldSize) {
        oldSize = size;
        continue;
      }
    }
    throw new WitnessRefusal(res.status, `witness ${url} answered ${res.status}: ${text.trim()}`);
  }
  throw new WitnessRefusal(409, `witness ${url} kept answering 409`);
}
