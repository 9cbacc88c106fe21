import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar, tarChunks } from './tar.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const big = randomBytes(1_000_001);
const name = `files/${createHash('sha256').update(big).digest('hex')}`;

async function write(file: string): Promise<void> {
  const members = [
    { name: 'manifest.json', size: 2, body: Buffer.from('{}') },
    {
      name,
      size: big.length,
      body: async () => Readable.from([big.subarray(0, 4096), big.subarray(4096)]),
    },
  ];
  await pipeline(Readable.from(tarChunks(members, 1_700_000_000)), createWriteStream(file));
}

describe('ustar writer and reader', () => {
  it('round-trips members, hashing streamed ones and keeping the selected ones', async () => {
    const file = join(dir, 'a.tar');
    await write(file);
    const members = await readTar(file, (n) => n === 'manifest.json');
    expect(members.map((m) => [m.name, m.size])).toEqual([
      ['manifest.json', 2],
      [name, big.length],
    ]);
    expect(Buffer.from(members[0]!.bytes!).toString()).toBe('{}');
    expect(members[1]!.bytes).toBeNull();
    expect(`files/${members[1]!.sha256}`).toBe(name);
    expect(
      readFileSync(file)
        .subarray(members[1]!.offset, members[1]!.offset + 16)
        .equals(big.subarray(0, 16)),
    ).toBe(true);
  });

  it('writes archives that the system tar reads', async () => {
    const file = join(dir, 'b.tar');
    await write(file);
    const r = spawnSync('tar', ['-tf', file], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stdout.trim().split('\n')).toEqual(['manifest.json', name]);
  });

  it('refuses a header whose checksum does not match', async () => {
    const file = join(dir, 'c.tar');
    await write(file);
    const bytes = readFileSync(file);
    bytes[10] = bytes[10]! ^ 0x20;
    writeFileSync(file, bytes);
    await expect(readTar(file, () => false)).rejects.toThrow(/checksum/);
  });
});
