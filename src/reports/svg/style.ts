/**
 * Colours and symbols shared by the map, the trend chart and their legends, so a category looks
 * the same everywhere. Colours are from the Okabe–Ito palette (told apart with the common
 * colour-vision deficiencies) and each category also has its own shape, for grey-scale print.
 */
import type { ViolationCategory } from '../../domain/report/types.js';

export type MapKind = ViolationCategory | 'other';

export const KIND_COLOUR: { readonly [K in MapKind]: string } = {
  explosions: '#D55E00',
  projectilesInFlight: '#E69F00',
  muzzleFlashes: '#CC79A7',
  smallArmsBursts: '#0072B2',
  illuminationFlares: '#009E73',
  other: '#6B6B6B',
};

export const MAP_KINDS: readonly MapKind[] = [
  'explosions',
  'projectilesInFlight',
  'muzzleFlashes',
  'smallArmsBursts',
  'illuminationFlares',
  'other',
];

export const FONT_FAMILY = 'DejaVu Sans, Arial, sans-serif';
export const LINE_COLOUR = '#B00020';
export const ZONE_FILL = '#F0C419';
export const LAND_FILL = '#F3F1EC';
export const FOCUS_LAND_FILL = '#FBFAF7';
export const SEA_FILL = '#DCE9F2';
export const BORDER_COLOUR = '#8A8A8A';

/**
 * Estimated width of a label, in the units of `fontSize`: DejaVu Sans Bold averages about
 * 0.62 em per character (the writers cannot measure text without loading the font).
 */
export function labelWidth(label: string, fontSize: number): number {
  return label.length * fontSize * 0.62;
}

/** Formats an SVG coordinate with one decimal, dropping a trailing ".0". */
export function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * An SVG element string for the symbol of `kind` centred at (x, y) with size `r`: circle,
 * triangle, diamond, square, four-pointed star, or a small circle for other incidents.
 */
export function kindSymbol(kind: MapKind, x: number, y: number, r: number): string {
  const fill = KIND_COLOUR[kind];
  const attrs = `fill="${fill}" fill-opacity="0.85" stroke="#FFFFFF" stroke-width="0.8"`;
  const poly = (pts: [number, number][]) =>
    `<path d="M${pts.map(([px, py]) => `${n(px)} ${n(py)}`).join('L')}Z" ${attrs}/>`;
  switch (kind) {
    case 'explosions':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${attrs}/>`;
    case 'projectilesInFlight':
      return poly([
        [x, y - r * 1.15],
        [x + r, y + r * 0.75],
        [x - r, y + r * 0.75],
      ]);
    case 'muzzleFlashes':
      return poly([
        [x, y - r * 1.2],
        [x + r * 1.2, y],
        [x, y + r * 1.2],
        [x - r * 1.2, y],
      ]);
    case 'smallArmsBursts':
      return poly([
        [x - r * 0.9, y - r * 0.9],
        [x + r * 0.9, y - r * 0.9],
        [x + r * 0.9, y + r * 0.9],
        [x - r * 0.9, y + r * 0.9],
      ]);
    case 'illuminationFlares': {
      const pts: [number, number][] = [];
      for (let i = 0; i < 8; i++) {
        const a = (i * Math.PI) / 4 - Math.PI / 2;
        const d = i % 2 === 0 ? r * 1.3 : r * 0.45;
        pts.push([x + d * Math.cos(a), y + d * Math.sin(a)]);
      }
      return poly(pts);
    }
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 0.7)}" ${attrs}/>`;
  }
}
