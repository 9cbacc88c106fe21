/**
 * Just enough POSIX ustar (IEEE Std 1003.1-2001, "pax" format's base) to write an evidence bundle
 * as a stream and to read one back member by member without holding large files in memory.
 * Regular files only, names of at most 100 bytes. Depends on node's built-ins alone, so the
 * offline verifier can use it.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

const BLOCK = 512;

export interface TarMemberSource {
  readonly name: string;
  readonly size: number;
  /** The member's bytes: small ones given whole, large ones streamed. */
  readonly body: Uint8Array | (() => Promise<Readable>);
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header block for a regular file (mode 0644, owner 0, the given mtime in seconds). */
export function tarHeader(name: string, size: number, mtimeS: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar member name longer than 100 bytes: ${name}`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeS, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The tar archive of `members`, in order, as a stream of chunks. */
export async function* tarChunks(
  members: readonly TarMemberSource[],
  mtimeS: number,
): AsyncGenerator<Buffer> {
  for (const m of members) {
    yield tarHeader(m.name, m.size, mtimeS);
    let written = 0;
    if (m.body instanceof Uint8Array) {
      written = m.body.length;
      yield Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
    } else {
      for await (const chunk of await m.body()) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    if (written !== m.size)
      throw new Error(`tar member ${m.name}: ${written} bytes written, ${m.size} declared`);
    yield padding(m.size);
  }
  yield Buffer.alloc(BLOCK * 2);
}

export interface TarMember {
  readonly name: string;
  readonly size: number;
  /** Offset of the member's first byte in the archive. */
  readonly offset: number;
  /** SHA-256 hex of its bytes. */
  readonly sha256: string;
  /** Its bytes, when `keep(name)` asked for them. */
  readonly bytes: Uint8Array | null;
}

function field(h: Buffer, at: number, len: number): string {
  const raw = h.subarray(at, at + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? len : end).toString('utf8');
}

function parseOctal(h: Buffer, at: number, len: number, what: string): number {
  const s = field(h, at, len).trim();
  if (!/^[0-7]+$/.test(s)) throw new Error(`malformed tar header: ${what} ${JSON.stringify(s)}`);
  return parseInt(s, 8);
}

/**
 * Reads every member of the tar file at `path`, hashing each as it streams past; keeps the bytes
 * of those `keep` selects. Throws on a malformed header (bad checksum, non-regular member,
 * truncated data).
 */
export async function readTar(
  path: string,
  keep: (name: string, size: number) => boolean,
): Promise<TarMember[]> {
  const fh = await open(path, 'r');
  try {
    const members: TarMember[] = [];
    const total = (await fh.stat()).size;
    const header = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total)
        throw new Error('the archive ends without its end-of-archive blocks');
      await fh.read(header, 0, BLOCK, pos);
      if (header.every((b) => b === 0)) break;
      const stated = parseOctal(header, 148, 8, 'checksum');
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
      if (sum !== stated)
        throw new Error(
          `malformed tar header at byte ${pos}: checksum ${stated} stated, ${sum} computed`,
        );
      const prefix =
        header.subarray(257, 262).toString('ascii') === 'ustar' ? field(header, 345, 155) : '';
      const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
      const type = String.fromCharCode(header[156]!);
      if (type !== '0' && type !== '\0')
        throw new Error(`tar member ${name} is not a regular file (type ${JSON.stringify(type)})`);
      const size = parseOctal(header, 124, 12, 'size');
      const offset = pos + BLOCK;
      if (offset + size > total) throw new Error(`tar member ${name} is truncated`);
      const hash = createHash('sha256');
      const kept = keep(name, size) ? Buffer.alloc(size) : null;
      const buf = Buffer.alloc(Math.min(size, 1 << 20) || 1);
      for (let done = 0; done < size;) {
        const n = Math.min(buf.length, size - done);
        await fh.read(buf, 0, n, offset + done);
        hash.update(buf.subarray(0, n));
        if (kept) buf.copy(kept, done, 0, n);
        done += n;
      }
      members.push({
        name,
        size,
        offset,
        sha256: hash.digest('hex'),
        bytes: kept ? new Uint8Array(kept) : null,
      });
      pos = offset + size + ((BLOCK - (size % BLOCK)) % BLOCK);
    }
    return members;
  } finally {
    await fh.close();
  }
}
