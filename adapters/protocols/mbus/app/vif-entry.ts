/**
 * The meaning of a VIF code: what it measures, in which unit and decimal exponent, and how its
 * data is to be read. Tables (primary, 0xFB, 0xFD) are arrays of 128 entries built from ranges.
 */
import type { Quantity } from '../../../../lib/reading';

/** How the record's data is read once the VIF is known. */
export type ValueKind =
  | 'number'        // scaled measurement
  | 'date'          // type G
  | 'datetime'      // type F / I / J by size
  | 'id'            // identifiers and versions: numeric or text, no unit
  | 'bits'          // type D bit fields (error flags, digital I/O)
  | 'manufacturer'; // manufacturer-specific meaning

export interface VifEntry {
  quantity: Quantity;
  description: string;
  /** Unit of mantissa × 10^exponent, as in lib/units.ts ('' = none). */
  unit: string;
  exponent: number;
  kind: ValueKind;
}

export type VifTable = VifEntry[];

/** A reserved code: decoded as a dimensionless raw number and reported. */
export function reserved(code: string): VifEntry {
  return { quantity: 'unknown', description: `Reserved VIF ${code}`, unit: '', exponent: 0, kind: 'number' };
}

/** A table of 128 codes, pre-filled as reserved, then defined by ranges. */
export function vifTable(prefix: string, define: (set: (from: number, count: number, f: (n: number) => VifEntry) => void) => void): VifTable {
  const table: VifTable = [];
  for (let i = 0; i < 128; i++) table.push(reserved(`${prefix}${i.toString(16).padStart(2, '0').toUpperCase()}`));
  define((from, count, f) => { for (let n = 0; n < count; n++) table[from + n] = f(n); });
  return table;
}

export const entry = (quantity: Quantity, description: string, unit: string, exponent: number, kind: ValueKind = 'number'): VifEntry =>
  ({ quantity, description, unit, exponent, kind });

/** Duration unit of the two low bits nn: seconds, minutes, hours, days. */
export const DURATION_UNITS = ['s', 'min', 'h', 'd'] as const;
