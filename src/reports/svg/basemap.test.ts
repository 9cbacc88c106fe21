import { describe, expect, it } from 'vitest';
import { countryAt, naturalEarthBasemap, RUSSIA_ID, UKRAINE_ID } from './basemap.js';

describe('the report basemap', () => {
  const basemap = naturalEarthBasemap();

  it('puts Simferopol and Sevastopol in Ukraine (UN GA resolution 68/262)', () => {
    expect(countryAt(basemap, [34.1, 44.95])?.id).toBe(UKRAINE_ID);
    expect(countryAt(basemap, [33.52, 44.6])?.id).toBe(UKRAINE_ID);
    expect(countryAt(basemap, [34.1, 44.95])?.name).toBe('Ukraine');
  });

  it('keeps Kyiv in Ukraine, Rostov-on-Don and Moscow in Russia, and the Sea of Azov as sea', () => {
    expect(countryAt(basemap, [30.52, 50.45])?.id).toBe(UKRAINE_ID);
    expect(countryAt(basemap, [39.7, 47.23])?.id).toBe(RUSSIA_ID);
    expect(countryAt(basemap, [37.62, 55.75])?.id).toBe(RUSSIA_ID);
    expect(countryAt(basemap, [36.5, 46.2])).toBeNull();
  });

  it('draws no border across the Perekop isthmus', () => {
    const nearPerekop = basemap.borders.some((line) =>
      line.some(([lon, lat]) => Math.abs(lon! - 33.7) < 0.3 && Math.abs(lat! - 46.15) < 0.2),
    );
    expect(nearPerekop).toBe(false);
  });

  it('reads the source once per process', () => {
    expect(naturalEarthBasemap()).toBe(basemap);
  });
});
