/**
 * Compares our decoding of one libmbus conformance case with the records libmbus reads from it
 * (../shared/conformance/libmbus, see its README). Used by the conformance suite and by
 * `node dist/test/conformance/libmbus-report.js`, which prints every difference.
 */
import { decodeTelegram } from '../../adapters/protocols/mbus';
import type { DataRecord, DecodedTelegram } from '../../adapters/protocols/mbus';
import { fromHex } from '../../lib/hex';
import { describeError } from '../../lib/errors';

export interface LibmbusRecord {
  index: number; function: string | null; storage: number | null; tariff: number | null; device: number | null;
  quantity: string | null; unit: string | null; unit_canonical: boolean; unit_text: string | null;
  canonical_value: number | string | null; value_text: string | null;
}

export interface LibmbusCase {
  case_id: string; set: 'test-frames' | 'error-frames' | 'unsupported-frames'; hex: string;
  records: LibmbusRecord[] | null; error: string | null; error_kind?: string;
}

export interface RecordDifference { caseId: string; index: number; field: string; libmbus: unknown; ours: unknown }

const FUNCTIONS: Record<string, string> = {
  'Instantaneous value': 'instantaneous', 'Maximum value': 'maximum', 'Minimum value': 'minimum',
  'Value during error state': 'error', 'Actual value': 'instantaneous',
};

function sameNumber(ours: unknown, theirs: number): boolean {
  if (typeof ours !== 'number') return false;
  return Math.abs(ours - theirs) <= Math.max(1e-9 + 1e-6 * Math.abs(theirs), 5.000001e-7);
}

function sameDate(ours: unknown, theirs: string): boolean {
  return typeof ours === 'string' && ours.replace('T', ' ').slice(0, theirs.length) === theirs;
}

/** libmbus prints binary values as spaced hex; texts as they are. */
function textOf(valueText: string): string {
  return /^([0-9A-F]{2} )+[0-9A-F]{2}$/.test(valueText) ? valueText.replace(/ /g, '') : valueText;
}

function compareRecord(caseId: string, l: LibmbusRecord, r: DataRecord | undefined, out: RecordDifference[]): void {
  const diff = (field: string, libmbus: unknown, ours: unknown): void => { out.push({ caseId, index: l.index, field, libmbus, ours }); };
  if (!r) { diff('record', l.quantity, 'missing'); return; }
  if (l.function === null) {
    // libmbus prints an empty record for a VIF it cannot read; we keep it, flagged unknown.
    if (r.quantity !== 'unknown') diff('quantity', 'unknown VIF', r.quantity);
    return;
  }
  const fn = FUNCTIONS[l.function];
  if (fn !== r.function) diff('function', l.function, r.function);
  if ((l.storage ?? 0) !== r.storage) diff('storage', l.storage, r.storage);
  if (l.unit_canonical && l.unit !== r.unit) diff('unit', l.unit, r.unit);
  const v = l.canonical_value === null && l.value_text ? textOf(l.value_text) : l.canonical_value;
  if (typeof v === 'number' ? !sameNumber(r.value, v) : typeof v === 'string' ? !sameDate(r.value, v) && r.value !== v : r.value !== v) {
    diff('value', v, r.value);
  }
}

/** Differences between libmbus's records and ours for one test frame (empty = full agreement). */
export function compareCase(c: LibmbusCase): { decoded: DecodedTelegram | null; differences: RecordDifference[]; compared: number } {
  const out: RecordDifference[] = [];
  let t: DecodedTelegram;
  try {
    t = decodeTelegram(fromHex(c.hex));
  } catch (err) {
    return { decoded: null, differences: [{ caseId: c.case_id, index: -1, field: 'decode', libmbus: 'decoded', ours: describeError(err) }], compared: (c.records ?? []).length };
  }
  const records = c.records ?? [];
  for (const l of records) {
    if (l.function === 'Manufacturer specific' || l.function === 'More records follow') {
      const theirs = (l.value_text ?? '').replace(/ /g, '');
      if (theirs !== (t.manufacturerData ?? '')) out.push({ caseId: c.case_id, index: l.index, field: 'manufacturerData', libmbus: theirs, ours: t.manufacturerData });
      continue;
    }
    compareRecord(c.case_id, l, t.records[l.index], out);
  }
  return { decoded: t, differences: out, compared: records.length };
}
