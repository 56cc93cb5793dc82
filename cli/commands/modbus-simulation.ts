/**
 * A simulated building as a source of live readings for the BMS map (`imd modbus-serve
 * --simulate`): each room sensor's and hot-water meter's M-Bus telegram at a moment, encoded
 * and decoded by the real M-Bus codec, so the server sees exactly what a collection would give.
 */
import { decodeTelegram, toReadings } from '../../adapters/protocols/mbus';
import { encodeRspUd } from '../../adapters/protocols/mbus/app/encoder';
import type { BmsApartment } from '../../adapters/sinks/bms-modbus';
import { frameRef } from '../../lib/frame-ref';
import type { Reading } from '../../lib/reading';
import { Building, type SimulatedMeter } from '../../simulator';

const SERVED_KINDS = new Set(['room-temperature', 'hot-water']);

export class SimulatedReadings {
  readonly building: Building;
  private readonly meters: SimulatedMeter[];

  constructor(apartments: number, seed: number) {
    this.building = new Building({ apartments, seed });
    this.meters = this.building.meters.filter((m) => SERVED_KINDS.has(m.spec.kind));
  }

  /** The BMS configuration: apartment k's room sensors and hot-water meters. */
  apartments(): BmsApartment[] {
    const list: BmsApartment[] = [];
    for (const m of this.meters) {
      const a = (list[m.spec.apartment - 1] ??= { rooms: [], hotWater: [] });
      (m.spec.kind === 'hot-water' ? a.hotWater : a.rooms).push(m.identityAt(Date.now()).id);
    }
    return list;
  }

  /** Every served meter's readings as of `ms`. */
  at(ms: number): Reading[] {
    return this.meters.flatMap((m) => {
      const frame = encodeRspUd({
        address: m.spec.primaryAddress, header: { type: 'long', ...m.identityAt(ms), accessNumber: 0, status: m.status },
        records: m.telegramsAt(ms).flat(),
      });
      return toReadings(decodeTelegram(frame), { receivedAt: new Date(ms), frameRef: frameRef(frame), via: 'simulator' });
    });
  }
}
