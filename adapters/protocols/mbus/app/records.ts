/**
 * The data-record loop of a variable data structure (EN 13757-3 §6): DIB, VIB, data, repeated
 * to the end of the telegram; idle fillers 0x2F skipped; 0x0F/0x1F manufacturer data kept raw
 * (0x1F: more records follow in the next telegram).
 */
import { DecodeError } from '../../../../lib/errors';
import { toHex } from '../../../../lib/hex';
import { readDib } from './dib';
import { readRecordValue } from './record-value';
import type { DecodedTelegram, DataRecord } from './types';
import { infoFrom, type ValueInfo } from './value-info';
import { readVib } from './vib';
import { reserved } from './vif-entry';

/** Scratch meaning of the record being read (copied into the record, never kept). */
const info: ValueInfo = infoFrom(reserved(''));
const NO_RAW = { mantissa: '', exponent: 0, unit: '', encoding: 'none', bytes: '' } as const;

/** Decodes records from b[start, end) into `out` (records, manufacturerData, moreRecordsFollow). */
export function readRecords(b: Uint8Array, start: number, end: number, out: Pick<DecodedTelegram, 'records' | 'manufacturerData' | 'moreRecordsFollow'>): void {
  let i = start;
  let recordNo = 0;
  while (i < end) {
    const dif = b[i]!;
    if (dif === 0x2f) { i++; continue; }
    if ((dif & 0x0f) === 0x0f) {
      if (dif === 0x0f || dif === 0x1f) {
        out.moreRecordsFollow = dif === 0x1f;
        out.manufacturerData = toHex(b, i + 1, end);
        return;
      }
      if (dif === 0x7f) {
        throw new DecodeError(`byte ${i}: DIF 0x7F (global readout request) is a master-to-slave code, not data`, i, 'bad-dif');
      }
      throw new DecodeError(`byte ${i}: reserved special-function DIF 0x${dif.toString(16).toUpperCase()}, the record's length cannot be known`, i, 'bad-dif');
    }
    const recordAt = i;
    const dib = readDib(b, i, end, recordNo);
    const dataField = dib.dataField, dibEnd = dib.end;
    const record: DataRecord = {
      offset: recordAt, dif: toHex(b, recordAt, dibEnd), vif: '', function: dib.function,
      storage: dib.storage, tariff: dib.tariff, subunit: dib.subunit,
      quantity: 'unknown', description: '', unit: '', value: null, raw: NO_RAW,
      qualifiers: undefined, textUnit: undefined, flags: undefined,
    };
    const vibEnd = readVib(b, dibEnd, end, recordNo, recordAt, info);
    i = readRecordValue(record, b, vibEnd, end, dataField, info, recordNo, recordAt);
    record.vif = toHex(b, dibEnd, vibEnd);
    record.quantity = info.quantity;
    record.description = info.description;
    if (info.qualifiers) record.qualifiers = info.qualifiers;
    if (info.textUnit !== null) record.textUnit = info.textUnit;
    if (info.flags) record.flags = info.flags;
    out.records.push(record);
    recordNo++;
  }
}
