/**
 * Data information block: DIF and up to 10 DIFEs → data field, function, storage number,
 * tariff and subunit (EN 13757-3 §6.3). Parses into a reused scratch object.
 */
import type { ReadingFunction } from '../../../../lib/reading';
import { DecodeError } from '../../../../lib/errors';

export const MAX_EXTENSIONS = 10;
const FUNCTIONS: ReadingFunction[] = ['instantaneous', 'maximum', 'minimum', 'error'];

export interface Dib {
  dif: number;
  dataField: number;
  function: ReadingFunction;
  storage: number;
  tariff: number;
  subunit: number;
  /** Offset just after the DIB. */
  end: number;
}

const scratch: Dib = { dif: 0, dataField: 0, function: 'instantaneous', storage: 0, tariff: 0, subunit: 0, end: 0 };

/** Reads the DIB starting at `at` (the DIF, not a special function). Shared scratch result. */
export function readDib(b: Uint8Array, at: number, end: number, recordNo: number): Dib {
  const dif = b[at]!;
  let storage = (dif >> 6) & 0x01;
  let tariff = 0;
  let subunit = 0;
  let i = at + 1;
  let ext = dif & 0x80;
  let n = 0;
  while (ext) {
    if (i >= end) {
      throw new DecodeError(`record ${recordNo} at byte ${at}: premature end of record at DIFE ${n + 1} (byte ${i})`, i, 'truncated');
    }
    if (n === MAX_EXTENSIONS) {
      throw new DecodeError(`record ${recordNo} at byte ${at}: too many DIFEs (more than ${MAX_EXTENSIONS})`, i, 'too-many-dife');
    }
    const dife = b[i++]!;
    storage += (dife & 0x0f) * 2 ** (1 + 4 * n);
    tariff += ((dife >> 4) & 0x03) * 2 ** (2 * n);
    subunit += ((dife >> 6) & 0x01) * 2 ** n;
    ext = dife & 0x80;
    n++;
  }
  scratch.dif = dif;
  scratch.dataField = dif & 0x0f;
  scratch.function = FUNCTIONS[(dif >> 4) & 0x03]!;
  scratch.storage = storage;
  scratch.tariff = tariff;
  scratch.subunit = subunit;
  scratch.end = i;
  return scratch;
}
