/**
 * The report's map of the period's incidents as an SVG string: Natural Earth land and borders
 * (Crimea in Ukraine, see basemap.ts), the disengagement areas and the line of contact from the
 * agreement, the incidents as symbols coloured and shaped by category, the settlements the
 * report names, a scale bar and a legend in the report's language. No browser, no fonts needed
 * to build it; the HTML inlines it and the PDF draws it as vectors.
 */
import type { ReportModel } from '../../domain/report/types.js';
import { escapeMarkup } from '../escape.js';
import type { ReportText } from '../i18n.js';
import type { MessageKey } from '../messages/index.js';
import { boxesOverlap, naturalEarthBasemap, UKRAINE_ID } from './basemap.js';
import {
  clipLine,
  clipRing,
  expandBBox,
  fitProjection,
  niceKm,
  type BBox,
  type LonLat,
} from './projection.js';
import {
  BORDER_COLOUR,
  FOCUS_LAND_FILL,
  FONT_FAMILY,
  kindSymbol,
  labelWidth,
  LAND_FILL,
  LINE_COLOUR,
  MAP_KINDS,
  n,
  SEA_FILL,
  ZONE_FILL,
  type MapKind,
} from './style.js';

export const MAP_WIDTH = 720;
export const MAP_HEIGHT = 520;

const CATEGORY_LABEL: { readonly [K in MapKind]: MessageKey } = {
  explosions: 'category.explosions',
  projectilesInFlight: 'category.projectilesInFlight',
  muzzleFlashes: 'category.muzzleFlashes',
  smallArmsBursts: 'category.smallArmsBursts',
  illuminationFlares: 'category.illuminationFlares',
  other: 'category.other',
};

/** Symbol size for an incident of `count` events: grows with the square root, capped. */
export function symbolRadius(count: number): number {
  return Math.min(12, 3 + 1.5 * Math.sqrt(Math.max(1, count)));
}

/** The box, grown to at least 0.2° each way around its centre (a day with one point, or none). */
function nonEmptyBox([minLon, minLat, maxLon, maxLat]: BBox): BBox {
  const half = (min: number, max: number) => Math.max((max - min) / 2, 0.1);
  const cx = (minLon + maxLon) / 2;
  const cy = (minLat + maxLat) / 2;
  return [
    cx - half(minLon, maxLon),
    cy - half(minLat, maxLat),
    cx + half(minLon, maxLon),
    cy + half(minLat, maxLat),
  ];
}

/** The map as a standalone SVG document fragment (`<svg …>…</svg>`). */
export function renderIncidentMap(
  model: Pick<ReportModel, 'map' | 'settlements'>,
  text: ReportText,
): string {
  const { map } = model;
  const bbox = nonEmptyBox(map.bbox as BBox);
  const projection = fitProjection(bbox, MAP_WIDTH, MAP_HEIGHT, 0);
  const path = (line: readonly LonLat[]) =>
    line
      .map((p, i) => {
        const [x, y] = projection.project(p);
        return `${i === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`;
      })
      .join('');
  // Clip the basemap to a box a little larger than the view, then let the SVG clip the rest.
  const clipBox = expandBBox(bbox, 0.5);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" font-family="${FONT_FAMILY}" role="img" aria-label="${escapeMarkup(text.t('section.map'))}">`,
    `<defs><clipPath id="map-frame"><rect x="0" y="0" width="${MAP_WIDTH}" height="${MAP_HEIGHT}"/></clipPath></defs>`,
    `<rect x="0" y="0" width="${MAP_WIDTH}" height="${MAP_HEIGHT}" fill="${SEA_FILL}"/>`,
    '<g clip-path="url(#map-frame)">',
  );
  const basemap = naturalEarthBasemap();
  for (const country of basemap.countries) {
    const d = country.polygons
      .filter((_, i) => boxesOverlap(country.boxes[i]!, clipBox))
      .flatMap((rings) => rings.map((ring) => clipRing(ring, clipBox)))
      .filter((ring) => ring.length >= 3)
      .map((ring) => `${path(ring)}Z`)
      .join('');
    if (d === '') continue;
    const fill = country.id === UKRAINE_ID ? FOCUS_LAND_FILL : LAND_FILL;
    out.push(`<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="none"/>`);
  }
  const borders = basemap.borders
    .filter((_, i) => boxesOverlap(basemap.borderBoxes[i]!, clipBox))
    .flatMap((line) => clipLine(line, clipBox))
    .map(path)
    .join('');
  if (borders !== '')
    out.push(
      `<path d="${borders}" fill="none" stroke="${BORDER_COLOUR}" stroke-width="1" stroke-dasharray="4 2"/>`,
    );
  for (const zone of map.zones)
    out.push(
      `<path d="${path(zone.ring)}Z" fill="${ZONE_FILL}" fill-opacity="0.35" stroke="#B8860B" stroke-width="1"/>`,
    );
  if (map.lineOfContact.length > 1)
    out.push(
      `<path d="${path(map.lineOfContact)}" fill="none" stroke="${LINE_COLOUR}" stroke-width="2.2" stroke-linejoin="round"/>`,
    );
  for (const s of model.settlements) {
    const [x, y] = projection.project([s.lon, s.lat]);
    if (x < 0 || y < 0 || x > MAP_WIDTH || y > MAP_HEIGHT) continue;
    out.push(
      `<circle cx="${n(x)}" cy="${n(y)}" r="2" fill="#333333"/>`,
      `<text x="${n(x + 4)}" y="${n(y - 3)}" font-size="9" fill="#333333">${escapeMarkup(s.names[text.lang])}</text>`,
    );
  }
  // Largest first, so small symbols stay visible on top of large ones.
  const points = [...map.points].sort(
    (a, b) => b.count - a.count || a.incidentId.localeCompare(b.incidentId),
  );
  for (const p of points) {
    const [x, y] = projection.project(p.location);
    out.push(kindSymbol(p.kind, x, y, symbolRadius(p.count)));
  }
  out.push('</g>');
  out.push(scaleBar(projection.unitsPerKm, text));
  // The legend goes in the corner (top left, top right, bottom right) that hides least data.
  const marks = [
    ...points.map((p) => projection.project(p.location)),
    ...map.lineOfContact.map((v) => projection.project(v)),
  ];
  out.push(legend(text, new Set(points.map((p) => p.kind)), marks));
  out.push(
    `<rect x="0.5" y="0.5" width="${MAP_WIDTH - 1}" height="${MAP_HEIGHT - 1}" fill="none" stroke="#555555"/>`,
  );
  out.push('</svg>');
  return out.join('');
}

/** A bar of a round number of kilometres, at most a quarter of the map's width, bottom left. */
function scaleBar(unitsPerKm: number, text: ReportText): string {
  const km = niceKm(MAP_WIDTH / 4 / unitsPerKm);
  const length = km * unitsPerKm;
  const x = 16;
  const y = MAP_HEIGHT - 20;
  return [
    `<rect x="${x - 6}" y="${y - 18}" width="${n(length + 12)}" height="28" fill="#FFFFFF" fill-opacity="0.8"/>`,
    `<path d="M${x} ${y - 4}V${y}H${n(x + length)}V${y - 4}" fill="none" stroke="#222222" stroke-width="1.5"/>`,
    `<text x="${n(x + length / 2)}" y="${y - 7}" font-size="10" text-anchor="middle" fill="#222222">${escapeMarkup(text.t('map.scale', { km }))}</text>`,
  ].join('');
}

/**
 * Legend box: the line, the areas, and every category (those present in bold), in whichever
 * of the top-left, top-right and bottom-right corners covers the fewest of `marks` (projected
 * incidents and line vertices). The bottom left holds the scale bar.
 */
function legend(
  text: ReportText,
  present: ReadonlySet<MapKind>,
  marks: readonly (readonly [number, number])[],
): string {
  const rows: string[] = [];
  const labels = [
    text.t('map.line'),
    text.t('map.zone'),
    ...MAP_KINDS.map((k) => text.t(CATEGORY_LABEL[k])),
  ];
  const width = Math.min(340, Math.max(...labels.map((l) => labelWidth(l, 9.5))) + 40);
  const rowHeight = 16;
  const height = 24 + rowHeight * (2 + MAP_KINDS.length);
  const corners: [number, number][] = [
    [MAP_WIDTH - width - 10, 10],
    [10, 10],
    [MAP_WIDTH - width - 10, MAP_HEIGHT - height - 10],
  ];
  const covered = ([cx, cy]: [number, number]) =>
    marks.filter(([mx, my]) => mx >= cx && mx <= cx + width && my >= cy && my <= cy + height)
      .length;
  const best = corners.reduce((a, b) => (covered(b) < covered(a) ? b : a));
  const x = Math.round(best[0]);
  let y = Math.round(best[1]);
  rows.push(
    `<rect x="${x}" y="${y}" width="${n(width)}" height="${height}" fill="#FFFFFF" fill-opacity="0.9" stroke="#999999"/>`,
    `<text x="${x + 8}" y="${y + 15}" font-size="10" font-weight="bold" fill="#222222">${escapeMarkup(text.t('map.legend'))}</text>`,
  );
  y += 24;
  const label = (ly: number, s: string, bold = false) =>
    `<text x="${x + 30}" y="${ly + 4}" font-size="9.5"${bold ? ' font-weight="bold"' : ''} fill="#222222">${escapeMarkup(s)}</text>`;
  rows.push(
    `<path d="M${x + 8} ${y + 6}H${x + 24}" stroke="${LINE_COLOUR}" stroke-width="2.2"/>`,
    label(y + 6, text.t('map.line')),
  );
  y += rowHeight;
  rows.push(
    `<rect x="${x + 8}" y="${y}" width="16" height="11" fill="${ZONE_FILL}" fill-opacity="0.35" stroke="#B8860B"/>`,
    label(y + 6, text.t('map.zone')),
  );
  y += rowHeight;
  for (const kind of MAP_KINDS) {
    rows.push(
      kindSymbol(kind, x + 16, y + 6, 5),
      label(y + 6, text.t(CATEGORY_LABEL[kind]), present.has(kind)),
    );
    y += rowHeight;
  }
  return rows.join('');
}
