import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGREEMENT_FILE, registerSimCommand } from './sim.js';
import { runCommand } from '../../../test/support/run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-sim-'));

const run = (...args: string[]) => runCommand(registerSimCommand, args);

afterEach(() => {
  process.exitCode = undefined;
});

describe('truceline sim', () => {
  it('finds the demo agreement from the source tree (and so from dist/, one level alike)', () => {
    expect(
      DEFAULT_AGREEMENT_FILE.endsWith(join('scenarios', 'ukraine-2026', 'agreement.json')),
    ).toBe(true);
    expect(existsSync(DEFAULT_AGREEMENT_FILE)).toBe(true);
  });

  it('writes observations.ndjson and truth.ndjson and prints the counts', async () => {
    const out = join(dir, 'a');
    const r = await run('sim', '--seed', '5', '--days', '0.5', '--out', out);
    expect(r.code).toBe(0);
    const observations = readFileSync(join(out, 'observations.ndjson'), 'utf8').trim().split('\n');
    const truth = readFileSync(join(out, 'truth.ndjson'), 'utf8').trim().split('\n');
    expect(r.out).toContain(`${observations.length} observations (`);
    expect(r.out).toContain(`and ${truth.length} truth records (`);
    expect(JSON.parse(observations[0]!).id).toMatch(/^sim-5-\d+$/);
    expect(JSON.parse(truth[0]!).eventId).toMatch(/^evt-5-\d+$/);
    // The default start is the agreement's effectiveFrom.
    expect(JSON.parse(truth[0]!).time.startsWith('2026-03-01T')).toBe(true);
  });

  it('writes the same bytes twice for the same seed and options', async () => {
    const args = [
      '--seed',
      '9',
      '--days',
      '0.25',
      '--tempo',
      'high',
      '--start',
      '2026-04-01T12:00:00Z',
      '--escalation',
    ];
    await run('sim', ...args, '--out', join(dir, 'b1'));
    await run('sim', ...args, '--out', join(dir, 'b2'));
    for (const f of ['observations.ndjson', 'truth.ndjson']) {
      expect(readFileSync(join(dir, 'b1', f), 'utf8')).toBe(
        readFileSync(join(dir, 'b2', f), 'utf8'),
      );
    }
    expect(readFileSync(join(dir, 'b1', 'truth.ndjson'), 'utf8')).toContain(
      '"kind":"escalation_episode"',
    );
  });

  it('refuses an invalid agreement with its problems and exit code 1', async () => {
    const bad = JSON.parse(readFileSync(DEFAULT_AGREEMENT_FILE, 'utf8'));
    bad.securityZone.widthKm = 0;
    const file = join(dir, 'bad-agreement.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = await run(
      'sim',
      '--seed',
      '1',
      '--days',
      '1',
      '--out',
      join(dir, 'c'),
      '--agreement',
      file,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('securityZone.widthKm: must be > 0, got number 0');
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });

  it.each([
    [['--seed', 'x', '--days', '1'], '--seed must be an integer'],
    [['--seed', '1', '--days', '-2'], '--days must be a number > 0'],
    [
      ['--seed', '1', '--days', '1', '--tempo', 'frantic'],
      '--tempo must be one of low, normal, high',
    ],
  ])('rejects bad arguments %j', async (args, message) => {
    const r = await run('sim', ...args, '--out', join(dir, 'd')).catch((e: Error) => ({
      out: '',
      err: e.message,
      code: 64,
    }));
    expect(r.err).toContain(message);
  });
});
