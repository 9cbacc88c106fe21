/**
 * The report as one self-contained HTML document: inline CSS (screen and print, A4), inline SVG
 * map and chart, no script, no external resource, so a copy opens and prints the same anywhere
 * and can be archived as a single file. Every text from the model is escaped.
 */
import type { ReportLang, ReportModel } from '../domain/report/types.js';
import { layoutReport, type Block, type Section } from './document.js';
import { escapeMarkup as esc } from './escape.js';

const CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
:root { color: #1a1a1a; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; margin: 0 auto; max-width: 190mm; padding: 8mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 0.4pt solid #888; padding-bottom: 1mm; break-after: avoid; page-break-after: avoid; }
header p { margin: 0.5mm 0; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 2mm 0; }
th, td { border: 0.4pt solid #aaa; padding: 1mm 1.4mm; vertical-align: top; }
th { background: #eee; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f6f6f6; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
ol, ul { padding-left: 6mm; }
li { margin-bottom: 1.5mm; break-inside: avoid; page-break-inside: avoid; }
.note { color: #555; font-size: 9pt; }
figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: #555; margin-top: 1mm; }
section.new-page { break-before: page; page-break-before: always; }
footer { margin-top: 8mm; border-top: 0.8pt solid #333; padding-top: 2mm; font-size: 9pt; word-break: break-all; }
footer pre { white-space: pre-wrap; font-size: 8pt; background: #f4f4f4; padding: 2mm; }
footer.draft h2 { color: #b00020; border: none; letter-spacing: 0.05em; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

/** The report in `lang` as a complete HTML document (UTF-8). */
export function renderReportHtml(model: ReportModel, lang: ReportLang): string {
  const doc = layoutReport(model, lang);
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${esc(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(doc.title)}</h1>`,
    ...doc.lines.map((l) => `<p>${esc(l)}</p>`),
    '</header>',
    '<main>',
    ...doc.sections.map(section),
    '</main>',
    `<footer id="${esc(doc.footer.id)}" class="${doc.draft ? 'draft' : 'published'}">`,
    `<h2>${esc(doc.footer.heading)}</h2>`,
    ...doc.footer.blocks.map(block),
    '</footer>',
    '</body>',
    '</html>',
    '',
  ];
  return out.join('\n');
}

function section(s: Section): string {
  return [
    `<section id="${esc(s.id)}"${s.newPage ? ' class="new-page"' : ''}>`,
    `<h2>${esc(s.heading)}</h2>`,
    ...s.blocks.map(block),
    '</section>',
  ].join('\n');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p${b.note ? ' class="note"' : ''}>${esc(b.text)}</p>`;
    case 'list':
      return `<ol>${b.items
        .map(
          (i) =>
            `<li>${esc(i.text)}${i.note ? `<br><span class="note">${esc(i.note)}</span>` : ''}</li>`,
        )
        .join('')}</ol>`;
    case 'table': {
      const cls = (col: number) => (b.numeric[col] ? ' class="n"' : '');
      const head = b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr${r.total ? ' class="total"' : ''}>${r.cells
              .map((c, i) =>
                i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${cls(i)}>${esc(c)}</td>`,
              )
              .join('')}</tr>`,
        )
        .join('\n');
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
    case 'figure':
      // The SVG is produced by our own writers, which escape every text they put in it.
      return `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
    case 'preformatted':
      return `<pre>${esc(b.text)}</pre>`;
  }
}
