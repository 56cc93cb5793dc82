/**
 * Where each registered meter is (property, building, apartment number), by meter serial and
 * manufacturer, for sinks that tag readings with it (InfluxDB). Read from the system of record
 * on first use and again at most every `refreshMs`, so meters registered later are picked up;
 * a meter that is not registered has no placement. Opens the database lazily and read-only in
 * effect (it only queries).
 */
import type { MeterIdentity } from '../reading';
import { SystemOfRecord } from './system-of-record';

export interface Placement { property: string; building: string; apartment: string }

export class PlacementIndex {
  private store: SystemOfRecord | undefined;
  private bySerial = new Map<string, Placement>();
  private loadedAt = -Infinity;

  constructor(private readonly file: string, private readonly refreshMs = 60_000, private readonly now: () => number = Date.now) {}

  /** The meter's placement, or undefined when the registry does not know it (a registry row without a manufacturer matches any). */
  placementOf(meter: MeterIdentity): Placement | undefined {
    if (this.now() - this.loadedAt >= this.refreshMs) this.reload();
    return this.bySerial.get(key(meter.id, meter.manufacturer)) ?? this.bySerial.get(key(meter.id, ''));
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }

  private reload(): void {
    this.store ??= SystemOfRecord.open(this.file);
    const next = new Map<string, Placement>();
    for (const p of this.store.registry.placedMeters()) {
      const placement = { property: p.property, building: p.building, apartment: p.apartment };
      next.set(key(p.meter.serial, p.meter.manufacturer ?? ''), placement);
    }
    this.bySerial = next;
    this.loadedAt = this.now();
  }
}

function key(serial: string, manufacturer: string): string {
  return `${serial}\u0000${manufacturer}`;
}
