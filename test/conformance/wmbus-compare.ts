/**
 * The wmbusmeters corpus (../shared/conformance/wmbus, see its README): a "standard: true"
 * expected value is reproduced when some record of the telegram has the same canonical unit and
 * a value within max(1e-9 + 1e-6·|expected|, tolerance); dates compare as text, seconds ignored.
 */
import type { DataRecord } from '../../adapters/protocols/mbus';

export interface WmbusExpected {
  field: string; value: unknown; unit: string; canonical_value: number | string; tolerance?: number;
  standard: boolean; record?: Record<string, unknown>; reason?: string;
}

export interface WmbusCase {
  case_id: string; driver: string; frame: 'wireless' | 'wired'; telegram_hex: string; preceding_hex: string[];
  key: string | null; expected: WmbusExpected[];
}

function sameValue(r: DataRecord, e: WmbusExpected): boolean {
  if (typeof e.canonical_value === 'number') {
    const tol = Math.max(1e-9 + 1e-6 * Math.abs(e.canonical_value), e.tolerance ?? 0);
    return typeof r.value === 'number' && Math.abs(r.value - e.canonical_value) <= tol;
  }
  const want = String(e.canonical_value);
  return typeof r.value === 'string' && r.value.replace('T', ' ').slice(0, want.length) === want;
}

/** True when one of `records` reproduces the expected standard value. */
export function reproduces(records: DataRecord[], e: WmbusExpected): boolean {
  return records.some((r) => r.unit === e.unit && sameValue(r, e));
}
