/**
 * The records each kind of simulated meter sends, built from a snapshot of its values. Water
 * meters and room sensors answer in one telegram; an electricity meter may split its data over
 * three telegrams (DIF 0x1F "more records follow" ends the first two).
 *
 *   water        0C 13 volume (l, BCD 8) · 4C 13 volume at month end · 42 6C month-end date · 04 6D date/time
 *   electricity  0C 04 energy (10 Wh, BCD 8) · 04 2B power (W) · 04 6D date/time | 8C 10 04 / 8C 20 04 energy
 *                tariff 1 / 2 · 4C 04 energy at month end · 42 6C month-end date | 02 FD 48 voltage (0.1 V) ·
 *                02 FD 59 current (mA)
 *   room sensor  02 65 temperature (0.01 °C) · 02 FB 1A relative humidity (0.1 %) · 04 6D date/time
 */
import type { MeterDate, MeterDateTime, RecordSpec } from '../adapters/protocols/mbus/app/encoder';
import type { RoomClimate } from './climate';
import type { DeviceKind } from './faults';

/** What a meter knows at one moment, in the units it sends. */
export interface MeterValues {
  /** The meter's own clock (local time). */
  clock: MeterDateTime;
  /** Register in the meter's resolution: litres for water, 10 Wh for electricity. */
  register: number;
  /** The register at the last month end and that date. */
  monthEnd: { register: number; date: MeterDate };
  /** Electricity: power (W), the tariff-1 share of the register, voltage (0.1 V). */
  powerW: number;
  tariff1: number;
  voltage: number;
  /** Room sensors. */
  climate: RoomClimate;
}

const VIF_VOLUME_L = 0x13;
const VIF_ENERGY_10WH = 0x04;
const VIF_POWER_W = 0x2b;
const VIF_DATE = 0x6c;
const VIF_DATETIME = 0x6d;
const VIF_EXTERNAL_TEMP_CENTI = 0x65;
const VIB_HUMIDITY_DECI = [0xfb, 0x1a];
const VIB_VOLTAGE_DECI = [0xfd, 0x48];
const VIB_CURRENT_MILLI = [0xfd, 0x59];

const bcd8 = (vif: number, value: number, more: Partial<RecordSpec> = {}): RecordSpec =>
  ({ vif: [vif], data: { type: 'bcd', digits: 8, value }, ...more });
const int = (vif: number[], size: 2 | 4, value: number): RecordSpec =>
  ({ vif, data: { type: 'int', size, value: Math.round(value) } });
const clock = (v: MeterValues): RecordSpec => ({ vif: [VIF_DATETIME], data: { type: 'datetime', ...v.clock } });
const monthEndDate = (v: MeterValues): RecordSpec => ({ storage: 1, vif: [VIF_DATE], data: { type: 'date', ...v.monthEnd.date } });

function water(v: MeterValues): RecordSpec[][] {
  return [[bcd8(VIF_VOLUME_L, v.register), bcd8(VIF_VOLUME_L, v.monthEnd.register, { storage: 1 }), monthEndDate(v), clock(v)]];
}

function electricity(v: MeterValues): RecordSpec[][] {
  return [
    [bcd8(VIF_ENERGY_10WH, v.register), int([VIF_POWER_W], 4, v.powerW), clock(v)],
    [bcd8(VIF_ENERGY_10WH, v.tariff1, { tariff: 1 }), bcd8(VIF_ENERGY_10WH, v.register - v.tariff1, { tariff: 2 }),
      bcd8(VIF_ENERGY_10WH, v.monthEnd.register, { storage: 1 }), monthEndDate(v)],
    [int(VIB_VOLTAGE_DECI, 2, v.voltage), int(VIB_CURRENT_MILLI, 2, (v.powerW / (v.voltage / 10)) * 1000)],
  ];
}

function room(v: MeterValues): RecordSpec[][] {
  return [[int([VIF_EXTERNAL_TEMP_CENTI], 2, v.climate.temperature * 100), int(VIB_HUMIDITY_DECI, 2, v.climate.humidity * 10), clock(v)]];
}

const LAYOUTS: Record<DeviceKind, (v: MeterValues) => RecordSpec[][]> = {
  'cold-water': water, 'hot-water': water, 'electricity': electricity, 'room-temperature': room,
};

/** The telegrams' records, first to last; `multiTelegram` false merges them into one telegram. */
export function telegramRecords(kind: DeviceKind, values: MeterValues, multiTelegram: boolean): RecordSpec[][] {
  const telegrams = LAYOUTS[kind](values);
  return multiTelegram ? telegrams : [telegrams.flat()];
}
