/**
 * Records meter swaps in the system of record (lib/store Replacements): one from the command
 * line, or a whole swap report all or nothing — every refusal (meter not placed, already
 * replaced, a new meter placed in another apartment, a swap before the old meter was put up)
 * reported with its line and column.
 */
import type { BilledQuantity, Swap, SystemOfRecord } from '../store';
import { applyEntries } from './import';
import { SWAP_COLUMNS, type ParsedSwaps, type SwapColumnKey, type SwapEntry } from './swap-entries';

/** What a swap report leaves out: the old meter's manufacturer (when its serial is ambiguous), the new meter's, its model, the register. */
export interface SwapDetails { oldManufacturer?: string; manufacturer?: string; model?: string; quantity?: BilledQuantity }

/** Records one swap (call inside a transaction); returns it as stored. */
export function recordSwap(store: SystemOfRecord, e: SwapEntry, more: SwapDetails = {}): Swap {
  const newId = store.replacements.replace({
    oldSerial: e.oldSerial, oldManufacturer: more.oldManufacturer, at: e.at, oldFinal: e.oldFinal, newStart: e.newStart, quantity: more.quantity,
    newMeter: { serial: e.newSerial, manufacturer: more.manufacturer, model: more.model },
  });
  return store.replacements.list(newId)[0]!;
}

/** Which value a refusal is about: the time, or the serial it names (the old one unless it names the new). */
export function refusedValue(e: SwapEntry, message: string): SwapColumnKey {
  if (/swap time|swap must be later/.test(message)) return 'at';
  return message.includes(`meter ${e.newSerial} `) || message.includes(`serial ${e.newSerial} `) ? 'newSerial' : 'oldSerial';
}

/** Records every swap of a report in one transaction, in its order; returns them as stored. */
export function importSwaps(store: SystemOfRecord, parsed: ParsedSwaps): Swap[] {
  const swaps: Swap[] = [];
  applyEntries(store, parsed.entries, (e) => swaps.push(recordSwap(store, e)), (e, err) => {
    const key = refusedValue(e, err.message);
    return { column: parsed.headers[key] ?? SWAP_COLUMNS.name(key), message: err.message };
  });
  return swaps;
}
