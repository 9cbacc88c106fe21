/**
 * The dashboard's low-zoom view of incidents: counts per cell of the server's grid
 * (GET /api/v1/incidents/grid) instead of the incidents themselves, so the theatre with a hundred
 * thousand incidents in view asks for a few kilobytes and draws a few hundred symbols. Pure: the
 * request URL, the colour ramp and the map's GeoJSON, so tests can check them outside a browser.
 * The zoom at which features take over and the cell per zoom are the observations grid's
 * (web/src/observations/grid.ts), so both layers change together.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { IncidentQuery } from '../api/urls.js';

export { GRID_MAX_ZOOM, gridCell } from '../observations/grid.js';

/** The answer of GET /api/v1/incidents/grid. */
export interface IncidentGrid {
  readonly type: 'FeatureCollection';
  readonly cellDegrees: number;
  readonly numberMatched: number;
  readonly features: readonly {
    readonly type: 'Feature';
    readonly id: string;
    readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly number[] };
    readonly properties: {
      readonly count: number;
      readonly cell: readonly number[];
      readonly statuses: Readonly<Record<string, number>>;
    };
  }[];
}

/** An incident cell as the map draws it: flat properties (MapLibre stringifies nested ones). */
export interface MapIncidentCell {
  readonly id: string;
  readonly count: number;
}

/**
 * The colour of a cell by how many incidents it holds: five steps of viridis (van der Walt &
 * Smith), whose lightness falls steadily from yellow to dark violet, so the order reads the same
 * with any common colour-vision deficiency and in greyscale. Each step starts at `from`.
 */
export const INCIDENT_CELL_RAMP: readonly { readonly from: number; readonly colour: string }[] = [
  { from: 1, colour: '#fde725' },
  { from: 10, colour: '#5ec962' },
  { from: 100, colour: '#21918c' },
  { from: 1000, colour: '#3b528b' },
  { from: 10000, colour: '#440154' },
];

/** The ramp as a MapLibre `step` expression on the cell's `count`. */
export function rampExpression(): unknown[] {
  const [first, ...rest] = INCIDENT_CELL_RAMP;
  return ['step', ['get', 'count'], first!.colour, ...rest.flatMap((s) => [s.from, s.colour])];
}

/** The legend's ranges: [from, to] of each ramp step, `to` null for the last (open) one. */
export function rampRanges(): { from: number; to: number | null; colour: string }[] {
  return INCIDENT_CELL_RAMP.map((s, i) => ({
    from: s.from,
    to: i + 1 < INCIDENT_CELL_RAMP.length ? INCIDENT_CELL_RAMP[i + 1]!.from - 1 : null,
    colour: s.colour,
  }));
}

/**
 * The query string of GET /api/v1/incidents/grid: the list's filters (web/src/api/urls.ts
 * incidentsUrl) without the page size, and the cell. The box is widened by rounding outwards
 * (3 decimals), so it still covers the whole view.
 */
export function incidentGridUrl(q: IncidentQuery, cell: number): string {
  const [w, s, e, n] = q.bbox;
  const out = (v: number, up: boolean) => (up ? Math.ceil(v * 1000) : Math.floor(v * 1000)) / 1000;
  const p = new URLSearchParams();
  p.set(
    'bbox',
    [
      Math.max(-180, out(w, false)),
      Math.max(-90, out(s, false)),
      Math.min(180, out(e, true)),
      Math.min(90, out(n, true)),
    ]
      .map((v) => v.toFixed(3))
      .join(','),
  );
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.statuses && q.statuses.length > 0) p.set('status', q.statuses.join(','));
  // The API filters sides by party; the unattributed are the party `undetermined`.
  if (q.side === 'undetermined') p.set('party', 'undetermined');
  else if (q.side) p.set('side', q.side);
  if (q.provision) p.set('provision', q.provision);
  if (q.events && q.events.length > 0) p.set('event', q.events.join(','));
  if (q.weapons && q.weapons.length > 0) p.set('weapon', q.weapons.join(','));
  p.set('cell', String(cell));
  return `/api/v1/incidents/grid?${p.toString()}`;
}

export function toIncidentGridMapCollection(grid: IncidentGrid): FeatureCollection<Point, MapIncidentCell> {
  return {
    type: 'FeatureCollection',
    features: grid.features.map((f): Feature<Point, MapIncidentCell> => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [f.geometry.coordinates[0]!, f.geometry.coordinates[1]!],
      },
      properties: { id: f.id, count: f.properties.count },
    })),
  };
}
