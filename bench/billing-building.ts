/**
 * The billing benchmark's building, written straight into a system-of-record file with
 * prepared statements (setup, not timed): one property, `apartments` apartments with cold water
 * (kitchen, bathroom), hot water and electricity, a tenancy each, readings at both month
 * boundaries (every tenth register off the hour, so the month end is interpolated), a move-out
 * and move-in in 1 % of the apartments and a mid-month meter swap in 0.5 %.
 */
import { SystemOfRecord } from '../lib/store';
import { Tariffs } from '../lib/billing';
import { TARIFF } from '../test/billing/fixture-building';

export const BENCH_PROPERTY = 'Bänken 1';
export const START = Date.parse('2026-09-30T22:00:00Z');
export const END = Date.parse('2026-10-31T23:00:00Z');
const POINTS = [['cold-water', 'kitchen', 'volume', 'm3'], ['cold-water', 'bathroom', 'volume', 'm3'], ['hot-water', '', 'volume', 'm3'], ['electricity', '', 'energy', 'kWh']] as const;

export function buildBenchBuilding(file: string, apartments: number): { meters: number; readings: number } {
  const store = SystemOfRecord.open(file);
  const db = store.db;
  let meters = 0;
  let readings = 0;
  store.transaction(() => {
    db.prepare('INSERT INTO properties (designation) VALUES (?)').run(BENCH_PROPERTY);
    const building = db.prepare('INSERT INTO buildings (property_id, name) VALUES (1, ?)');
    const apartment = db.prepare('INSERT INTO apartments (building_id, object_id, number, living_area_m2) VALUES (?, ?, ?, ?)');
    const point = db.prepare('INSERT INTO metering_points (apartment_id, medium, placement) VALUES (?, ?, ?)');
    const meter = db.prepare('INSERT INTO meters (serial, manufacturer, medium, metering_point_id, removed_at) VALUES (?, ?, ?, ?, ?)');
    const register = db.prepare(`INSERT INTO registers (meter_id, quantity, storage, tariff, subunit, function) VALUES (?, ?, 0, 0, 0, 'instantaneous')`);
    const reading = db.prepare(`INSERT INTO readings (register_id, at, mantissa, exponent, raw_unit, encoding, raw_bytes, value, unit, frame, received_at)
      VALUES (?, ?, ?, -3, ?, 'bcd', '', ?, ?, '0', ?)`);
    const tenancy = db.prepare('INSERT INTO tenancies (apartment_id, contract_id, move_in, move_out) VALUES (?, ?, ?, ?)');
    const swap = db.prepare(`INSERT INTO meter_replacements (metering_point_id, old_meter_id, new_meter_id, replaced_at, quantity, unit, old_final, new_start)
      VALUES (?, ?, ?, ?, ?, ?, ?, '0.000')`);
    const read = (registerId: number, at: number, milli: number, unit: string) => {
      reading.run(registerId, at, String(milli), unit, milli / 1000, unit, at);
      readings++;
    };
    for (let a = 0; a < apartments; a++) {
      if (a % 1000 === 0) building.run(`Hus ${a / 1000 + 1}`);
      const apartmentId = Number(apartment.run(Math.floor(a / 1000) + 1, `B-${a}`, String(1000 + (a % 1000)), String(40 + (a % 60))).lastInsertRowid);
      const moves = a % 100 === 7;
      tenancy.run(apartmentId, `K-${a}`, '2020-01-01', moves ? '2026-10-15' : null);
      if (moves) tenancy.run(apartmentId, `K-${a}-2`, '2026-10-16', null);
      POINTS.forEach(([medium, placement, quantity, unit], k) => {
        const pointId = Number(point.run(apartmentId, medium, placement).lastInsertRowid);
        const serial = String(10_000_000 + a * 4 + k);
        const swapped = a % 200 === 3 && k === 0;
        const meterId = Number(meter.run(serial, 'BEN', medium, pointId, swapped ? START + 10 * 86_400_000 : null).lastInsertRowid);
        const registerId = Number(register.run(meterId, quantity).lastInsertRowid);
        meters++;
        const base = 100_000 + a * 10 + k;
        const offHour = (a + k) % 10 === 0 ? 1_800_000 : 0;
        read(registerId, START, base, unit);
        if (moves) read(registerId, Date.parse('2026-10-15T22:00:00Z'), base + 2000, unit);
        if (!swapped) {
          read(registerId, END - offHour, base + 4000 + k * 500, unit);
          if (offHour) read(registerId, END + offHour, base + 4100 + k * 500, unit);
          return;
        }
        const newId = Number(meter.run(`${serial}9`, 'BEN', medium, pointId, null).lastInsertRowid);
        swap.run(pointId, meterId, newId, START + 10 * 86_400_000, quantity, unit, ((base + 1500) / 1000).toFixed(3));
        read(Number(register.run(newId, quantity).lastInsertRowid), END, 2500, unit);
        meters++;
      });
    }
    new Tariffs(db).set(BENCH_PROPERTY, '2026-07-01', TARIFF);
  });
  store.close();
  return { meters, readings };
}
