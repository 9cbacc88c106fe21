/**
 * `truceline eval-warning --seed N --days D [--runs R]`: backtests the early warning on the
 * simulator (src/app/alerts/backtest-sim.ts): runs with a planted escalation episode each, fused,
 * counted per sector, replayed hour by hour; prints the detection delay of each episode and the
 * false alarms per sector-month. (Not a subcommand of `eval`: that one requires --truth.)
 */
import { Command, InvalidArgumentError } from 'commander';
import { backtestOnSimulator } from '../../app/alerts/backtest-sim.js';
import type { WarningMeasure } from '../../app/alerts/raise.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../../app/mission.js';
import { TEMPOS, type Tempo } from '../../sim/index.js';

const number =
  (name: string, min: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a number ≥ ${min}, got '${v}'`);
    return n;
  };

interface Flags {
  seed: number;
  days: number;
  runs: number;
  factor: number;
  hours: number;
  tempo: Tempo;
  agreement?: string;
  alpha?: number;
  measure: WarningMeasure;
  json?: boolean;
}

export function registerEvalWarningCommand(program: Command): void {
  program
    .command('eval-warning')
    .description(
      'backtest the early warning on the simulator with planted escalations: detection delay and false alarms',
    )
    .option('--seed <n>', 'first seed (each run adds 7919)', number('--seed', 0), 1)
    .option('--days <d>', 'days per run', number('--days', 1), 30)
    .option('--runs <n>', 'runs, one planted episode each', number('--runs', 1), 3)
    .option('--factor <x>', 'rate multiplier of the planted episodes', number('--factor', 1), 4)
    .option('--hours <h>', 'length of the planted episodes, hours', number('--hours', 1), 12)
    .option(
      '--tempo <tempo>',
      `simulated tempo: ${TEMPOS.join(', ')}`,
      (v) => {
        if (!(TEMPOS as readonly string[]).includes(v))
          throw new InvalidArgumentError(`--tempo must be one of ${TEMPOS.join(', ')}`);
        return v as Tempo;
      },
      'normal' as Tempo,
    )
    .option(
      '--measure <what>',
      'what is counted per sector: incidents or violations',
      (v) => {
        if (v !== 'incidents' && v !== 'violations')
          throw new InvalidArgumentError('--measure must be incidents or violations');
        return v as WarningMeasure;
      },
      'incidents' as WarningMeasure,
    )
    .option('--alpha <p>', 'significance of a warning (default 0.001)', number('--alpha', 0))
    .option('--agreement <file>', 'agreement file (default: the demo agreement)')
    .option('--json', 'print the result as JSON')
    .action((flags: Flags) => {
      const { agreement } = readAgreementFile(flags.agreement ?? DEMO_AGREEMENT_FILE);
      const t = performance.now();
      const r = backtestOnSimulator(agreement, {
        seed: flags.seed,
        days: flags.days,
        runs: flags.runs,
        factor: flags.factor,
        hours: flags.hours,
        tempo: flags.tempo,
        measure: flags.measure,
        ...(flags.alpha !== undefined ? { earlyWarning: { alpha: flags.alpha } } : {}),
        onRun: (run, observations, incidents) =>
          process.stderr.write(
            `truceline: run ${run + 1}/${flags.runs}: ${observations} observations, ${incidents} incidents\n`,
          ),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return;
      }
      const h = (x: number | null) => (x === null ? '–' : x.toFixed(0));
      const lines = [
        `early warning backtest: ${r.daysSimulated} simulated days (${flags.runs} × ${flags.days}), tempo ${flags.tempo}, counting ${flags.measure}, episodes ×${flags.factor} for ${flags.hours} h; ${r.observations} observations, ${r.incidents} incidents; ${((performance.now() - t) / 1000).toFixed(1)} s`,
        ...r.episodes.map(
          (e) =>
            `  run ${e.run + 1} (seed ${e.seed}): ${e.sector} from hour ${e.startHour}: ${e.detected ? `detected after ${h(e.delayHours)} h` : 'missed'}`,
        ),
        `detected ${r.detected}/${r.episodes.length}; delay median ${h(r.medianDelayHours)} h, mean ${r.meanDelayHours === null ? '–' : r.meanDelayHours.toFixed(1)} h, max ${h(r.maxDelayHours)} h`,
        `false alarms ${r.falseAlarms} in ${r.sectorMonths.toFixed(1)} sector-months: ${r.falseAlarmsPerSectorMonth.toFixed(2)} per sector-month (${Object.entries(
          r.falseAlarmsBySector,
        )
          .map(([s, n]) => `${s} ${n}`)
          .join(', ')})`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
