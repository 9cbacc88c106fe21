/**
 * The report renderers end to end: a hand-built report model (the contract of
 * src/domain/report/types.ts) rendered to HTML and PDF in en, uk and ru; the PDF rasterised with
 * poppler's pdftoppm and read back with pdftotext, as a reader's tools would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  REPORT_LANGS,
  VIOLATION_CATEGORIES,
  type ReportLang,
  type ReportModel,
} from '../src/domain/report/types.js';
import { RESTRICTION_KINDS } from '../src/domain/movement/restrictions.js';
import { REPORT_LOCALES, renderReportHtml, renderReportPdf } from '../src/reports/index.js';
import {
  breakdown,
  PUBLICATION,
  publishedReportFixture,
  reportFixture,
} from '../src/reports/test-support/report-fixture.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'truceline-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const model = reportFixture();

/** The HTML of one `<section id=…>`. */
function sectionOf(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no section ${id}`);
  return m[1]!;
}

/** The figures of the model that must be printed, by the section that prints them. */
function figures(m: ReportModel): Record<string, number[]> {
  const parts = (b: Record<string, number>) => [
    ...VIOLATION_CATEGORIES.map((c) => b[c]!),
    b.total!,
  ];
  const rows = (rs: ReportModel['byRegion']) =>
    rs.flatMap((r) => [...parts(r.current), r.previous.total]);
  const fom = m.movementRestrictions;
  return {
    summary: [...parts(m.totals.current), m.totals.previous.total],
    'by-region': [...rows(m.byRegion), ...parts(m.totals.current), m.totals.previous.total],
    'by-sector': [...rows(m.bySector), ...parts(m.totals.current), m.totals.previous.total],
    notable: m.notable.map((n) => n.count),
    withdrawal: m.withdrawalBreaches.flatMap((b) => [
      b.count,
      b.distanceToLineKm,
      b.limitKm,
      b.calibreMm ?? 0,
    ]),
    disengagement: m.disengagementAreas.flatMap((a) => [
      a.incidents,
      a.previousIncidents,
      ...parts(a.violations),
    ]),
    movement: [
      fom.total,
      fom.previousTotal,
      ...RESTRICTION_KINDS.map((k) => fom.byKind[k]),
      ...fom.byParty.flatMap((p) => [p.total, ...RESTRICTION_KINDS.map((k) => p.byKind[k])]),
    ],
    casualties: [m.civilianCasualties.killed, m.civilianCasualties.injured],
    findings: [m.findings.length],
    trend: m.trend.map((d) => d.violations.total),
  };
}

describe('renderReportHtml', () => {
  for (const lang of REPORT_LANGS) {
    const html = renderReportHtml(model, lang);
    const number = new Intl.NumberFormat(REPORT_LOCALES[lang]);

    it(`declares lang="${lang}" and UTF-8, and is one self-contained document`, () => {
      expect(html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).not.toMatch(/\s(src|href)=/i);
      expect(html).not.toMatch(/url\((?!#)|@import|<link|<script/i);
      const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
      expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
      expect(html).toContain('@page { size: A4;');
      expect(html.match(/<svg /g)?.length).toBe(2);
    });

    it(`escapes markup and quotes from the data (${lang})`, () => {
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Town');
      expect(html).toContain('&lt;/pre&gt;&lt;script&gt;steal()&lt;/script&gt;');
      expect(html).toContain('&lt;b&gt;north&lt;/b&gt; &amp; &quot;east&quot;');
      expect(html).toContain('Ceasefire &amp; Disengagement &lt;Agreement&gt; &quot;2026&quot;');
    });

    it(`puts the sections in the SMM order (${lang})`, () => {
      const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toEqual([
        'summary',
        'by-region',
        'by-sector',
        'notable',
        'withdrawal',
        'disengagement',
        'movement',
        'casualties',
        'findings',
        'map',
        'trend',
      ]);
    });

    it(`prints every figure of the model in its section (${lang})`, () => {
      for (const [id, values] of Object.entries(figures(model))) {
        const section = sectionOf(html, id);
        for (const v of values)
          expect(section, `${id} ${v}`).toMatch(
            new RegExp(
              `(^|[^\\d,.])${number.format(v).replace('.', '\\.')}([^\\d,.]|[.,](\\D|$)|$)`,
            ),
          );
      }
      // Rows add up: the all-areas row of each table is the model's total.
      expect(sectionOf(html, 'by-region')).toMatch(
        new RegExp(`<tr class="total">.*<td class="n">${model.totals.current.total}</td>`),
      );
    });

    it(`marks an unpublished report as a draft (${lang})`, () => {
      const draft = {
        en: 'DRAFT – not published',
        uk: 'ПРОЄКТ – не опубліковано',
        ru: 'ПРОЕКТ – не опубликовано',
      }[lang];
      expect(html).toContain(`<footer id="publication" class="draft">\n<h2>${draft}</h2>`);
    });
  }

  it('writes the sentences with the grammatical forms of each language', () => {
    const text = (lang: ReportLang) => renderReportHtml(model, lang);
    const en = text('en');
    expect(en).toContain(
      'the mission heard 15 undetermined explosions 3–5 km south-east of Svitlodarsk.',
    );
    expect(en).toContain(
      'The mission recorded 71 ceasefire violations (up from 58 in the previous period).',
    );
    expect(en).toContain('the mission saw 1 illumination flare in sector Donetsk South.');
    expect(en).toContain('restricted 4 times (down from 6 in the previous period)');
    const uk = text('uk');
    expect(uk).toContain(
      'місія чула 15 вибухів невстановленого походження за 3–5 км на південний схід від Світлодарська.',
    );
    expect(uk).toContain(
      'Місія зафіксувала 71 порушення режиму припинення вогню (більше, ніж 58 у попередньому періоді).',
    );
    expect(uk).toContain('21 чергу зі стрілецької зброї');
    expect(uk).toContain('22 вибухи (артилерія, 122 мм)');
    expect(uk).toContain('1 освітлювальну ракету');
    expect(uk).toContain('обмежували 4 рази');
    expect(uk).toContain('2 інциденти');
    expect(uk).toContain('11 порушень режиму припинення вогню');
    expect(uk).toContain('dsp-0001 (Party B, 1 березня 2026 р., подано)');
    expect(en).toContain('dsp-0001 (Party B, 1 March 2026, filed)');
    const ru = text('ru');
    expect(ru).toContain(
      'миссия слышала 15 взрывов неустановленного происхождения в 3–5 км к юго-востоку от Светлодарска.',
    );
    expect(ru).toContain(
      'Миссия зафиксировала 71 нарушение режима прекращения огня (больше, чем 58 в предыдущем периоде).',
    );
    expect(ru).toContain('21 очередь из стрелкового оружия');
    expect(ru).toContain('22 взрыва (артиллерия, 122 мм)');
    expect(ru).toContain('1 осветительную ракету');
    expect(ru).toContain('ограничивали 4 раза');
    expect(ru).toContain('в 5–7 км к северу от Марьинки');
  });

  it('prints the publication block when the report is in the ledger', () => {
    const html = renderReportHtml(publishedReportFixture(), 'uk');
    const footer =
      /<footer id="publication" class="published">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
    expect(footer).toContain(`запис ${PUBLICATION.ledgerIndex} журналу місії`);
    expect(footer).toContain(`розмір дерева ${PUBLICATION.treeSize}`);
    expect(footer).toContain(PUBLICATION.rootHash);
    expect(footer).toContain(PUBLICATION.modelSha256);
    expect(footer).toContain(`<pre>${PUBLICATION.checkpoint}</pre>`);
    expect(html).not.toContain('ПРОЄКТ');
  });

  it('renders a report in well under a second once warm', () => {
    renderReportHtml(model, 'en');
    const t0 = performance.now();
    for (const lang of REPORT_LANGS) renderReportHtml(model, lang);
    expect((performance.now() - t0) / 3).toBeLessThan(1000);
  });
});

describe('renderReportPdf', () => {
  const pdfs = new Map<ReportLang, Uint8Array>();
  const pdfOf = async (lang: ReportLang): Promise<Uint8Array> => {
    let pdf = pdfs.get(lang);
    if (!pdf) {
      pdf = await renderReportPdf(model, lang);
      pdfs.set(lang, pdf);
    }
    return pdf;
  };
  const fileOf = async (lang: ReportLang): Promise<string> => {
    const file = join(work, `report-${lang}.pdf`);
    writeFileSync(file, await pdfOf(lang));
    return file;
  };

  const words: Record<ReportLang, string[]> = {
    en: [
      'Daily report',
      'undetermined explosions',
      'Svitlodarsk',
      'Line of contact',
      'DRAFT – not published',
    ],
    uk: [
      'Щоденний звіт',
      'вибухів',
      'Світлодарська',
      'Лінія зіткнення',
      'освітлювальну',
      'ПРОЄКТ – не опубліковано',
    ],
    ru: [
      'Ежедневный отчёт',
      'взрывов',
      'Светлодарска',
      'Линия соприкосновения',
      'осветительную',
      'ПРОЕКТ – не опубликовано',
    ],
  };

  for (const lang of REPORT_LANGS) {
    it(`renders page 1 of the ${lang} PDF with pdftoppm to a PNG that is not blank`, async () => {
      const pdf = await pdfOf(lang);
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const file = await fileOf(lang);
      const prefix = join(work, `page-${lang}`);
      await run('/usr/bin/pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, prefix]);
      const png = readdirSync(work).find((f) => f.startsWith(`page-${lang}`) && f.endsWith('.png'));
      expect(png).toBeDefined();
      const image = sharp(join(work, png!));
      const meta = await image.metadata();
      // A4 at 50 dpi: 8.27 × 11.69 in.
      expect(meta.width).toBeCloseTo(413, -1);
      expect(meta.height).toBeCloseTo(585, -1);
      const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
      let ink = 0;
      for (const v of data) if (v < 160) ink++;
      expect(ink / (info.width * info.height)).toBeGreaterThan(0.01);
      const stats = await sharp(join(work, png!)).stats();
      expect(stats.channels[0]!.min).toBeLessThan(80);
    });

    it(`keeps the ${lang} text, Cyrillic included, readable by pdftotext`, async () => {
      const { stdout } = await run(
        '/usr/bin/pdftotext',
        ['-enc', 'UTF-8', await fileOf(lang), '-'],
        { encoding: 'utf8' },
      );
      const flat = stdout.replace(/\s+/g, ' ');
      for (const w of words[lang]) expect(flat, w).toContain(w);
    });
  }

  it('embeds DejaVu Sans (regular and bold) as subsets', async () => {
    const { stdout } = await run('/usr/bin/pdffonts', [await fileOf('uk')], { encoding: 'utf8' });
    expect(stdout).toMatch(/\+DejaVuSans\s.*yes\s+yes/);
    expect(stdout).toMatch(/\+DejaVuSans-Bold\s.*yes\s+yes/);
  });

  it('draws the map and the chart as vectors on a page of their own', async () => {
    const file = await fileOf('en');
    const { stdout: pages } = await run('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    const count = Number(/Pages:\s+(\d+)/.exec(pages)?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    const { stdout: last } = await run(
      '/usr/bin/pdftotext',
      ['-f', String(count), '-l', String(count), file, '-'],
      { encoding: 'utf8' },
    );
    expect(last).toContain('Map of the period’s incidents');
    expect(last).toContain('Natural Earth');
    const prefix = join(work, 'map-page');
    await run('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '30',
      '-f',
      String(count),
      '-l',
      String(count),
      '-singlefile',
      file,
      prefix,
    ]);
    const { data } = await sharp(`${prefix}.png`).raw().toBuffer({ resolveWithObject: true });
    // The line of contact (#B00020) and the explosion symbols (#D55E00) are drawn in colour.
    let line = 0;
    let explosion = 0;
    for (let i = 0; i < data.length; i += 3) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.abs(r - 0xb0) < 30 && g < 50 && b < 70) line++;
      if (Math.abs(r - 0xd5) < 30 && Math.abs(g - 0x5e) < 30 && b < 60) explosion++;
    }
    expect(line).toBeGreaterThan(5);
    expect(explosion).toBeGreaterThan(5);
  });

  it('produces the same bytes for the same model', async () => {
    const again = await renderReportPdf(model, 'ru');
    expect(Buffer.from(again).equals(Buffer.from(await pdfOf('ru')))).toBe(true);
  });

  it('renders a quiet day: no incidents, no findings, a map of one point', async () => {
    const zero = breakdown(0, 0, 0, 0, 0);
    const quiet: ReportModel = {
      ...model,
      totals: { current: zero, previous: zero },
      byRegion: [],
      bySector: [],
      notable: [],
      withdrawalBreaches: [],
      disengagementAreas: [],
      movementRestrictions: {
        ...model.movementRestrictions,
        total: 0,
        byParty: [],
        previousTotal: 0,
      },
      findings: [],
      map: { bbox: [38, 48, 38, 48], lineOfContact: [], zones: [], points: [] },
      trend: model.trend.map((d) => ({ ...d, violations: zero })),
    };
    const html = renderReportHtml(quiet, 'uk');
    expect(html).toContain('Місія зафіксувала 0 порушень режиму припинення вогню');
    expect(sectionOf(html, 'notable')).toContain('За цей період — жодного.');
    const file = join(work, 'quiet.pdf');
    writeFileSync(file, await renderReportPdf(quiet, 'uk'));
    const { stdout } = await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    expect(stdout).toContain('0 порушень');
  });

  it('prints the publication block of a published report', async () => {
    const file = join(work, 'published.pdf');
    writeFileSync(file, await renderReportPdf(publishedReportFixture(), 'ru'));
    const { stdout } = await run('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
    });
    const flat = stdout.replace(/\s+/g, '');
    expect(flat).toContain(`запись${PUBLICATION.ledgerIndex}журнала`);
    expect(flat).toContain(PUBLICATION.rootHash);
    expect(stdout).not.toContain('ПРОЕКТ');
  });
});
