/**
 * The report as PDF, without a browser or network: pdfkit lays out the same outline as the HTML
 * (document.ts), with DejaVu Sans embedded for Cyrillic, tables drawn cell by cell (header row
 * repeated after a page break), and the map and chart drawn as vectors from their SVG by
 * svg-to-pdfkit. The output is deterministic: the document's dates are the period's end, so
 * the same model renders to the same bytes.
 */
import type { ReportLang, ReportModel } from '../domain/report/types.js';
import { layoutReport, type Block, type Section } from './document.js';
import { reportFonts } from './fonts.js';
import { ReportText } from './i18n.js';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 50, bottom: 56, left: 48, right: 48 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const REGULAR = 'DejaVu';
const BOLD = 'DejaVu-Bold';
const MONO = 'DejaVu-Mono';

/** pdfkit and svg-to-pdfkit, loaded with the first PDF rather than by every process that could make one. */
let PDFDocument!: typeof import('pdfkit');
let SVGtoPDF!: typeof import('svg-to-pdfkit');
let loaded: Promise<void> | null = null;

function loadLibraries(): Promise<void> {
  return (loaded ??= Promise.all([import('pdfkit'), import('svg-to-pdfkit')]).then(([p, s]) => {
    PDFDocument = p.default;
    SVGtoPDF = s.default;
  }));
}

/** The report in `lang` as PDF bytes (A4). */
export async function renderReportPdf(model: ReportModel, lang: ReportLang): Promise<Uint8Array> {
  await loadLibraries();
  const layout = layoutReport(model, lang);
  const text = new ReportText(lang, model.period.timeZone);
  const when = new Date(model.period.to);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: text.locale,
    displayTitle: true,
    info: {
      Title: layout.title,
      Author: model.missionId,
      Subject: model.agreement.title,
      Creator: 'Truceline',
      Producer: 'Truceline',
      CreationDate: when,
      ModDate: when,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const fonts = reportFonts();
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  doc.registerFont(MONO, fonts.mono);

  doc
    .font(BOLD)
    .fontSize(16)
    .fillColor('#111111')
    .text(layout.title, MARGIN.left, MARGIN.top, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
  doc.font(REGULAR).fontSize(8.5).fillColor('#444444');
  for (const line of layout.lines) doc.text(line, { width: CONTENT_WIDTH });
  for (const s of layout.sections) section(doc, s);
  footerSection(doc, layout.footer, layout.draft);

  // Running footer on every page: draft marker or ledger reference, and page numbers.
  const range = doc.bufferedPageRange();
  const mark = model.publication
    ? `${model.missionId} · ${text.t('footer.checkpoint')} ${model.publication.ledgerIndex}`
    : layout.footer.heading;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - MARGIN.bottom + 18;
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(layout.draft ? BOLD : REGULAR)
      .fontSize(7.5)
      .fillColor(layout.draft ? '#B00020' : '#555555');
    doc.text(mark, MARGIN.left, y, { width: CONTENT_WIDTH / 2, lineBreak: false });
    doc.font(REGULAR).fillColor('#555555');
    doc.text(
      text.t('footer.page', { page: i + 1, pages: range.count }),
      MARGIN.left + CONTENT_WIDTH / 2,
      y,
      {
        width: CONTENT_WIDTH / 2,
        align: 'right',
        lineBreak: false,
      },
    );
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function heading(doc: Doc, title: string, colour = '#111111'): void {
  ensureRoom(doc, 60);
  doc.moveDown(0.8);
  doc
    .font(BOLD)
    .fontSize(11.5)
    .fillColor(colour)
    .text(title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  const y = doc.y + 1;
  doc
    .moveTo(MARGIN.left, y)
    .lineTo(MARGIN.left + CONTENT_WIDTH, y)
    .lineWidth(0.4)
    .strokeColor('#888888')
    .stroke();
  doc.y = y + 4;
}

function section(doc: Doc, s: Section): void {
  if (s.newPage) doc.addPage();
  heading(doc, s.heading);
  for (const b of s.blocks) block(doc, b);
}

function footerSection(doc: Doc, s: Section, draft: boolean): void {
  heading(doc, s.heading, draft ? '#B00020' : '#111111');
  for (const b of s.blocks) block(doc, b);
}

function block(doc: Doc, b: Block): void {
  doc.x = MARGIN.left;
  switch (b.type) {
    case 'paragraph':
      doc
        .font(REGULAR)
        .fontSize(b.note ? 8.5 : 9.5)
        .fillColor(b.note ? '#555555' : '#1A1A1A');
      ensureRoom(doc, doc.heightOfString(b.text, { width: CONTENT_WIDTH }));
      doc.text(b.text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      return;
    case 'list':
      b.items.forEach((item, i) => {
        const indent = 20;
        const width = CONTENT_WIDTH - indent;
        doc.font(REGULAR).fontSize(9.5);
        const h =
          doc.heightOfString(item.text, { width }) +
          (item.note ? doc.fontSize(8.5).heightOfString(item.note, { width }) : 0);
        ensureRoom(doc, h + 4);
        const top = doc.y;
        doc
          .font(REGULAR)
          .fontSize(9.5)
          .fillColor('#1A1A1A')
          .text(`${i + 1}.`, MARGIN.left, top, { width: indent, lineBreak: false });
        doc.text(item.text, MARGIN.left + indent, top, { width });
        if (item.note)
          doc
            .fontSize(8.5)
            .fillColor('#555555')
            .text(item.note, MARGIN.left + indent, doc.y, { width });
        doc.moveDown(0.3);
      });
      return;
    case 'table':
      table(doc, b);
      return;
    case 'figure': {
      const height = (CONTENT_WIDTH * b.height) / b.width;
      ensureRoom(doc, height + 24);
      const top = doc.y + 2;
      SVGtoPDF(doc, withSize(b.svg, CONTENT_WIDTH, height), MARGIN.left, top, {
        width: CONTENT_WIDTH,
        height,
        assumePt: true,
        fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
        warningCallback: (message) => {
          throw new Error(`SVG not drawable in the PDF: ${message}`);
        },
      });
      doc.y = top + height + 3;
      doc
        .font(REGULAR)
        .fontSize(8)
        .fillColor('#555555')
        .text(b.caption, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      return;
    }
    case 'preformatted':
      doc.font(MONO).fontSize(7.5).fillColor('#1A1A1A');
      ensureRoom(doc, doc.heightOfString(b.text, { width: CONTENT_WIDTH }));
      doc.text(b.text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.4);
      return;
  }
}

/**
 * The figure's SVG with its root width and height set to the size it gets on the page, in
 * points: svg-to-pdfkit sizes the drawing from these attributes, the viewBox scales the rest.
 */
export function withSize(svg: string, width: number, height: number): string {
  const root = /^<svg\b[^>]*>/.exec(svg);
  if (!root) throw new Error('figure is not an SVG element');
  const sized = root[0]
    .replace(/\swidth="[^"]*"/, ` width="${width.toFixed(2)}"`)
    .replace(/\sheight="[^"]*"/, ` height="${height.toFixed(2)}"`);
  return sized + svg.slice(root[0].length);
}

const PAD = 2.5;

/**
 * Column widths: each column at least as wide as its longest word (header in bold 6.5 pt, cells
 * in 7.5 pt, row labels bold), so no word is split; the room left is shared out in proportion
 * to the layout's relative widths. When even the words do not fit, all columns shrink alike.
 */
function columnWidths(doc: Doc, b: Extract<Block, { type: 'table' }>): number[] {
  const longestWord = (text: string, font: string, size: number) =>
    Math.max(0, ...text.split(/\s+/).map((w) => doc.font(font).fontSize(size).widthOfString(w)));
  const min = b.head.map(
    (h, i) =>
      Math.max(
        longestWord(h, BOLD, 6.5),
        ...b.rows.map((r) =>
          longestWord(r.cells[i] ?? '', i === 0 || r.total ? BOLD : REGULAR, 7.5),
        ),
      ) +
      2 * PAD +
      0.5,
  );
  const needed = min.reduce((s, w) => s + w, 0);
  if (needed >= CONTENT_WIDTH) return min.map((w) => (w * CONTENT_WIDTH) / needed);
  const share = b.widths.reduce((s, w) => s + w, 0);
  return min.map((w, i) => w + ((CONTENT_WIDTH - needed) * b.widths[i]!) / share);
}

function table(doc: Doc, b: Extract<Block, { type: 'table' }>): void {
  const widths = columnWidths(doc, b);
  const pad = PAD;
  const drawRow = (cells: readonly string[], header: boolean, bold: boolean) => {
    // Each cell is measured in the font it is drawn in: row labels and totals are bold.
    const setFont = (i: number) =>
      doc.font(header || bold || i === 0 ? BOLD : REGULAR).fontSize(header ? 6.5 : 7.5);
    const h =
      Math.max(
        ...cells.map((c, i) => setFont(i).heightOfString(c, { width: widths[i]! - 2 * pad })),
      ) +
      2 * pad;
    if (doc.y + h > BOTTOM) {
      doc.addPage();
      if (!header) drawRow(b.head, true, false);
    }
    const top = doc.y;
    let x = MARGIN.left;
    cells.forEach((c, i) => {
      const w = widths[i]!;
      if (header || bold)
        doc
          .rect(x, top, w, h)
          .fillColor(header ? '#EEEEEE' : '#F6F6F6')
          .fill();
      doc.rect(x, top, w, h).lineWidth(0.4).strokeColor('#AAAAAA').stroke();
      setFont(i).fillColor('#1A1A1A');
      doc.text(c, x + pad, top + pad, {
        width: w - 2 * pad,
        align: b.numeric[i] && !header ? 'right' : 'left',
      });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = top + h;
  };
  ensureRoom(doc, 40);
  drawRow(b.head, true, false);
  for (const r of b.rows) drawRow(r.cells, false, r.total === true);
  doc.moveDown(0.6);
}
