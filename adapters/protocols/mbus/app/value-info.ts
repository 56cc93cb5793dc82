/**
 * The meaning of one record's value, built from its VIF and VIFE chain: quantity, unit and
 * decimal exponent of the raw value, how the data is read, and what the VIFEs add.
 */
import type { Quantity } from '../../../../lib/reading';
import type { ValueKind, VifEntry } from './vif-entry';

export interface ValueInfo {
  quantity: Quantity;
  description: string;
  unit: string;
  exponent: number;
  kind: ValueKind;
  /** Meanings added by combinable VIFEs, e.g. "per-hour", "accumulation-positive". */
  qualifiers: string[] | null;
  flags: string[] | null;
  /** Plain-text unit of VIF 0x7C/0xFC. */
  textUnit: string | null;
}

export function infoFrom(e: VifEntry): ValueInfo {
  return resetInfo({} as ValueInfo, e);
}

/** Sets `info` to the meaning of `e` (reusing the object: the record loop keeps one scratch). */
export function resetInfo(info: ValueInfo, e: VifEntry): ValueInfo {
  info.quantity = e.quantity;
  info.description = e.description;
  info.unit = e.unit;
  info.exponent = e.exponent;
  info.kind = e.kind;
  info.qualifiers = null;
  info.flags = null;
  info.textUnit = null;
  return info;
}

export function addQualifier(info: ValueInfo, q: string): void {
  (info.qualifiers ??= []).push(q);
}

export function addFlag(info: ValueInfo, f: string): void {
  (info.flags ??= []).push(f);
}
