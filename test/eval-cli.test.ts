/**
 * `truceline eval` end to end, in process: a mission directory filled through the real intake
 * and fusion path from a simulated scenario, the truth written as `truceline sim` writes it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { playScenario } from '../src/app/eval/scenario.js';
import { importNdjson } from '../src/app/import-ndjson.js';
import { openMission } from '../src/app/mission.js';
import { registerEvalCommand } from '../src/cli/commands/eval.js';
import { simulate } from '../src/sim/index.js';
import { runCommand } from './support/run-command.js';

const root = mkdtempSync(join(tmpdir(), 'truceline-eval-'));
const fused = join(root, 'fused');
const imported = join(root, 'imported');
const truthFile = join(root, 'truth.ndjson');
const SIM = { seed: 5, days: 0.25, start: '2026-03-01T00:00:00Z' } as const;

const run = (...args: string[]) => runCommand(registerEvalCommand, args);

beforeAll(async () => {
  const m = await openMission(fused, { synchronous: 'NORMAL' });
  const { truths } = await playScenario(m.store, m.agreement, SIM, { fuser: { log: () => undefined } });
  writeFileSync(truthFile, truths.map((t) => JSON.stringify(t) + '\n').join(''));
  await m.close();
  // The same observations imported with no fusion.
  const i = await openMission(imported, { synchronous: 'NORMAL' });
  async function* lines() {
    for (const item of simulate(i.agreement, SIM)) if ('observation' in item) yield JSON.stringify(item.observation);
  }
  await importNdjson(i.store, lines(), { actor: 'import:test' });
  await i.close();
}, 60_000);

afterEach(() => {
  process.exitCode = undefined;
});

describe('truceline eval', () => {
  it('prints the metrics and the targets', async () => {
    const r = await run('eval', '--truth', truthFile, '--data', fused);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ observations from \d+ true events; \d+ incidents/);
    for (const line of ['grouping (pairs): precision', 'count error', 'localisation error by mission sources', 'attribution:', 'calibration at ≥ 0.9', 'undetermined:', 'provisions (claimed at ≥ 0.5)', 'targets (issue 5']) {
      expect(r.out).toContain(line);
    }
    expect(r.out).toMatch(/(met|MISSED) +grouping F1: \d\.\d{3} \(target ≥ 0\.95\)/);
  });

  it('prints JSON for machines with --json', async () => {
    const r = await run('eval', '--truth', truthFile, '--data', fused, '--json');
    const j = JSON.parse(r.out) as { report: { grouping: { f1: number }; incidents: number }; targets: { name: string; met: boolean }[] };
    expect(j.report.incidents).toBeGreaterThan(10);
    expect(j.report.grouping.f1).toBeGreaterThan(0);
    expect(j.targets.map((t) => t.name)).toContain('grouping F1');
  });

  it('says so when the store holds no incidents, and fuses it first with --fuse', async () => {
    const before = await run('eval', '--truth', truthFile, '--data', imported, '--json');
    expect(before.err).toContain('the store holds no incidents');
    expect((JSON.parse(before.out) as { report: { incidents: number } }).report.incidents).toBe(0);
    const after = await run('eval', '--truth', truthFile, '--data', imported, '--json', '--fuse');
    expect(after.err).toMatch(/fused \d+ stored observations/);
    const a = JSON.parse(after.out) as { report: { incidents: number } };
    const b = JSON.parse((await run('eval', '--truth', truthFile, '--data', fused, '--json')).out) as { report: { incidents: number } };
    expect(a.report.incidents).toBeGreaterThan(0);
    // Fused in one pass from the store rather than live in one-minute batches: close, not equal.
    expect(Math.abs(a.report.incidents - b.report.incidents)).toBeLessThan(0.1 * b.report.incidents);
  });

  it('names the first bad line of a truth file', async () => {
    const bad = join(root, 'bad.ndjson');
    writeFileSync(bad, '{"eventId":"e1","observationIds":[],"provisionsViolated":[]}\n{"id":"obs-1"}\n');
    await expect(run('eval', '--truth', bad, '--data', fused)).rejects.toThrow(`${bad} line 2: not a truth record`);
  });

  it('reads a combined simulator stream, skipping the observations', async () => {
    const combined = join(root, 'combined.ndjson');
    writeFileSync(combined, '{"observation":{"id":"x"}}\n{"truth":{"eventId":"e1","observationIds":[],"provisionsViolated":[]}}\n');
    const r = await run('eval', '--truth', combined, '--data', fused, '--json');
    expect((JSON.parse(r.out) as { report: { truthEvents: number } }).report.truthEvents).toBe(1);
  });
});
