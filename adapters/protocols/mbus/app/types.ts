/**
 * Types of the decoded EN 13757-3 application layer: the header, the data records and the
 * whole telegram. Codec-level; `to-readings.ts` turns them into canonical Readings.
 */
import type { CanonicalUnit, Quantity, RawValue, ReadingFunction } from '../../../../lib/reading';

/** Fixed part of a variable-data response (long header CI 0x72, short header CI 0x7A). */
export interface TelegramHeader {
  /** 8 BCD digits as printed on the meter (long header only; short header: null). */
  id: string | null;
  manufacturer: string | null;
  version: number | null;
  medium: string | null;
  mediumCode: number | null;
  accessNumber: number;
  status: number;
  /** The 2-byte signature / configuration word (TPL configuration field), little-endian value. */
  configuration: number;
  /** Security mode from the configuration word bits 8..12 (0 = none, 5 = AES-CBC-IV, 7 = …). */
  encryptionMode: number;
  /** Number of encrypted 16-byte blocks announced (modes 5 and 7). */
  encryptedBlocks: number;
  /** Status bits spelled out (application busy/error/alarm, power low, permanent/temporary error). */
  statusFlags: string[];
}

/** One data record (DIB + VIB + data). */
export interface DataRecord {
  /** Byte offset of the DIF within the whole frame. */
  offset: number;
  /** DIF and DIFEs as sent (hex). */
  dif: string;
  /** The whole VIB as sent (hex): VIF, VIFEs and any plain-text unit bytes. */
  vif: string;
  function: ReadingFunction;
  storage: number;
  tariff: number;
  subunit: number;
  quantity: Quantity;
  /** Human description of the VIF (English), e.g. "Energy", "Volume", "Fabrication number". */
  description: string;
  unit: CanonicalUnit;
  /** Value in `unit`: a number (identifiers too; their digits are in raw), text for dates, LVAR texts and long binaries; null when no data. */
  value: number | string | null;
  raw: RawValue;
  /** Combinable VIFE meanings, e.g. "per-hour", "accumulation-positive", "limit-value". */
  qualifiers?: string[];
  /** Plain-text unit from VIF 0x7C/0xFC. */
  textUnit?: string;
  flags?: string[];
}

export interface FrameInfo {
  type: 'ack' | 'short' | 'control' | 'long';
  /** From the control field's PRM bit: requests and SND_UD are master-to-slave. */
  direction: 'master-to-slave' | 'slave-to-master';
  control: number;
  address: number;
  ci: number;
  /** Bytes of the whole frame. */
  length: number;
}

export interface DecodedTelegram {
  frame: FrameInfo;
  /** Null for CI 0x78 (no header). */
  header: TelegramHeader | null;
  records: DataRecord[];
  /** DIF 0x0F/0x1F manufacturer-specific data to the end of the frame (hex), if any. */
  manufacturerData?: string;
  /** The last record was DIF 0x1F: the master must request the next telegram. */
  moreRecordsFollow: boolean;
  /** Non-fatal observations (unknown codes kept raw, lenient BCD, …). */
  warnings: string[];
}
