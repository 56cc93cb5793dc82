/**
 * The JSON shape of a decoded telegram, as `imd decode` prints it and the decode node emits it
 * (documented in this adapter's README). Key order is fixed so output diffs stay readable.
 */
import type { DataRecord, DecodedTelegram } from './app/types';

function recordToJson(r: DataRecord): Record<string, unknown> {
  const o: Record<string, unknown> = {
    quantity: r.quantity, unit: r.unit, value: r.value, raw: r.raw,
    storage: r.storage, tariff: r.tariff, subunit: r.subunit, function: r.function,
    dif: r.dif, vif: r.vif, description: r.description,
  };
  if (r.qualifiers) o.qualifiers = r.qualifiers;
  if (r.textUnit !== undefined) o.textUnit = r.textUnit;
  if (r.flags) o.flags = r.flags;
  return o;
}

/**
 * `{"ok":true,"frame":…,"header":…,"records":[…]}` plus manufacturer data and warnings when present.
 * `frame` is whatever the protocol's link layer describes (wired FrameInfo, wireless frame info).
 */
export function telegramToJson(t: Omit<DecodedTelegram, 'frame'> & { frame: object }): Record<string, unknown> {
  const o: Record<string, unknown> = { ok: true, frame: t.frame, header: t.header, records: t.records.map(recordToJson) };
  if (t.manufacturerData !== undefined) o.manufacturerData = t.manufacturerData;
  if (t.moreRecordsFollow) o.moreRecordsFollow = true;
  if (t.warnings.length > 0) o.warnings = t.warnings;
  return o;
}
