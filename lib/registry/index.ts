/**
 * Registry import/export (lib/registry): installers' meter lists (CSV, .xlsx) into the system
 * of record, all or nothing with per-line errors; export back; the commissioning report; and
 * the lists read by the same sheet machinery — rental systems' tenancy lists, installers' swap
 * reports. Pure TypeScript, no Node-RED. See README.md for the file schemas.
 */
export { COLUMNS, MEDIA, METER_COLUMNS, mediumOf, OBJECT_ID_COLUMN, type ColumnKey } from './columns';
export { commissioningReport, heardMeterOf, type CommissioningReport, type HeardMeter } from './commissioning';
export { decodeText, detectDelimiter, formatCsv, parseCsv, type TextEncoding } from './csv';
export { dateProblem, entriesOf, manufacturerProblem, serialProblem, type ParsedSheet, type RegistryEntry } from './entries';
export { registrySheet } from './export';
export { applyEntries, importEntries, RegistryImportError, type ImportSummary, type Refusal } from './import';
export { readRegistryFile, writeRegistryFile } from './registry-file';
export { formatLineError, type LineError, type Sheet, type SheetRow } from './sheet';
export { ColumnSet, normaliseName, type CellCheck, type Column, type ParsedRows, type RowChecks } from './sheet-columns';
export { formatOf, readSheet, type ReadOptions } from './sheet-file';
export { readSwapFile, SWAP_COLUMNS, swapEntry, swapInstant, swapsOf, type ParsedSwaps, type SwapColumnKey, type SwapEntry } from './swap-entries';
export { importSwaps, recordSwap, refusedValue, type SwapDetails } from './swap-import';
export { readTenancyFile, TENANCY_COLUMNS, tenanciesOf, type ParsedTenancies, type TenancyColumnKey, type TenancyEntry } from './tenancy-entries';
export { importTenancies, type TenancyImportSummary } from './tenancy-import';
export { readXlsx, writeXlsx } from './xlsx';
