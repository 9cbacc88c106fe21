import cliProgress from 'cli-progress';

/** A progress display on stderr when it is a terminal; silent otherwise (logs stay clean). */
export interface Progress {
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(label: string, total: number, unit = ''): Progress {
  if (!process.stderr.isTTY || process.env.CI) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {value}/{total}${unit} | {eta_formatted} left | {status}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return {
    update: (done, extra) => bar.update(done, { status: extra ? Object.entries(extra).map(([k, v]) => `${k} ${v}`).join(' ') : '' }),
    stop: () => bar.stop(),
  };
}
