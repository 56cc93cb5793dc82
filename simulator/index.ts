/**
 * The building simulator's public API (pure TypeScript, no Node-RED): a deterministic building
 * of M-Bus meters (Building), its bus (SimulatedBus), served by a TCP gateway (TcpGateway) and
 * optionally on a pty (PtyBus), and as a wireless M-Bus stream. `startSimulator` wires the
 * usual set in one call; many can run in one process (one per simulated gateway).
 */
import { Building, type BuildingOptions } from './building';
import { SimulatedBus } from './bus';
import { PtyBus } from './pty-bus';
import { TcpGateway, type GatewayOptions } from './tcp-gateway';

export { Building, type BuildingOptions, type PlannedFault } from './building';
export { SimulatedBus } from './bus';
export { BITS_PER_BYTE, DEFAULT_REPLY_DELAY_BITS, replyDelayMs, wireTimeMs, type BusTiming } from './bus-timing';
export { collide } from './collision';
export { describeDevices, type DeviceDescription } from './describe';
export { FAULT_KINDS, FAULT_RULES, parseFaults, type DeviceKind, type FaultKind } from './faults';
export { MBusSlave, selects } from './mbus-slave';
export { SimulatedMeter, type MeterIdentity } from './meter';
export { PtyBus } from './pty-bus';
export type { Clock } from './sim-time';
export { TcpGateway, type GatewayOptions, type WireCounters } from './tcp-gateway';
export { wirelessStream, wirelessTelegram, type WirelessOptions, type WirelessTelegram } from './wmbus-stream';

export interface SimulatorOptions extends BuildingOptions, GatewayOptions {
  /** Also offer the bus on a pty linked at this path (needs socat). */
  pty?: string;
}

export interface Simulator {
  building: Building;
  bus: SimulatedBus;
  gateway: TcpGateway;
  pty: PtyBus | null;
  close(): Promise<void>;
}

/** A building on one bus behind a TCP gateway on 127.0.0.1 (and a pty when asked). */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const building = new Building(options);
  const bus = new SimulatedBus(building);
  const gateway = await TcpGateway.start(bus, options);
  let pty: PtyBus | null = null;
  try {
    if (options.pty !== undefined) pty = await PtyBus.start(options.pty, gateway.port);
  } catch (err) {
    await gateway.close();
    throw err;
  }
  return {
    building, bus, gateway, pty,
    async close() {
      await pty?.close();
      await gateway.close();
    },
  };
}
