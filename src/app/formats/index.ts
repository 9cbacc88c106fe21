/** Export and import formats for observations: pure formatters and parsers, no I/O. */
export {
  MAX_NDJSON_LINE_CHARS,
  observationToNdjsonLine,
  parseNdjsonLine,
  type NdjsonLineParse,
} from './ndjson.js';
export {
  geoJsonChunks,
  geoJsonChunksSync,
  observationToGeoJsonFeature,
  type GeoJsonPoint,
  type ObservationFeature,
} from './geojson.js';
export { csvChunks, guardCsvFormula, observationCsvColumns, observationToCsvRow } from './csv.js';
export {
  OBSERVATION_COLUMNS,
  observationRecord,
  type ColumnValue,
  type ObservationColumn,
  type ObservationRecord,
} from './record.js';
