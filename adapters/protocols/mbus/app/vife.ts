/**
 * Combinable (orthogonal) VIFE codes after a primary, 0xFB or 0xFD VIF (EN 13757-3:2018
 * Table 15): record error codes, "per time/unit" denominators, limits, durations, start dates,
 * accumulation direction, and the multiplicative/additive corrections.
 */
import { DURATION_UNITS } from './vif-entry';
import { addFlag, addQualifier, type ValueInfo } from './value-info';

const RECORD_ERRORS: Record<number, string> = {
  0x00: 'none', 0x01: 'too many DIFEs', 0x02: 'storage number not implemented',
  0x03: 'unit number not implemented', 0x04: 'tariff number not implemented',
  0x05: 'function not implemented', 0x06: 'data class not implemented',
  0x07: 'data size not implemented', 0x0b: 'too many VIFEs', 0x0c: 'illegal VIF group',
  0x0d: 'illegal VIF exponent', 0x0e: 'VIF/DIF mismatch', 0x0f: 'unimplemented action',
  0x15: 'no data available', 0x16: 'data overflow', 0x17: 'data underflow', 0x18: 'data error',
  0x1c: 'premature end of record',
};

const PER = ['per-second', 'per-minute', 'per-hour', 'per-day', 'per-week', 'per-month', 'per-year',
  'per-revolution', 'per-input-pulse-0', 'per-input-pulse-1', 'per-output-pulse-0', 'per-output-pulse-1',
  'per-litre', 'per-m3', 'per-kg', 'per-K', 'per-kWh', 'per-GJ', 'per-kW', 'per-K-litre', 'per-V', 'per-A',
  'multiplied-by-s', 'multiplied-by-s-per-V', 'multiplied-by-s-per-A'];

function asDuration(info: ValueInfo, what: string, nn: number): void {
  info.quantity = 'duration';
  info.description = `${what} (${info.description})`;
  info.unit = DURATION_UNITS[nn]!;
  info.exponent = 0;
  info.kind = 'number';
}

function asDate(info: ValueInfo, what: string): void {
  info.quantity = 'datetime';
  info.description = `${what} (${info.description})`;
  info.unit = 'datetime';
  info.exponent = 0;
  info.kind = 'datetime';
}

function limitExceed(code: number): string {
  const side = code & 0x08 ? 'upper' : 'lower';
  return `${code & 0x04 ? 'last' : 'first'} ${side} limit exceed`;
}

/**
 * Applies one combinable VIFE (extension bit stripped) to `info`. Returns false for 0x7F: the
 * following VIFEs and the data are manufacturer specific.
 */
export function applyCombinableVife(info: ValueInfo, code: number): boolean {
  if (code < 0x20) {
    const text = RECORD_ERRORS[code] ?? `reserved error code 0x${code.toString(16)}`;
    if (code !== 0) addFlag(info, `record-error: ${text}`);
  } else if (code < 0x39) addQualifier(info, PER[code - 0x20]!);
  else if (code === 0x39) asDate(info, 'Start date/time of');
  else if (code === 0x3a) addQualifier(info, 'uncorrected-unit');
  else if (code === 0x3b) addQualifier(info, 'accumulation-positive');
  else if (code === 0x3c) addQualifier(info, 'accumulation-negative');
  else if (code === 0x3e) addQualifier(info, 'base-conditions');
  else if (code < 0x40) addQualifier(info, `vife-0x${code.toString(16)}`);
  else if (code < 0x50) applyLimitVife(info, code);
  else if (code < 0x60) asDuration(info, `Duration of ${limitExceed(code)}`, code & 0x03);
  else if (code < 0x68) asDuration(info, `Duration of ${code & 0x04 ? 'last' : 'first'}`, code & 0x03);
  else if (code < 0x70) applyValueDuringVife(info, code);
  else if (code < 0x78) info.exponent += (code & 0x07) - 6;
  else if (code < 0x7c) addQualifier(info, `additive-correction-1e${(code & 0x03) - 3}`);
  else if (code === 0x7d) info.exponent += 3;
  else if (code === 0x7e) addQualifier(info, 'future-value');
  else if (code === 0x7f) return false;
  else addQualifier(info, `vife-0x${code.toString(16)}`);
  return true;
}

/** 0x40–0x4F: limit value, number of exceeds, date of begin/end of first/last exceed. */
function applyLimitVife(info: ValueInfo, code: number): void {
  const side = code & 0x08 ? 'upper' : 'lower';
  const low = code & 0x07;
  if (low === 0) addQualifier(info, `${side}-limit-value`);
  else if (low === 1) {
    info.quantity = 'dimensionless';
    info.description = `Number of exceeds of ${side} limit (${info.description})`;
    info.unit = ''; info.exponent = 0; info.kind = 'number';
  } else if (low & 0x02) asDate(info, `${code & 0x01 ? 'End' : 'Begin'} of ${limitExceed(code)}`);
  else addQualifier(info, `vife-0x${code.toString(16)}`);
}

/** 0x68–0x6F: value during limit exceed, leakage values, date of begin/end of first/last. */
function applyValueDuringVife(info: ValueInfo, code: number): void {
  if (code === 0x68 || code === 0x6c) addQualifier(info, `value-during-${code === 0x6c ? 'upper' : 'lower'}-limit-exceed`);
  else if (code & 0x02) asDate(info, `${code & 0x01 ? 'End' : 'Begin'} of ${code & 0x04 ? 'last' : 'first'}`);
  else addQualifier(info, `vife-0x${code.toString(16)}`);
}
