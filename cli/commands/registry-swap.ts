/**
 * `imd registry swap` and `imd registry swaps`: a meter replacement recorded from its
 * arguments — or every swap of an installer's swap report (--file), all or nothing — and
 * printed as JSON; the recorded swaps listed one JSON line each. A refusal names the argument
 * it is about.
 */
import { ConfigError } from '../../lib/errors';
import { importSwaps, manufacturerProblem, readSwapFile, recordSwap, refusedValue, swapEntry, type SwapColumnKey, type SwapDetails } from '../../lib/registry';
import type { BilledQuantity } from '../../lib/store';
import { ExitCode, type CommandIO } from '../command';
import { importSheet, withStore } from '../sheet-import';

/** The options `imd registry` parses that a swap reads. */
export interface SwapValues {
  old?: string; new?: string; at?: string; 'old-final'?: string; 'new-start'?: string;
  quantity?: string; unit?: string; manufacturer?: string; 'old-manufacturer'?: string; model?: string;
  file?: string; encoding?: string; data?: string;
}

const ARGUMENT: Record<SwapColumnKey, keyof SwapValues> = { oldSerial: 'old', newSerial: 'new', at: 'at', oldFinal: 'old-final', newStart: 'new-start' };

const QUANTITY_OF_UNIT: Record<string, BilledQuantity> = { m3: 'volume', kWh: 'energy' };

function manufacturer(values: SwapValues, key: 'manufacturer' | 'old-manufacturer'): string | undefined {
  const text = values[key];
  if (text === undefined) return undefined;
  const why = manufacturerProblem(text);
  if (why) throw new ConfigError(`--${key}: ${why}`);
  return text.toUpperCase();
}

function details(values: SwapValues): SwapDetails {
  const { quantity, unit } = values;
  if (quantity !== undefined && quantity !== 'volume' && quantity !== 'energy') throw new ConfigError(`--quantity must be volume or energy, not '${quantity}'`);
  if (unit !== undefined && !QUANTITY_OF_UNIT[unit]) throw new ConfigError(`--unit must be m3 or kWh, not '${unit}'`);
  if (quantity && unit && QUANTITY_OF_UNIT[unit] !== quantity) throw new ConfigError(`--unit ${unit} does not measure ${quantity}`);
  return {
    quantity: quantity ?? (unit ? QUANTITY_OF_UNIT[unit] : undefined), model: values.model,
    manufacturer: manufacturer(values, 'manufacturer'), oldManufacturer: manufacturer(values, 'old-manufacturer'),
  };
}

export async function runSwap(values: SwapValues, io: CommandIO): Promise<number> {
  const given = Object.values(ARGUMENT).filter((k) => values[k] !== undefined);
  if (values.file !== undefined) {
    if (given.length > 0) throw new ConfigError(`--file records a swap report; --${given[0]} is for one swap without it`);
    return importSheet({ file: values.file, encoding: values.encoding, data: values.data, read: readSwapFile, apply: importSwaps }, io);
  }
  const entry = swapEntry({ oldSerial: values.old, newSerial: values.new, at: values.at, oldFinal: values['old-final'], newStart: values['new-start'] },
    (key) => `--${ARGUMENT[key]}`);
  const more = details(values);
  return withStore(values.data, (store) => {
    try {
      io.stdout.write(`${JSON.stringify(store.transaction(() => recordSwap(store, entry, more)))}\n`);
      return ExitCode.success;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.stderr.write(`imd registry swap: --${ARGUMENT[refusedValue(entry, err.message)]}: ${err.message}\n`);
      return ExitCode.failure;
    }
  });
}

export function listSwaps(data: string | undefined, io: CommandIO): Promise<number> {
  return withStore(data, (store) => {
    for (const swap of store.replacements.list()) io.stdout.write(`${JSON.stringify(swap)}\n`);
    return ExitCode.success;
  });
}
