import { describe, expect, it } from 'vitest';
import { ReportText } from '../i18n.js';
import { HOSTILE_NAME, reportFixture } from '../test-support/report-fixture.js';
import { renderIncidentMap, symbolRadius } from './map.js';
import { KIND_COLOUR } from './style.js';

const model = reportFixture();
const svg = (lang: 'en' | 'uk' | 'ru') =>
  renderIncidentMap(model, new ReportText(lang, 'Europe/Kyiv'));

describe('renderIncidentMap', () => {
  it('escapes a settlement name carrying markup and quotes', () => {
    const out = svg('en');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Town');
    expect(HOSTILE_NAME).toContain('<script>');
  });

  it('draws one symbol per incident, in its category colour', () => {
    const out = svg('en');
    for (const p of model.map.points)
      expect(out, p.kind).toContain(`fill="${KIND_COLOUR[p.kind]}"`);
    // Legend symbols (6) plus one per incident.
    const symbols = out.match(/fill-opacity="0\.85"/g) ?? [];
    expect(symbols.length).toBe(model.map.points.length + 6);
  });

  it('draws the line of contact, the disengagement area and land from Natural Earth', () => {
    const out = svg('en');
    expect(out).toMatch(/<path d="M[^"]+" fill="none" stroke="#B00020"/);
    expect(out).toMatch(/fill="#F0C419" fill-opacity="0\.35"/);
    expect(out).toMatch(/<path d="M[^"]{200,}" fill="#FBFAF7"/);
  });

  it('writes the legend and scale bar in the report language', () => {
    expect(svg('en')).toContain('>Line of contact<');
    expect(svg('uk')).toContain('>Лінія зіткнення<');
    expect(svg('ru')).toContain('>Линия соприкосновения<');
    expect(svg('uk')).toMatch(/>\d+ км</);
    expect(svg('en')).toMatch(/>\d+ km</);
  });

  it('puts the settlements the report names on the map in the report language', () => {
    expect(svg('uk')).toContain('>Світлодарськ<');
    expect(svg('ru')).toContain('>Светлодарск<');
  });

  it('is the same for the same model', () => {
    expect(svg('ru')).toBe(svg('ru'));
  });

  it('grows symbols with the count, within bounds', () => {
    expect(symbolRadius(1)).toBeLessThan(symbolRadius(15));
    expect(symbolRadius(10_000)).toBe(12);
    expect(symbolRadius(0)).toBe(symbolRadius(1));
  });
});
