/**
 * Auditing a log from its entries: untouched logs pass; each kind of tampering is named, with the
 * first altered index where the published data allow it.
 */
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { utf8 } from './encoding.js';
import { isLedgerError } from './errors.js';
import { leafHash } from './hasher.js';
import { MemoryTiledTree } from './memory-tree.js';
import { auditLog, verifyEntryInclusion } from './verify-log.js';

const ORIGIN = 'truceline.example/log';
const entries = Array.from({ length: 700 }, (_, i) => utf8(`{"i":${i},"type":"observation.stored","v":1}`));
const honest = new MemoryTiledTree();
honest.appendLeaves(entries);
const checkpointAt = (size: number, tree = honest): Checkpoint => parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size, root: tree.root(size) }));
const latest = checkpointAt(700);
const published = (tree: MemoryTiledTree) => (level: number, index: number, width: number) => tree.tile(level, index, width)?.hashes ?? null;

describe('auditLog', () => {
  it('passes an untouched log, with its tiles and saved checkpoints', () => {
    const report = auditLog({ checkpoint: latest, entries, publishedTile: published(honest), saved: [checkpointAt(1), checkpointAt(256), checkpointAt(699)] });
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.firstBadIndex).toBeNull();
  });

  it('names the first altered entry when entries were edited but tiles were not', () => {
    const edited = entries.map((e, i) => (i === 300 || i === 512 ? utf8('{"forged":true}') : e));
    const report = auditLog({ checkpoint: latest, entries: edited, publishedTile: published(honest) });
    expect(report.ok).toBe(false);
    expect(report.firstBadIndex).toBe(300);
    expect(report.findings.find((f) => !f.ok)!.what).toMatch(/^entry 300 was altered: it hashes to [0-9a-f]{64}, the published tile\/0\/001 has/);
  });

  it('bounds the first altered entry with saved checkpoints when tiles were rewritten too', () => {
    const edited = entries.map((e, i) => (i === 300 ? utf8('{"forged":true}') : e));
    const rewritten = new MemoryTiledTree();
    rewritten.appendLeaves(edited);
    const report = auditLog({ checkpoint: latest, entries: edited, publishedTile: published(rewritten), saved: [checkpointAt(256), checkpointAt(400)] });
    expect(report.ok).toBe(false);
    expect(report.firstBadIndex).toBe(256);
    expect(report.findings.map((f) => f.what).join('\n')).toMatch(/first altered entry lies in 256\.\.399/);
    expect(report.findings.some((f) => !f.ok && /saved checkpoint of size 400/.test(f.what))).toBe(true);
  });

  it('reports a truncated log at the first missing index', () => {
    const report = auditLog({ checkpoint: latest, entries: entries.slice(0, 650) });
    expect(report.firstBadIndex).toBe(650);
    expect(report.findings[0]!.what).toBe('log serves 650 entries; checkpoint covers 700');
  });

  it('reports a removed entry (everything after shifts) at its index', () => {
    const removed = [...entries.slice(0, 42), ...entries.slice(43), utf8('{"padding":1}')];
    const report = auditLog({ checkpoint: latest, entries: removed, publishedTile: published(honest) });
    expect(report.firstBadIndex).toBe(42);
  });

  it('reports a checkpoint that does not match the entries when nothing else is published', () => {
    const forged = parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size: 700, root: honest.root(699) }));
    const report = auditLog({ checkpoint: forged, entries });
    expect(report.ok).toBe(false);
    expect(report.findings.some((f) => /entries rebuild root .* checkpoint says/.test(f.what))).toBe(true);
  });

  it('refuses a latest checkpoint smaller than a saved one (rollback)', () => {
    const report = auditLog({ checkpoint: checkpointAt(500), entries, saved: [checkpointAt(600)] });
    expect(report.ok).toBe(false);
    expect(report.findings.some((f) => /log shrank/.test(f.what))).toBe(true);
  });
});

describe('verifyEntryInclusion', () => {
  it('accepts a leaf at its index and refuses it elsewhere', () => {
    const hash = leafHash(entries[123]!);
    expect(() => verifyEntryInclusion(hash, 123, honest.inclusionProof(123, 700), latest)).not.toThrow();
    let err: unknown;
    try {
      verifyEntryInclusion(hash, 124, honest.inclusionProof(124, 700), latest);
    } catch (e) {
      err = e;
    }
    expect(isLedgerError(err, 'ROOT_MISMATCH')).toBe(true);
    expect(() => verifyEntryInclusion(hash, 700, [], latest)).toThrow(/beyond checkpoint size/);
  });
});
