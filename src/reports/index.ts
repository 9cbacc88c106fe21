/**
 * Report rendering: the daily/weekly report model (src/domain/report) as HTML, PDF, and the SVG
 * map and trend chart, in English, Ukrainian and Russian. An edge layer: it reads files
 * (fonts, the Natural Earth basemap) but no store and no network.
 */
export { renderReportHtml } from './html.js';
export { renderReportPdf } from './pdf.js';
export { layoutReport, type Block, type ReportDocument, type Section } from './document.js';
export { ReportText } from './i18n.js';
export {
  REPORT_LOCALES,
  reportMessages,
  type Catalogue,
  type MessageKey,
} from './messages/index.js';
export { GENITIVE_NAMES, genitiveName } from './place-names.js';
export { renderIncidentMap } from './svg/map.js';
export { renderTrendChart } from './svg/chart.js';
export { escapeMarkup } from './escape.js';
