/**
 * Units live in the types. A number that means metres is a `Meters`; one that means degrees is
 * `Degrees`. Positions use GeoJSON's order, [longitude, latitude] (RFC 7946 §3.1.1), in WGS84
 * decimal degrees; the `{lat, lon}` objects of the exchange format are converted at the edges.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Meters = Brand<number, 'Meters'>;
export type Kilometers = Brand<number, 'Kilometers'>;
export type Degrees = Brand<number, 'Degrees'>;
export type SquareKilometers = Brand<number, 'SquareKilometers'>;

export const meters = (n: number): Meters => n as Meters;
export const kilometers = (n: number): Kilometers => n as Kilometers;
export const degrees = (n: number): Degrees => n as Degrees;
export const squareKilometers = (n: number): SquareKilometers => n as SquareKilometers;

export const kmToM = (km: Kilometers): Meters => (km * 1000) as Meters;
export const mToKm = (m: Meters): Kilometers => (m / 1000) as Kilometers;

/** [longitude, latitude] in WGS84 decimal degrees (GeoJSON order). */
export type LonLat = readonly [lon: number, lat: number];
/** A closed ring of positions, first equal to last (RFC 7946 §3.1.6). */
export type Ring = readonly LonLat[];
/** A polygon: outer ring first, then holes. */
export type PolygonCoords = readonly Ring[];
/** A set of polygons. */
export type MultiPolygonCoords = readonly PolygonCoords[];
