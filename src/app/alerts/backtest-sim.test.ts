import { expect, it } from 'vitest';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../mission.js';
import { backtestOnSimulator } from './backtest-sim.js';

const H = 3_600_000;

it('detects a strong planted escalation on the simulator and scores false alarms per sector-month', () => {
  const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
  const options = {
    seed: 3,
    days: 4,
    runs: 1,
    tempo: 'low' as const,
    factor: 10,
    earlyWarning: { recentMs: 3 * H, baselineMs: 24 * H },
  };
  const r = backtestOnSimulator(agreement, options);
  expect(r.episodes).toHaveLength(1);
  const [e] = r.episodes;
  expect(agreement.sectors.map((s) => s.id)).toContain(e!.sector);
  // after a day of baseline and a quiet day, and a day before the end
  expect(e!.startHour).toBeGreaterThanOrEqual(48);
  expect(e!.startHour).toBeLessThanOrEqual(4 * 24 - 12 - 24);
  expect(e!.detected).toBe(true);
  expect(e!.delayHours!).toBeGreaterThan(0);
  expect(e!.delayHours!).toBeLessThanOrEqual(12);
  // 6 sectors over the 3 days evaluated (after the day of baseline)
  expect(r.sectorMonths).toBeCloseTo((6 * 3) / 30, 6);
  expect(r.falseAlarmsPerSectorMonth).toBeCloseTo(r.falseAlarms / r.sectorMonths, 9);
  expect(Object.values(r.falseAlarmsBySector).reduce((a, b) => a + b, 0)).toBe(r.falseAlarms);
  expect(r.incidents).toBeGreaterThan(0);
  // deterministic for a seed
  expect(backtestOnSimulator(agreement, options)).toEqual(r);
  expect(() => backtestOnSimulator(agreement, { ...options, days: 2 })).toThrow(/--days/);
}, 120_000);
