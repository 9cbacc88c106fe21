import { describe, expect, it } from 'vitest';
import vectors from './fixtures/merkle-vectors.json' with { type: 'json' };
import { fromHex, toHex, utf8 } from './encoding.js';
import { EMPTY_ROOT, leafHash, nodeHash } from './hasher.js';

describe('RFC 9162 §2.1.1 hashing', () => {
  it('hashes the empty tree as SHA-256 of nothing', () => {
    expect(toHex(EMPTY_ROOT)).toBe(vectors.emptyRoot);
  });

  it('prefixes leaves with 0x00 (transparency-dev/merkle known answer)', () => {
    expect(toHex(leafHash(utf8('L123456')))).toBe(vectors.hasherKnownAnswers['leaf("L123456")']);
  });

  it('prefixes nodes with 0x01 (transparency-dev/merkle known answer)', () => {
    // The known answer hashes the raw strings as children, not 32-byte hashes.
    expect(toHex(nodeHash(utf8('N123'), utf8('N456')))).toBe(vectors.hasherKnownAnswers['node("N123","N456")']);
  });

  it('gives a one-leaf tree the leaf hash as root (vector root for size 1)', () => {
    expect(toHex(leafHash(fromHex(vectors.leavesHex[0]!)))).toBe(vectors.roots['1']);
  });

  it('keeps a leaf from colliding with a node over the same bytes', () => {
    const a = leafHash(new Uint8Array(32));
    const b = leafHash(new Uint8Array(32));
    expect(toHex(leafHash(new Uint8Array([...a, ...b])))).not.toBe(toHex(nodeHash(a, b)));
  });
});
