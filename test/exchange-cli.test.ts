/**
 * `truceline exchange` end to end through the command (registerExchangeCommand on a fresh
 * program, in this process, against real mission directories): importing the ACLED- and
 * UCDP-style fixtures with line-numbered problems, summaries and exit codes; importing again
 * (all duplicates); exporting ACLED-style CSV and importing that export elsewhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACLED_COLUMNS } from '../src/app/exchange/acled-export.js';
import { readCsv, type CsvRecord } from '../src/app/exchange/csv-reader.js';
import { fileObservations } from '../src/app/file-observations.js';
import { openMission } from '../src/app/mission.js';
import { registerExchangeCommand } from '../src/cli/commands/exchange.js';
import { EXIT } from '../src/cli/exit.js';

const FIXTURES = join(import.meta.dirname, '..', 'src', 'app', 'exchange', 'fixtures');
const ACLED = join(FIXTURES, 'acled-sample.csv');
const UCDP = join(FIXTURES, 'ucdp-sample.csv');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-exchange-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Runs `truceline exchange ...` in this process; returns its output and exit code. */
async function exchange(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const program = new Command('truceline').exitOverride();
  registerExchangeCommand(program);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['exchange', ...args], { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return { code: typeof process.exitCode === 'number' ? process.exitCode : 0, stdout, stderr };
}

async function storedIds(dir: string): Promise<string[]> {
  const m = await openMission(dir);
  try {
    const ids: string[] = [];
    for await (const s of m.store.streamObservations()) ids.push(s.observation.id);
    return ids.sort();
  } finally {
    await m.close();
  }
}

describe('truceline exchange import-acled', () => {
  const dir = () => join(work, 'acled');

  it('stores the mappable rows, excludes the out-of-scope ones and rejects the bad ones by line, exiting 2', async () => {
    const r = await exchange(['import-acled', ACLED, '--data', dir()]);
    expect(r.stdout).toBe('9 rows: 4 stored, 0 duplicate, 0 conflicting, 3 rejected, 2 excluded\n');
    expect(r.code).toBe(EXIT.REJECTED);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('line '));
    expect(lines).toEqual([
      expect.stringMatching(/^line 6: excluded: Protests \/ Peaceful protest is not something/),
      expect.stringMatching(/^line 7: excluded: time_precision 3/),
      expect.stringMatching(/^line 8: rejected: latitude: must be a number from -90 to 90, got "95.5"/),
      expect.stringMatching(/^line 9: rejected: event_type: "Explosions" \/ "Shelling" is not an ACLED event type/),
      expect.stringMatching(/^line 10: rejected: has 6 fields, the header has 31/),
    ]);
    expect(await storedIds(dir())).toEqual(['acled:XX1001', 'acled:XX1002', 'acled:XX1003', 'acled:XX1009']);
  });

  it('stores nothing new the second time: every mapped row is a duplicate', async () => {
    const r = await exchange(['import-acled', ACLED, '--data', dir(), '--quiet']);
    expect(r.stdout).toBe('9 rows: 0 stored, 4 duplicate, 0 conflicting, 3 rejected, 2 excluded\n');
    expect(r.stderr).not.toMatch(/line \d+/);
  });

  it('keeps what the rows said: the place, the window and the text', async () => {
    const m = await openMission(dir());
    try {
      const drone = (await m.store.getObservation('acled:XX1002'))!.observation;
      expect(drone).toMatchObject({
        source: { kind: 'osint', id: 'acled' },
        event: 'explosion',
        location: { lat: 47.95, lon: 37.6, radiusM: 25_000 },
        observedAt: { from: '2026-02-28T00:00:00Z', to: '2026-03-07T00:00:00Z' },
        visibility: 'mission',
      });
      expect(drone.text).toContain('Drones struck near Village Beta, damaging a "warehouse".\nTwo houses burned.');
    } finally {
      await m.close();
    }
  });

  it('refuses a file whose header lacks a required column, storing nothing', async () => {
    const file = join(work, 'no-precision.csv');
    writeFileSync(file, 'event_date,event_type,sub_event_type,latitude,longitude\r\n2026-03-01,Battles,Armed clash,48,37\r\n');
    await expect(exchange(['import-acled', file, '--data', join(work, 'acled-bad-header')])).rejects.toThrow(/geo_precision: required column missing/);
    expect(await storedIds(join(work, 'acled-bad-header'))).toEqual([]);
  });

  it('applies --utc-offset and --visibility, and refuses a malformed offset', async () => {
    const d = join(work, 'acled-offset');
    const r = await exchange(['import-acled', ACLED, '--data', d, '--utc-offset', '+03:00', '--visibility', 'public', '--quiet']);
    expect(r.stdout).toMatch(/^9 rows: 4 stored/);
    const m = await openMission(d);
    try {
      expect((await m.store.getObservation('acled:XX1001'))!.observation).toMatchObject({ observedAt: { from: '2026-02-28T21:00:00Z', to: '2026-03-01T21:00:00Z' }, visibility: 'public' });
    } finally {
      await m.close();
    }
    await expect(exchange(['import-acled', ACLED, '--data', d, '--utc-offset', 'Moscow'])).rejects.toThrow(/--utc-offset must be like/);
  });
});

describe('truceline exchange import-ucdp', () => {
  it('stores the placeable rows, excludes the vague ones and rejects the bad date, exiting 2', async () => {
    const d = join(work, 'ucdp');
    const r = await exchange(['import-ucdp', UCDP, '--data', d]);
    expect(r.stdout).toBe('7 rows: 3 stored, 0 duplicate, 0 conflicting, 1 rejected, 3 excluded\n');
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.stderr).toMatch(/line 4: excluded: where_prec 6/);
    expect(r.stderr).toMatch(/line 5: excluded: date_prec 4/);
    expect(r.stderr).toMatch(/line 6: excluded: date_start..date_end spans 10 days/);
    expect(r.stderr).toMatch(/line 8: rejected: date_start: "2026-02-30" is not a real date/);
    expect(await storedIds(d)).toEqual(['ucdp-ged:900001', 'ucdp-ged:900002', 'ucdp-ged:900006']);
  });

  it('files rows as the --event given', async () => {
    const d = join(work, 'ucdp-event');
    await exchange(['import-ucdp', UCDP, '--data', d, '--event', 'small_arms_burst', '--quiet']);
    const m = await openMission(d);
    try {
      expect((await m.store.getObservation('ucdp-ged:900001'))!.observation.event).toBe('small_arms_burst');
    } finally {
      await m.close();
    }
    await expect(exchange(['import-ucdp', UCDP, '--data', d, '--event', 'battle'])).rejects.toThrow(/--event must be one of/);
  });
});

describe('truceline exchange export-acled', () => {
  it('writes an ACLED-style CSV of the observations, which imports into another mission', async () => {
    const d = join(work, 'export');
    const m = await openMission(d);
    const sectorId = m.agreement.sectors[0]?.id;
    const [lon, lat] = m.agreement.lineOfContact[10]!;
    const filed = await fileObservations(
      m.store,
      [
        { id: 'e-1', source: { kind: 'monitor', id: 'patrol-1' }, observedAt: '2026-03-01T18:40:00Z', location: { lat, lon, radiusM: 300 }, event: 'explosion', count: 4, weapon: 'artillery', calibreMm: 152, direction: 'impact', visibility: 'public' },
        { id: 'e-2', source: { kind: 'monitor', id: 'patrol-1' }, observedAt: '2026-03-02T02:00:00Z', location: { lat, lon, radiusM: 300 }, event: 'small_arms_burst', count: 2, weapon: 'small_arms', direction: 'undetermined' },
      ],
      { actor: 'test', nowMs: Date.now() },
    );
    expect(filed.map((f) => f.status)).toEqual(['stored', 'stored']);
    await m.close();

    const out = join(work, 'export.csv');
    const r = await exchange(['export-acled', '--data', d, '--out', out]);
    expect(r.stderr).toMatch(/exported 2 observations/);
    const records: CsvRecord[] = [];
    for await (const rec of readCsv([readFileSync(out, 'utf8')])) records.push(rec);
    expect(records[0]!.fields).toEqual([...ACLED_COLUMNS]);
    const rows = records.slice(1).map((rec) => Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, rec.fields[i]])));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ event_date: '2026-03-01', event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack', geo_precision: '1', time_precision: '1' });
    expect(rows[1]).toMatchObject({ event_type: 'Battles', sub_event_type: 'Armed clash' });
    if (sectorId) expect(rows.every((row) => typeof row.location === 'string')).toBe(true);

    const pub = await exchange(['export-acled', '--data', d, '--public-only']);
    expect(pub.stdout.trim().split('\r\n')).toHaveLength(2);

    const again = join(work, 'reimport');
    const back = await exchange(['import-acled', out, '--data', again]);
    expect(back.stdout).toBe('2 rows: 2 stored, 0 duplicate, 0 conflicting, 0 rejected, 0 excluded\n');
    expect(back.code).toBe(EXIT.OK);
  });
});
