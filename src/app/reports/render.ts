/**
 * A report in one of its three formats: JSON (the model itself, json.ts) or, through the
 * renderers of src/reports, HTML with print CSS and PDF, in the requested language. The
 * renderers (fonts, PDF layout) load on first use, so commands that never render do not pay for
 * them at start-up.
 */
import type { ReportLang, ReportModel } from '../../domain/report/index.js';
import { reportJson } from './json.js';

export const REPORT_FORMATS = ['json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RenderedReport {
  readonly body: Uint8Array;
  readonly mediaType: string;
}

export async function renderReport(
  model: ReportModel,
  lang: ReportLang,
  format: ReportFormat,
): Promise<RenderedReport> {
  const mediaType = MEDIA_TYPES[format];
  if (format === 'json') return { body: Buffer.from(reportJson(model), 'utf8'), mediaType };
  const { renderReportHtml, renderReportPdf } = await import('../../reports/index.js');
  if (format === 'html')
    return { body: Buffer.from(renderReportHtml(model, lang), 'utf8'), mediaType };
  return { body: await renderReportPdf(model, lang), mediaType };
}
