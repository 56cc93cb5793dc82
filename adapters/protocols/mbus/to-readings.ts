/**
 * DecodedTelegram → canonical Reading[]: one reading per data record that carries a value, with
 * the meter identity of the header (or of the link layer / registry when the telegram has a
 * short or no header) and a reference to the raw frame.
 */
import type { MeterIdentity, QualityFlag, Reading } from '../../../lib/reading';
import type { DecodedTelegram } from './app/types';

export interface ReadingContext {
  receivedAt: Date;
  /** Reference to the archived raw frame (see lib/frame-ref.ts). */
  frameRef: string;
  /** Gateway, bus or receiver the frame came through. */
  via?: string;
  /** Received signal strength in dBm (radio receivers). */
  rssi?: number;
  /** Identity to use when the telegram's header does not carry one (CI 0x7A/0x78). */
  meter?: MeterIdentity;
  protocol?: string;
}

const UNKNOWN_METER: MeterIdentity = { manufacturer: '', id: '', version: 0, medium: 'unknown', mediumCode: 0x0f };

function identityOf(t: Pick<DecodedTelegram, 'header'>, ctx: ReadingContext): MeterIdentity {
  const h = t.header;
  if (h && h.id !== null) {
    return { manufacturer: h.manufacturer ?? '', id: h.id, version: h.version ?? 0, medium: h.medium ?? 'unknown', mediumCode: h.mediumCode ?? 0x0f };
  }
  return ctx.meter ?? UNKNOWN_METER;
}

export function toReadings(t: Pick<DecodedTelegram, 'header' | 'records'>, ctx: ReadingContext): Reading[] {
  const meter = identityOf(t, ctx);
  const at = ctx.receivedAt.toISOString();
  const telegramFlags: QualityFlag[] = t.header ? t.header.statusFlags : [];
  const readings: Reading[] = [];
  t.records.forEach((r, index) => {
    if (r.raw.encoding === 'none') return;
    const flags = r.flags ? telegramFlags.concat(r.flags) : telegramFlags.slice();
    const reading: Reading = {
      meter, quantity: r.quantity, value: r.value, unit: r.unit, raw: r.raw,
      storage: r.storage, tariff: r.tariff, subunit: r.subunit, function: r.function,
      timestamp: at, receivedAt: at, flags,
      source: { protocol: ctx.protocol ?? 'mbus', frame: ctx.frameRef, record: index, ...(ctx.via ? { via: ctx.via } : {}), ...(ctx.rssi !== undefined ? { rssi: ctx.rssi } : {}) },
    };
    if (r.qualifiers) reading.qualifiers = r.qualifiers;
    readings.push(reading);
  });
  return readings;
}
