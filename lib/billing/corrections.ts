/**
 * What a correction close exports: only the difference from the frozen close it corrects, per
 * status × contract × metering point × quantity — the extra charge or the credit for the tenant
 * — so the billing system receives the change, not the month twice. Billed and information
 * lines (model 3) follow the same rules, each against its own kind: a month that turns from
 * billed to information credits the charge in full and informs in full. Lines that did not
 * change are left out.
 */
import type { CloseLine } from './close';
import { compare, dec, fixed, formatDecimal, parseDecimal, subtractDecimal, ZERO } from './exact';

const key = (l: CloseLine): string => `${l.status}|${l.contractId}|${l.meteringPointId}|${l.quantity}`;
const exportable = (l: CloseLine): boolean => l.status === 'billed' || l.status === 'information';

/** The lines to export for a correction: new − old per key (old-only keys are credited in full). */
export function correctionLines(corrected: readonly CloseLine[], current: readonly CloseLine[]): CloseLine[] {
  const before = new Map(corrected.filter(exportable).map((l) => [key(l), l]));
  const out: CloseLine[] = [];
  const diff = (a: string | null, b: string | null | undefined): string | null =>
    a === null && (b === null || b === undefined) ? null : formatDecimal(subtractDecimal(parseDecimal(a ?? '0'), parseDecimal(b ?? '0')));
  const money = (a: string, b: string | undefined) => fixed(subtractDecimal(dec(a), dec(b ?? '0')), 2);
  for (const l of current.filter(exportable)) {
    const old = before.get(key(l));
    before.delete(key(l));
    const line: CloseLine = { ...l, consumption: diff(l.consumption, old?.consumption), billedQuantity: diff(l.billedQuantity, old?.billedQuantity),
      quota: diff(l.quota, old?.quota), net: money(l.net, old?.net), vat: money(l.vat, old?.vat), gross: money(l.gross, old?.gross), flags: [...l.flags, 'correction'] };
    if (compare(dec(line.gross), ZERO) !== 0 || (line.billedQuantity !== null && compare(dec(line.billedQuantity), ZERO) !== 0)) out.push(line);
  }
  for (const old of before.values()) {
    out.push({ ...old, consumption: diff(null, old.consumption), billedQuantity: diff(null, old.billedQuantity), quota: diff(null, old.quota),
      net: money('0', old.net), vat: money('0', old.vat), gross: money('0', old.gross), flags: [...old.flags, 'correction'] });
  }
  return out;
}
