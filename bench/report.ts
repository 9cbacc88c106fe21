import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';

const FILE = join(import.meta.dirname, '..', 'BENCHMARKS.md');

/** The machine line printed under every section, so figures from different hosts are not mixed up. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} × ${cpu.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/**
 * Replaces (or appends) the section `## title` of BENCHMARKS.md with `body`, keeping the others:
 * each benchmark owns its section and rewrites it when it runs.
 */
export function writeSection(title: string, body: string): void {
  const head = '# Benchmarks\n\nEach section is written by the command it names; figures are ratios against a baseline run in the same command.\n';
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : head;
  const marker = `\n## ${title}\n`;
  const start = text.indexOf(marker);
  const section = `${marker}\n${body.trim()}\n`;
  let out: string;
  if (start < 0) out = text.trimEnd() + '\n' + section;
  else {
    const next = text.indexOf('\n## ', start + marker.length);
    out = text.slice(0, start) + section + (next < 0 ? '' : text.slice(next));
  }
  writeFileSync(FILE, out);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A one-line progress display on stderr. */
export function progress(label: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
  process.stderr.write(`\r${label}: ${fmt(done)} / ${fmt(total)} (${pct}%)   `);
  if (done >= total) process.stderr.write('\n');
}
