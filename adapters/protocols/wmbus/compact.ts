/**
 * Compact frames (OMS, CI 0x79; 0x7B / 0x73 with a short / long TPL header): format signature
 * (2 bytes LE) ‖ full-frame CRC (2 bytes LE) ‖ the data fields only. The signature is the
 * CRC-16/EN-13757 of the DIF/DIFE/VIF/VIFE bytes of the equivalent full frame, the full-frame CRC
 * that of its whole data (records with data). `CompactFormats` remembers the format of every
 * full frame decoded, per meter type (manufacturer, version, device type), so later compact
 * frames of that type can be expanded; definitions may add known formats up front.
 */
import type { DataRecord } from '../mbus/app/types';
import { crc16 } from './link/crc';

const MAX_FORMATS = 10_000;
/** DIF data field → data length (0x0D variable: its first data byte; 0x08, 0x0F: none). */
const DATA_LENGTHS = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, 0];

export class CompactFormats {
  private readonly formats = new Map<string, Uint8Array>();

  /** Adds the DIF/VIF sequence `format` for meters of this manufacturer, version and device type. */
  add(mvt: string, format: Uint8Array): number {
    const signature = crc16(format);
    if (this.formats.size >= MAX_FORMATS) this.formats.clear();
    this.formats.set(`${mvt}:${signature}`, format);
    return signature;
  }

  get(mvt: string, signature: number): Uint8Array | undefined {
    return this.formats.get(`${mvt}:${signature}`);
  }

  /** Remembers the format of a full frame's records (DIF/VIF bytes at their offsets in `b`). */
  learn(mvt: string, b: Uint8Array, records: readonly DataRecord[]): void {
    if (records.length === 0) return;
    let length = 0;
    for (const r of records) length += (r.dif.length + r.vif.length) >> 1;
    const format = new Uint8Array(length);
    let n = 0;
    for (const r of records) {
      const size = (r.dif.length + r.vif.length) >> 1;
      format.set(b.subarray(r.offset, r.offset + size), n);
      n += size;
    }
    if (this.get(mvt, crc16(format)) === undefined) this.add(mvt, format);
  }
}

export interface ExpandedCompact {
  /** The equivalent full data (DIF/VIF + data per record). */
  bytes: Uint8Array;
  /** Per record: where its data starts in the compact telegram. */
  dataAt: number[];
  /** False when the expanded data's CRC differs from the full-frame CRC sent. */
  crcOk: boolean;
}

/** Interleaves `format` with the data of b[at, end); null when the data does not fit the format. */
export function expandCompact(format: Uint8Array, b: Uint8Array, at: number, end: number, fullCrc: number): ExpandedCompact | null {
  const out: number[] = [];
  const dataAt: number[] = [];
  let f = 0, d = at;
  while (f < format.length) {
    const start = f;
    const dif = format[f++]!;
    while (format[f - 1]! & 0x80 && f < format.length) f++;
    do f++; while (format[f - 1]! & 0x80 && f < format.length);
    let size = DATA_LENGTHS[dif & 0x0f]!;
    if (size < 0) {
      if (d >= end || b[d]! > 0xbf) return null;
      size = b[d]! + 1;
    }
    if (d + size > end) return null;
    for (let i = start; i < f; i++) out.push(format[i]!);
    dataAt.push(d);
    for (let i = 0; i < size; i++) out.push(b[d + i]!);
    d += size;
  }
  const bytes = Uint8Array.from(out);
  return { bytes, dataAt, crcOk: crc16(bytes) === fullCrc };
}
