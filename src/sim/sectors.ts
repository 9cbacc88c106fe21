/**
 * The line of contact cut into the agreement's reporting sectors by chainage, so the simulator
 * can draw "a place on the line in sector X" and tell the sector of any place on the line.
 */
import { areaContaining } from '../domain/geo/index.js';
import type { Agreement } from '../domain/agreement/index.js';
import type { PolygonCoords } from '../domain/units.js';
import type { LinePlane } from './plane.js';
import type { SimRandom } from './random.js';

/** Spacing of the samples that decide which sector a stretch of line belongs to, metres. */
const STEP_M = 1_000;

interface Run {
  readonly sector: string | null;
  readonly fromM: number;
  readonly toM: number;
}

export class SectorMap {
  private readonly runs: Run[] = [];
  /** Sector ids in agreement order, then null for line outside every sector if any. */
  readonly sectors: (string | null)[];

  constructor(agreement: Agreement, plane: LinePlane) {
    const areas: Record<string, PolygonCoords> = {};
    for (const s of agreement.sectors) areas[s.id] = s.polygon;
    const steps = Math.max(1, Math.ceil(plane.lengthM / STEP_M));
    for (let i = 0; i < steps; i++) {
      const fromM = (i * plane.lengthM) / steps;
      const toM = ((i + 1) * plane.lengthM) / steps;
      const mid = plane.toLonLat(plane.at((fromM + toM) / 2).xy);
      const sector = agreement.sectors.length > 0 ? areaContaining(mid, areas) : null;
      const last = this.runs[this.runs.length - 1];
      if (last && last.sector === sector) this.runs[this.runs.length - 1] = { ...last, toM };
      else this.runs.push({ sector, fromM, toM });
    }
    const present = new Set(this.runs.map((r) => r.sector));
    this.sectors = [
      ...agreement.sectors.map((s) => s.id).filter((id) => present.has(id)),
      ...(present.has(null) ? [null] : []),
    ];
  }

  /** Length of line in the sector, metres. */
  lengthM(sector: string | null): number {
    return this.runs
      .filter((r) => r.sector === sector)
      .reduce((sum, r) => sum + r.toM - r.fromM, 0);
  }

  sectorAt(chainageM: number): string | null {
    for (const r of this.runs) if (chainageM >= r.fromM && chainageM <= r.toM) return r.sector;
    return this.runs[this.runs.length - 1]?.sector ?? null;
  }

  /** A chainage uniformly distributed over the sector's stretches of line. */
  randomChainage(rng: SimRandom, sector: string | null): number {
    const runs = this.runs.filter((r) => r.sector === sector);
    let at = rng.float() * runs.reduce((sum, r) => sum + r.toM - r.fromM, 0);
    for (const r of runs) {
      if (at <= r.toM - r.fromM) return r.fromM + at;
      at -= r.toM - r.fromM;
    }
    return runs[runs.length - 1]?.toM ?? 0;
  }
}
