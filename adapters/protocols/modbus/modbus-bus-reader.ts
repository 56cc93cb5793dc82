/**
 * BusReader for Modbus meters (lib/collection/bus-reader.ts): the polling scheduler reads a
 * Modbus TCP gateway or an RTU line like an M-Bus gateway, one connection per poll, one meter
 * readout (readMeter) at a time. ModbusError codes map to the scheduler's failure kinds:
 * 'connection' (refused, dropped, port missing) → unreachable; 'timeout' and exception 0B
 * (gateway target device failed to respond) → silent; any other exception → failed.
 */
import { ReadFailure, type BusReader, type ReadFailureKind } from '../../../lib/collection/bus-reader';
import { ModbusBus, type ModbusBusConfig, type ModbusBusOptions } from './modbus-bus';
import { ModbusError } from './modbus-errors';
import { readMeter, type MeterReadout } from './meter-reader';

export interface ModbusGateway {
  bus: ModbusBusConfig;
  options?: ModbusBusOptions;
}

const GATEWAY_TARGET_FAILED = 0x0b;

function failureKind(err: ModbusError): ReadFailureKind {
  if (err.code === 'connection') return 'unreachable';
  if (err.code === 'timeout' || err.exceptionCode === GATEWAY_TARGET_FAILED) return 'silent';
  return 'failed';
}

/** The meter's name in the scheduler's status and events: "abb-b23 unit 3 (7012345)". */
export function meterLabel(readout: MeterReadout): string {
  return `${readout.map.id} unit ${readout.unit} (${readout.meter.id})`;
}

export function modbusBusReader(gateway: ModbusGateway, now?: () => Date): BusReader<MeterReadout> {
  const bus = new ModbusBus(gateway.bus, gateway.options);
  return {
    async open(signal) {
      signal.addEventListener('abort', () => void bus.close(), { once: true });
      try {
        await bus.open();
      } catch (err) {
        throw new ReadFailure('unreachable', `${bus.description}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    async read(readout, signal) {
      signal.throwIfAborted();
      try {
        return await readMeter(bus, readout, now);
      } catch (err) {
        if (!(err instanceof ModbusError)) throw err;
        throw new ReadFailure(failureKind(err), err.message);
      }
    },
    close: () => bus.close(),
  };
}
