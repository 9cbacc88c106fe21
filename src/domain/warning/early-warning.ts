/**
 * Early warning per sector: a sector whose violation count over the recent window is improbably
 * high against its own recent history raises a warning — typically hours before an agreement
 * threshold (e.g. "≥ 50 verified violations in 24 h") is crossed, since the warning compares a
 * sector with itself rather than with a fixed number.
 *
 * Pure and bounded: counts are kept per sector in a ring of fixed-width bins covering the
 * baseline plus the recent window, so memory is O(sectors × bins) whatever the event volume.
 * No clock: times are passed in (epoch milliseconds, UTC).
 */
import { validationError } from '../errors.js';
import { fitBaseline, predictive, upperTailPValue, type Block } from './baseline.js';
import { resolveOptions, type EarlyWarningOptions, type ResolvedOptions } from './options.js';

export type { EarlyWarningOptions } from './options.js';

export interface Warning {
  readonly sectorId: string;
  /** The recent window tested, [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Violations counted in the window. */
  readonly observed: number;
  /** Violations the baseline expects in a window of this length. */
  readonly expected: number;
  /** P(X ≥ observed) under the baseline (negative binomial predictive). */
  readonly pValue: number;
  /** Over-dispersion φ of the baseline (variance = μ + φ μ²). */
  readonly dispersion: number;
  /** Baseline blocks the judgement rests on. */
  readonly baselineBlocks: number;
}

interface SectorRing {
  readonly bins: Float64Array;
  /** Absolute number of the latest bin written, or -Infinity before the first count. */
  head: number;
}

export class EarlyWarning {
  readonly options: ResolvedOptions;
  private readonly recentBins: number;
  private readonly ringBins: number;
  private readonly rings = new Map<string, SectorRing>();
  private firstBin: number | undefined;

  constructor(options: EarlyWarningOptions = {}) {
    const o = resolveOptions(options);
    this.options = o;
    this.recentBins = o.recentMs / o.binMs;
    this.ringBins = (o.baselineMs + o.recentMs) / o.binMs;
    if (o.sinceMs !== undefined) this.firstBin = Math.floor(o.sinceMs / o.binMs);
    for (const s of options.sectors ?? []) this.ring(s);
  }

  /** Bins held in memory across all sectors (the ring size times the sectors). */
  get memoryBins(): number {
    return this.rings.size * this.ringBins;
  }

  /** Sectors being tracked. */
  get sectors(): string[] {
    return [...this.rings.keys()];
  }

  /**
   * Counts `count` violations (≥ 0; 0 just registers the sector) in `sectorId` at `timeMs`.
   * Returns false when the time is older than the ring keeps (the count is dropped).
   */
  add(sectorId: string, timeMs: number, count: number): boolean {
    if (typeof sectorId !== 'string' || sectorId === '')
      throw validationError(
        [{ path: 'sectorId', reason: 'must be a non-empty string' }],
        'early-warning count',
      );
    if (!Number.isFinite(timeMs))
      throw validationError(
        [{ path: 'timeMs', reason: `must be a finite epoch ms, got ${timeMs}` }],
        'early-warning count',
      );
    if (!(count >= 0) || !Number.isFinite(count))
      throw validationError(
        [{ path: 'count', reason: `must be a finite number ≥ 0, got ${count}` }],
        'early-warning count',
      );
    const bin = Math.floor(timeMs / this.options.binMs);
    if (this.firstBin === undefined) this.firstBin = bin;
    const ring = this.ring(sectorId);
    const n = this.ringBins;
    if (ring.head === -Infinity) ring.head = bin;
    if (bin > ring.head) {
      // clear the bins skipped over (at most the whole ring)
      for (let b = ring.head + 1; b <= Math.min(bin, ring.head + n); b++) ring.bins[mod(b, n)] = 0;
      ring.head = bin;
    } else if (bin <= ring.head - n) return false;
    ring.bins[mod(bin, n)]! += count;
    return true;
  }

  /**
   * Judges every sector at `nowMs`: the recent window is the `recentMs` of whole bins ending with
   * the bin that holds nowMs − 1 (exact when nowMs falls on a bin boundary). Returns the sectors
   * whose recent count is beyond their baseline, most significant first. Deterministic: the same
   * counts and nowMs give the same warnings.
   */
  evaluate(nowMs: number): Warning[] {
    if (!Number.isFinite(nowMs))
      throw validationError(
        [{ path: 'nowMs', reason: `must be a finite epoch ms, got ${nowMs}` }],
        'evaluation time',
      );
    const last = Math.ceil(nowMs / this.options.binMs) - 1;
    const rhythm = this.rhythm(last);
    const out: Warning[] = [];
    for (const sectorId of this.rings.keys()) {
      const j = this.judgeAt(sectorId, last, rhythm);
      if (j?.warns) {
        const { warns: _warns, ...w } = j;
        out.push(w);
      }
    }
    return out.sort((a, b) => a.pValue - b.pValue || (a.sectorId < b.sectorId ? -1 : 1));
  }

  /** The judgement of one sector at nowMs whether or not it warns; null when there is too little history. */
  judge(sectorId: string, nowMs: number): (Warning & { readonly warns: boolean }) | null {
    if (!Number.isFinite(nowMs))
      throw validationError(
        [{ path: 'nowMs', reason: `must be a finite epoch ms, got ${nowMs}` }],
        'evaluation time',
      );
    const last = Math.ceil(nowMs / this.options.binMs) - 1;
    return this.judgeAt(sectorId, last, this.rhythm(last));
  }

  private judgeAt(
    sectorId: string,
    last: number,
    rhythm: Float64Array | null,
  ): (Warning & { readonly warns: boolean }) | null {
    const ring = this.rings.get(sectorId);
    if (!ring || this.firstBin === undefined) return null;
    const { binMs, minBaselineBlocks, alpha, minCount, prior } = this.options;
    const r = this.recentBins;
    const view = this.view(ring);
    const weight = (bin: number) => (rhythm ? rhythm[mod(bin, rhythm.length)]! : 1);
    const block = (lastBin: number): Block | null => {
      let count = 0;
      let exposure = 0;
      for (let b = lastBin - r + 1; b <= lastBin; b++) {
        if (!view.known(b)) return null;
        count += view.value(b);
        exposure += weight(b);
      }
      return { count, exposure: exposure / r };
    };
    const recent = block(last);
    if (recent === null) return null;
    const blocks: Block[] = [];
    const baselineBlocks = (this.ringBins - r) / r;
    for (let j = 1; j <= baselineBlocks; j++) {
      const b = block(last - j * r);
      if (b === null) break;
      blocks.push(b);
    }
    if (blocks.length < minBaselineBlocks) return null;
    const fit = fitBaseline(blocks, prior);
    const pValue = upperTailPValue(fit, recent.count, recent.exposure);
    return {
      sectorId,
      fromMs: (last - r + 1) * binMs,
      toMs: (last + 1) * binMs,
      observed: recent.count,
      expected: predictive(fit, recent.exposure).mean,
      pValue,
      dispersion: fit.dispersion,
      baselineBlocks: fit.blocks,
      warns: recent.count >= minCount && pValue < alpha,
    };
  }

  /**
   * The relative rate of each phase of the cycle (mean 1), from the baseline bins of every
   * sector, each phase shrunk toward the overall mean by two pseudo-bins per sector so that a
   * thin history gives a flat rhythm rather than a noisy one. Null when the rhythm is off.
   */
  private rhythm(last: number): Float64Array | null {
    const { periodMs, binMs } = this.options;
    if (periodMs === 0) return null;
    const phases = periodMs / binMs;
    const sums = new Float64Array(phases);
    const bins = new Float64Array(phases);
    for (const ring of this.rings.values()) {
      const view = this.view(ring);
      for (let b = last - this.ringBins + 1; b <= last - this.recentBins; b++) {
        if (!view.known(b)) continue;
        const ph = mod(b, phases);
        sums[ph]! += view.value(b);
        bins[ph]! += 1;
      }
    }
    let total = 0;
    let known = 0;
    for (let ph = 0; ph < phases; ph++) {
      total += sums[ph]!;
      known += bins[ph]!;
    }
    const out = new Float64Array(phases).fill(1);
    if (total === 0) return out;
    const mean = total / known;
    const pseudo = 2 * this.rings.size;
    for (let ph = 0; ph < phases; ph++)
      out[ph] = (sums[ph]! + pseudo * mean) / (bins[ph]! + pseudo) / mean;
    return out;
  }

  private view(ring: SectorRing): {
    known: (bin: number) => boolean;
    value: (bin: number) => number;
  } {
    const n = this.ringBins;
    const first = this.firstBin ?? Infinity;
    const oldestKept = ring.head === -Infinity ? -Infinity : ring.head - n + 1;
    return {
      known: (bin) => bin >= first && bin >= oldestKept,
      value: (bin) => (ring.head === -Infinity || bin > ring.head ? 0 : ring.bins[mod(bin, n)]!),
    };
  }

  private ring(sectorId: string): SectorRing {
    let ring = this.rings.get(sectorId);
    if (!ring) {
      if (this.rings.size >= this.options.maxSectors) {
        throw validationError(
          [
            {
              path: 'sectorId',
              reason: `more than maxSectors (${this.options.maxSectors}) sectors; refusing ${JSON.stringify(sectorId)}`,
            },
          ],
          'early-warning count',
        );
      }
      ring = { bins: new Float64Array(this.ringBins), head: -Infinity };
      this.rings.set(sectorId, ring);
    }
    return ring;
  }
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;
