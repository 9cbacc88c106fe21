/**
 * Exchange with the field's conflict event data sets: ACLED-style CSV export of observations,
 * and import of ACLED- and UCDP-GED-style CSV as `osint` observations. README.md here documents
 * every mapping.
 */
export { ACLED_COLUMNS, acledCsvChunks, acledCsvHeader, geoPrecisionOf, observationToAcledCsvRow, observationToAcledRecord, placeRadiusM, type AcledExportContext, type AcledRecord } from './acled-export.js';
export { ACLED_GEO_PRECISION_RADIUS_M, ACLED_REQUIRED_COLUMNS, acledRowToObservation } from './acled-import.js';
export { ACLED_EVENT_TYPES, ACLED_IMPORT, acledKindOf, lookupAcled } from './acled-vocabulary.js';
export { CsvReader, MAX_RECORD_CHARS, readCsv, type CsvRecord } from './csv-reader.js';
export { parseCalendarDate, parseUtcOffset } from './days.js';
export { importCsvObservations, type CsvImportOptions, type CsvImportSummary, type RowProblem } from './import-csv.js';
export type { Row, RowContext, RowMapping } from './row-mapping.js';
export { UCDP_REQUIRED_COLUMNS, UCDP_WHERE_PREC_RADIUS_M, ucdpRowToObservation, type UcdpContext } from './ucdp-import.js';
