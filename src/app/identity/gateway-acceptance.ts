import { decodeLeaf } from '../events/event.js';

/**
 * What a `gateway.batch_accepted` ledger entry records of the batch that spent a nonce. Read by
 * the gateway path (a batch sent again is checked against its acceptance) and by the stores'
 * upgrade that finds the acceptances of nonces spent before they kept its ledger index.
 */
export interface AcceptanceRecord {
  readonly deviceId: string;
  readonly nonce: string;
  readonly timestamp: string;
  readonly signature: string;
  /** Hex SHA-256 of the signed bytes. */
  readonly batchSha256: string;
}

/**
 * Bytes that every public `gateway.batch_accepted` leaf (RFC 8785 JSON, no whitespace) holds: a
 * cheap test that skips the other leaves before any JSON is parsed.
 */
export const ACCEPTANCE_LEAF_MARK: Uint8Array = new TextEncoder().encode('"type":"gateway.batch_accepted"');

/** The acceptance a ledger leaf records; null for a leaf of any other event (or a sealed one). */
export function acceptanceOfLeaf(leaf: Uint8Array): AcceptanceRecord | null {
  const e = decodeLeaf(leaf);
  if (e.type !== 'gateway.batch_accepted' || !('data' in e)) return null;
  const d = e.data as Partial<Record<keyof AcceptanceRecord, unknown>>;
  if (typeof d.deviceId !== 'string' || typeof d.nonce !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { deviceId: d.deviceId, nonce: d.nonce, timestamp: text(d.timestamp), signature: text(d.signature), batchSha256: text(d.batchSha256) };
}
