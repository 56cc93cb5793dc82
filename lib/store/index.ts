/**
 * The system of record (lib/store): registry, readings ledger, telegram archive, meter swaps,
 * tenancies and schema migrations in one embedded SQLite database. Pure TypeScript, no
 * Node-RED. See README.md for the schema, the durability guarantee and the PostgreSQL mapping.
 */
export { addYears, certificationYears, certifiedUntil, isIsoDate, type MeterSize } from './certification';
export { databasePath, dataDir, DATABASE_FILE } from './data-dir';
export { formatDecimal, parseDecimal, type Decimal } from './decimal';
export type { AppendResult, StoredReading } from './ledger';
export { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion, type Migration } from './migrations';
export type { ApartmentInput, MeterInput, MeterRow, PlacedMeter, RegistryTables } from './registry-tables';
export type { BilledQuantity } from './billed-quantity';
export type { Consumption, MeterReplacement, Replacements, Swap } from './replacements';
export { openDatabase, type Database } from './sqlite-driver';
export { PlacementIndex, type Placement } from './placement-index';
export { SystemOfRecord, type ArchivedFrame, type StoreStats } from './system-of-record';
export { TenancyError, type PutOutcome, type Tenancies, type Tenancy, type TenancyChange, type TenancyInput } from './tenancies';
