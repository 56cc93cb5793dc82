/**
 * The device list of a simulated bus as the acceptance scripts compare it with a scan: one
 * object per slave, in the shape of `imd scan` output plus where the device sits and what is
 * wrong with it. Identities are those at the bus's current simulated time (after a meter swap:
 * the new meter).
 */
import { secondaryAddressHex } from '../adapters/protocols/mbus/app/master-telegrams';
import { mediumName } from '../adapters/protocols/mbus/app/medium';
import type { FoundDevice } from '../adapters/protocols/mbus/master/probe';
import type { SimulatedBus } from './bus';
import type { DeviceKind, FaultKind } from './faults';

/** What a scan finds about a device (`imd scan` shape), plus where it sits and what is wrong with it. */
export interface DeviceDescription extends Omit<FoundDevice, 'frame'> {
  apartment: number;
  kind: DeviceKind;
  faults: FaultKind[];
}

export function describeDevices(bus: SimulatedBus): DeviceDescription[] {
  const now = bus.building.clock();
  return bus.slaves.map((slave) => {
    const meter = slave.meter;
    const identity = meter.identityAt(now);
    return {
      secondaryAddress: secondaryAddressHex(identity),
      id: identity.id,
      manufacturer: identity.manufacturer,
      version: identity.version,
      medium: mediumName(identity.medium),
      mediumCode: identity.medium,
      primaryAddress: slave.primaryAddress,
      apartment: meter.spec.apartment,
      kind: meter.spec.kind,
      faults: [...meter.spec.faults],
    };
  });
}
