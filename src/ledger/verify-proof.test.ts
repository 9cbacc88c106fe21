/**
 * The verifier against named breaks (fixtures/proof-breaks.json) applied to the published vectors
 * and to generated proofs, and against every single-bit change of proof, leaf, root, size and
 * index for small trees.
 */
import { describe, expect, it } from 'vitest';
import breaks from './fixtures/proof-breaks.json' with { type: 'json' };
import vectors from './fixtures/merkle-vectors.json' with { type: 'json' };
import { fromHex } from './encoding.js';
import { isLedgerError, type LedgerErrorCode } from './errors.js';
import { EMPTY_ROOT, leafHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify-proof.js';

interface Break {
  name: string;
  target: string;
  op: string;
  bit?: number;
  element?: number;
  value?: number;
  codes: string[];
  sameShapeMayPass?: boolean;
}

/**
 * The left/right pattern RFC 9162 §2.1.3.2 walks for (index, size): the inner part's length, the
 * index bits that pick sides there, and the border length (transparency-dev/merkle's
 * decompInclProof). Two claims with one shape compute the same root from the same hashes.
 */
function inclusionShape(index: number, size: number): string {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return 'invalid';
  const i = BigInt(index);
  const inner = (i ^ BigInt(size - 1)).toString(2).replace(/^0+/, '').length;
  const border = (i >> BigInt(inner)).toString(2).replace(/0/g, '').length;
  return `${inner}/${border}/${i & ((1n << BigInt(inner)) - 1n)}`;
}

/** The same for RFC 9162 §2.1.4.2: whether root1 seeds the path, then the shape from size1 - 1. */
function consistencyShape(size1: number, size2: number): string {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 >= size2) return `trivial ${size1} ${size2}`;
  const s1 = BigInt(size1);
  let shift = 0n;
  while (((s1 >> shift) & 1n) === 0n) shift++;
  const seeded = s1 === 1n << shift;
  const i = BigInt(size1 - 1);
  const inner = BigInt((i ^ BigInt(size2 - 1)).toString(2).replace(/^0+/, '').length);
  const border = (i >> inner).toString(2).replace(/0/g, '').length;
  const mask = i >> shift;
  return `${seeded}/${inner - shift}/${border}/${mask & ((1n << (inner - shift)) - 1n)}`;
}

interface InclusionCase {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  root: Uint8Array;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  proof: Uint8Array[];
  root1: Uint8Array;
  root2: Uint8Array;
}

function flipBit(h: Uint8Array, bit: number): Uint8Array {
  const out = h.slice();
  out[bit >> 3]! ^= 0x80 >> (bit & 7);
  return out;
}

/** Applies a proof-list edit; null when the edit would leave the proof unchanged. */
function editProof(proof: Uint8Array[], b: Break, root: Uint8Array): Uint8Array[] | null {
  const at = (e: number) => (e < 0 ? proof.length + e : e);
  switch (b.op) {
    case 'flip-bit': {
      const i = at(b.element ?? 0);
      if (i < 0 || i >= proof.length) return null;
      return proof.map((h, j) => (j === i ? flipBit(h, b.bit!) : h));
    }
    case 'drop-last':
      return proof.length ? proof.slice(0, -1) : null;
    case 'drop-first':
      return proof.length ? proof.slice(1) : null;
    case 'append-hash':
      return [...proof, new Uint8Array(32)];
    case 'duplicate-last':
      return proof.length ? [...proof, proof[proof.length - 1]!] : null;
    case 'swap-first-two':
      return proof.length >= 2 ? [proof[1]!, proof[0]!, ...proof.slice(2)] : null;
    case 'reverse':
      return proof.length >= 2 ? [...proof].reverse() : null;
    case 'replace-with-root':
      return proof.length ? [root, ...proof.slice(1)] : null;
    default:
      throw new Error(`unknown op ${b.op}`);
  }
}

function number(n: number, b: Break): number {
  return b.op === 'add' ? n + b.value! : n * b.value!;
}

function breakInclusion(c: InclusionCase, b: Break): InclusionCase | null {
  switch (b.target) {
    case 'root':
      return { ...c, root: flipBit(c.root, b.bit!) };
    case 'leafHash':
      return { ...c, leafHash: flipBit(c.leafHash, b.bit!) };
    case 'index':
      return { ...c, index: number(c.index, b) };
    case 'size':
      return { ...c, size: number(c.size, b) };
    case 'proof': {
      const proof = editProof(c.proof, b, c.root);
      return proof ? { ...c, proof } : null;
    }
    default:
      throw new Error(`unknown target ${b.target}`);
  }
}

function breakConsistency(c: ConsistencyCase, b: Break): ConsistencyCase | null {
  switch (b.target) {
    case 'root1':
      return { ...c, root1: flipBit(c.root1, b.bit!) };
    case 'root2':
      return { ...c, root2: flipBit(c.root2, b.bit!) };
    case 'size1':
      return { ...c, size1: number(c.size1, b) };
    case 'size2':
      return { ...c, size2: number(c.size2, b) };
    case 'roots':
      return { ...c, root1: c.root2, root2: c.root1 };
    case 'proof': {
      const proof = editProof(c.proof, b, c.root2);
      return proof ? { ...c, proof } : null;
    }
    default:
      throw new Error(`unknown target ${b.target}`);
  }
}

function failure(call: () => void): LedgerErrorCode | 'PASSED' {
  try {
    call();
    return 'PASSED';
  } catch (e) {
    if (isLedgerError(e)) return e.code;
    throw e;
  }
}

const runInclusion = (c: InclusionCase) => () => verifyInclusion(c.index, c.size, c.leafHash, c.proof, c.root);
const runConsistency = (c: ConsistencyCase) => () => verifyConsistency(c.size1, c.size2, c.proof, c.root1, c.root2);

const leaves = vectors.leavesHex.map((h) => fromHex(h));
const root = (size: number) => fromHex((vectors.roots as Record<string, string>)[String(size)]!);
const vectorInclusion: InclusionCase[] = vectors.inclusion.map((v) => ({
  index: v.index,
  size: v.size,
  leafHash: leafHash(leaves[v.index]!),
  proof: v.path.map((h) => fromHex(h)),
  root: root(v.size),
}));
const vectorConsistency: ConsistencyCase[] = vectors.consistency.map((v) => ({
  size1: v.size1,
  size2: v.size2,
  proof: v.path.map((h) => fromHex(h)),
  root1: root(v.size1),
  root2: root(v.size2),
}));

// Generated cases: every proof of trees up to 40 leaves.
const data = Array.from({ length: 40 }, (_, i) => new Uint8Array([i, 0xaa]));
const tree = new MemoryTiledTree();
tree.appendLeaves(data);
const generatedInclusion: InclusionCase[] = [];
const generatedConsistency: ConsistencyCase[] = [];
for (let n = 1; n <= 40; n++) {
  for (let m = 0; m < n; m++) {
    generatedInclusion.push({ index: m, size: n, leafHash: leafHash(data[m]!), proof: tree.inclusionProof(m, n), root: tree.root(n) });
  }
  for (let m = 1; m < n; m++) {
    generatedConsistency.push({ size1: m, size2: n, proof: tree.consistencyProof(m, n), root1: tree.root(m), root2: tree.root(n) });
  }
}

describe('valid proofs verify', () => {
  it.each(vectorInclusion)('vector inclusion $index in $size', (c) => expect(failure(runInclusion(c))).toBe('PASSED'));
  it.each(vectorConsistency)('vector consistency $size1 -> $size2', (c) => expect(failure(runConsistency(c))).toBe('PASSED'));

  it('accepts the trivial cases: size1 == size2 with equal roots, and from the empty tree', () => {
    expect(failure(() => verifyConsistency(5, 5, [], root(5), root(5)))).toBe('PASSED');
    expect(failure(() => verifyConsistency(0, 5, [], EMPTY_ROOT, root(5)))).toBe('PASSED');
    expect(failure(() => verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT))).toBe('PASSED');
  });
});

describe('inclusion breaks (fixtures/proof-breaks.json)', () => {
  it.each(breaks.inclusion as Break[])('$name is rejected with $codes', (b) => {
    let applied = 0;
    for (const c of [...vectorInclusion, ...generatedInclusion]) {
      const broken = breakInclusion(c, b);
      if (!broken) continue;
      applied++;
      const code = failure(runInclusion(broken));
      if (b.sameShapeMayPass && inclusionShape(broken.index, broken.size) === inclusionShape(c.index, c.size)) {
        expect(code, `${b.name} on index ${c.index} size ${c.size}: same shape`).toBe('PASSED');
        continue;
      }
      expect(b.codes, `${b.name} on index ${c.index} size ${c.size} gave ${code}`).toContain(code);
    }
    expect(applied).toBeGreaterThan(100);
  });
});

describe('consistency breaks (fixtures/proof-breaks.json)', () => {
  it.each(breaks.consistency as Break[])('$name is rejected with $codes', (b) => {
    let applied = 0;
    for (const c of [...vectorConsistency, ...generatedConsistency]) {
      const broken = breakConsistency(c, b);
      if (!broken) continue;
      applied++;
      const code = failure(runConsistency(broken));
      if (b.sameShapeMayPass && consistencyShape(broken.size1, broken.size2) === consistencyShape(c.size1, c.size2)) {
        expect(code, `${b.name} on ${c.size1} -> ${c.size2}: same shape`).toBe('PASSED');
        continue;
      }
      expect(b.codes, `${b.name} on ${c.size1} -> ${c.size2} gave ${code}`).toContain(code);
    }
    expect(applied).toBeGreaterThan(100);
  });
});

describe('every single-bit change fails (trees up to 8 leaves)', () => {
  // Hash bits must always fail. Size and index bits fail unless the changed claim has the same
  // shape (see inclusionShape): the proof alone does not bind the size; the checkpoint does.
  const small = generatedInclusion.filter((c) => c.size <= 8);
  const smallConsistency = [
    ...generatedConsistency.filter((c) => c.size2 <= 8),
    ...Array.from({ length: 8 }, (_, i) => ({ size1: i + 1, size2: i + 1, proof: [], root1: tree.root(i + 1), root2: tree.root(i + 1) })),
  ];
  const bits = (h: Uint8Array) => Array.from({ length: h.length * 8 }, (_, i) => flipBit(h, i));
  const numberFlips = (n: number) => Array.from({ length: 53 }, (_, b) => Number(BigInt(n) ^ (1n << BigInt(b))));

  it('in an inclusion proof, leaf hash, root, index or size', () => {
    let checked = 0;
    // Plain counting, not expect() per case: there are ~100k cases.
    const wrong: string[] = [];
    const expectFail = (c: InclusionCase) => {
      if (failure(runInclusion(c)) === 'PASSED') wrong.push(`passed: index ${c.index} size ${c.size}`);
      checked++;
    };
    let samePassed = 0;
    for (const c of small) {
      const expectFailUnlessSameShape = (changed: InclusionCase) => {
        const same = inclusionShape(changed.index, changed.size) === inclusionShape(c.index, c.size);
        if ((failure(runInclusion(changed)) === 'PASSED') !== same) wrong.push(`index ${changed.index} size ${changed.size} from ${c.index}/${c.size}`);
        if (same) samePassed++;
        checked++;
      };
      c.proof.forEach((h, i) => bits(h).forEach((f) => expectFail({ ...c, proof: c.proof.map((p, j) => (j === i ? f : p)) })));
      bits(c.leafHash).forEach((leafHash) => expectFail({ ...c, leafHash }));
      bits(c.root).forEach((root) => expectFail({ ...c, root }));
      numberFlips(c.index).forEach((index) => expectFailUnlessSameShape({ ...c, index }));
      numberFlips(c.size).forEach((size) => expectFailUnlessSameShape({ ...c, size }));
    }
    expect(wrong).toEqual([]);
    expect(samePassed).toBeGreaterThan(0); // the limitation is real, and exactly this wide
    expect(checked).toBeGreaterThan(15_000);
  });

  it('in a consistency proof, either root or either size', () => {
    let checked = 0;
    const wrong: string[] = [];
    const expectFail = (c: ConsistencyCase) => {
      if (failure(runConsistency(c)) === 'PASSED') wrong.push(`passed: ${c.size1} -> ${c.size2}`);
      checked++;
    };
    for (const c of smallConsistency) {
      const expectFailUnlessSameShape = (changed: ConsistencyCase) => {
        const same = consistencyShape(changed.size1, changed.size2) === consistencyShape(c.size1, c.size2) && c.size1 !== c.size2;
        if ((failure(runConsistency(changed)) === 'PASSED') !== same) wrong.push(`${changed.size1} -> ${changed.size2} from ${c.size1} -> ${c.size2}`);
        checked++;
      };
      c.proof.forEach((h, i) => bits(h).forEach((f) => expectFail({ ...c, proof: c.proof.map((p, j) => (j === i ? f : p)) })));
      bits(c.root1).forEach((root1) => expectFail({ ...c, root1 }));
      bits(c.root2).forEach((root2) => expectFail({ ...c, root2 }));
      numberFlips(c.size1).forEach((size1) => expectFailUnlessSameShape({ ...c, size1 }));
      numberFlips(c.size2).forEach((size2) => expectFailUnlessSameShape({ ...c, size2 }));
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(15_000);
  });
});

describe('bad input is refused, not misread', () => {
  const c = vectorInclusion[0]!;
  it.each([
    ['a 31-byte leaf hash', () => verifyInclusion(c.index, c.size, c.leafHash.slice(1), c.proof, c.root), 'INVALID_INPUT'],
    ['a 33-byte proof hash', () => verifyInclusion(c.index, c.size, c.leafHash, [new Uint8Array(33), ...c.proof.slice(1)], c.root), 'INVALID_INPUT'],
    ['a 31-byte root', () => verifyInclusion(c.index, c.size, c.leafHash, c.proof, c.root.slice(1)), 'INVALID_INPUT'],
    ['a negative index', () => rootFromInclusionProof(-1, 8, c.leafHash, c.proof), 'INVALID_INPUT'],
    ['index equal to size', () => rootFromInclusionProof(8, 8, c.leafHash, c.proof), 'INVALID_INPUT'],
    ['size zero', () => rootFromInclusionProof(0, 0, c.leafHash, []), 'INVALID_INPUT'],
    ['an unsafe size', () => rootFromInclusionProof(0, 2 ** 53 + 2, c.leafHash, c.proof), 'INVALID_INPUT'],
    ['a shrinking consistency claim', () => verifyConsistency(8, 7, [], root(8), root(7)), 'INCONSISTENT'],
    ['a non-empty proof from size 0', () => verifyConsistency(0, 8, [root(1)], EMPTY_ROOT, root(8)), 'WRONG_PROOF_SIZE'],
    ['a wrong root for size 0', () => verifyConsistency(0, 8, [], root(1), root(8)), 'INCONSISTENT'],
    ['two roots for one size', () => verifyConsistency(8, 8, [], root(7), root(8)), 'INCONSISTENT'],
    ['an empty proof between different sizes', () => verifyConsistency(4, 8, [], root(4), root(8)), 'WRONG_PROOF_SIZE'],
  ])('%s', (_name, call, code) => {
    expect(failure(call)).toBe(code);
  });

  it('verifies a proof deep in a tree of 2^53 - 1 leaves without losing bits', () => {
    const size = Number.MAX_SAFE_INTEGER;
    const index = size - 1;
    // 53 levels; the path for the last leaf of an all-ones size is all border hashes.
    const proof = Array.from({ length: 52 }, (_, i) => new Uint8Array(32).fill(i));
    const r = rootFromInclusionProof(index, size, c.leafHash, proof);
    expect(failure(() => verifyInclusion(index, size, c.leafHash, proof, r))).toBe('PASSED');
    expect(failure(() => verifyInclusion(index - 1, size, c.leafHash, proof, r))).not.toBe('PASSED');
  });
});
