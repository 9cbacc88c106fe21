import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendPublished, readLatestPublished, repairPublishedFile, type PublishedCheckpoint } from './published-file.js';

const file = () => join(mkdtempSync(join(tmpdir(), 'truceline-checkpoints-')), 'checkpoints.jsonl');
// Notes carry the em dash (3 bytes in UTF-8), so chunked reads must not split characters.
const record = (size: number): PublishedCheckpoint => ({
  size,
  root: Buffer.alloc(32, size % 256).toString('base64'),
  note: `truceline.local/x\n${size}\nroot\n\n\u2014 truceline.local/x ${'A'.repeat(size % 97)}\n`,
  publishedAt: '2026-03-02T00:00:00.000Z',
  witnesses: ['witness.example/w1'],
});
const read = (f: string, accept: (r: PublishedCheckpoint) => void = () => {}) => {
  const rejected: string[] = [];
  return { latest: readLatestPublished(f, accept, (r) => rejected.push(r)), rejected };
};

describe('checkpoints.jsonl', () => {
  it('gives null for a file that does not exist yet', () => {
    expect(read(file()).latest).toBeNull();
  });

  it('gives back the last record appended', () => {
    const f = file();
    for (let i = 1; i <= 3; i++) appendPublished(f, record(i));
    expect(read(f).latest).toEqual(record(3));
  });

  it('reads backwards across 64 KiB chunks without splitting lines or characters', () => {
    const f = file();
    for (let i = 1; i <= 600; i++) appendPublished(f, record(i));
    expect(readFileSync(f).length).toBeGreaterThan(2 * 64 * 1024);
    const { latest, rejected } = read(f, (r) => {
      if (r.size > 5) throw new Error('refused');
    });
    expect(latest).toEqual(record(5));
    expect(rejected).toHaveLength(595);
  });

  it('skips records the caller does not accept, naming the reason, and returns the one before', () => {
    const f = file();
    for (let i = 1; i <= 3; i++) appendPublished(f, record(i));
    const { latest, rejected } = read(f, (r) => {
      if (r.size === 3) throw new Error('not signed by the mission');
    });
    expect(latest?.size).toBe(2);
    expect(rejected).toEqual([`${f}: skipped a record: not signed by the mission`]);
  });

  it('skips lines that are not records', () => {
    const f = file();
    appendPublished(f, record(1));
    appendFileSync(f, '{"size":"two"}\nnot json\n\n');
    const { latest, rejected } = read(f);
    expect(latest?.size).toBe(1);
    expect(rejected).toHaveLength(2);
  });

  it('cuts a torn last line left by a crash, so the next append starts on its own line', () => {
    const f = file();
    appendPublished(f, record(1));
    appendFileSync(f, JSON.stringify(record(2)).slice(0, 40));
    expect(repairPublishedFile(f)).toBe(true);
    expect(repairPublishedFile(f)).toBe(false);
    appendPublished(f, record(3));
    expect(readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).size)).toEqual([1, 3]);
  });

  it('empties a file holding only a torn line', () => {
    const f = file();
    writeFileSync(f, '{"size":1,"ro');
    expect(repairPublishedFile(f)).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe('');
    expect(read(f).latest).toBeNull();
  });
});
