/**
 * Registry import/export (lib/registry): installers' meter lists (CSV, .xlsx) into the system
 * of record, all or nothing with per-line errors; export back; the commissioning report.
 * Pure TypeScript, no Node-RED. See README.md for the file schema.
 */
export { COLUMNS, MEDIA, columnOf, mediumOf, type Column, type ColumnKey } from './columns';
export { commissioningReport, heardMeterOf, type CommissioningReport, type HeardMeter } from './commissioning';
export { decodeText, detectDelimiter, formatCsv, parseCsv, type TextEncoding } from './csv';
export { entriesOf, type ParsedSheet, type RegistryEntry } from './entries';
export { registrySheet } from './export';
export { importEntries, RegistryImportError, type ImportSummary } from './import';
export { readRegistryFile, readSheet, writeRegistryFile, type ReadOptions } from './registry-file';
export { formatLineError, type LineError, type Sheet, type SheetRow } from './sheet';
export { readXlsx, writeXlsx } from './xlsx';
