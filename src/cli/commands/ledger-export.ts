/**
 * `truceline ledger export DIR`: writes the log as static files in the C2SP
 * tlog-tiles layout (DIR/checkpoint, DIR/tile/<L>/<N>[.p/<W>], DIR/tile/entries/<N>[.p/<W>]) for
 * the latest checkpoint's size. Any static web server can serve DIR, and `truceline verify --dir
 * DIR` audits it offline.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseCheckpoint, parseNote, TILE_WIDTH, tilePath, tilesForSize } from '../../ledger/index.js';

/** What the export reads; the SQLite store's ledger (SqliteLedger) plus the latest checkpoint. */
export interface LedgerExportSource {
  /** The latest signed checkpoint note. */
  checkpoint(): string | Promise<string>;
  tile(level: number, index: number, width: number): Uint8Array | null | Promise<Uint8Array | null>;
  entryBundle(index: number, width: number): Uint8Array | null | Promise<Uint8Array | null>;
  close?(): void | Promise<void>;
}

export interface ExportSummary {
  readonly size: number;
  readonly tiles: number;
  readonly bundles: number;
}

async function put(out: string, path: string, bytes: Uint8Array | string): Promise<void> {
  const file = join(out, ...path.split('/'));
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

/** Writes the layout into `out`; the checkpoint last, so a reader never sees it before its tiles. */
export async function exportLedger(source: LedgerExportSource, out: string): Promise<ExportSummary> {
  const note = await source.checkpoint();
  const { size } = parseCheckpoint(parseNote(note).text);
  const ids = tilesForSize(size);
  for (const t of ids) {
    const bytes = await source.tile(t.level, t.index, t.width);
    if (!bytes) throw new Error(`the log has no ${tilePath(t.level, t.index, t.width)} for checkpoint size ${size}`);
    await put(out, tilePath(t.level, t.index, t.width), bytes);
  }
  const bundles = Math.ceil(size / TILE_WIDTH);
  for (let n = 0; n < bundles; n++) {
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const bytes = await source.entryBundle(n, width);
    if (!bytes) throw new Error(`the log has no ${tilePath('entries', n, width)} for checkpoint size ${size}`);
    await put(out, tilePath('entries', n, width), bytes);
  }
  await put(out, 'checkpoint', note);
  return { size, tiles: ids.length, bundles };
}
