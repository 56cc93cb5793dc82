/**
 * Reading one meter: the device map's requests (read-plan.ts) over a bus, in one bus
 * transaction, decoded into canonical readings. Failures are ModbusErrors naming the model,
 * the unit, the meter, the bus and the registers.
 */
import type { Reading } from '../../../lib/reading';
import type { DeviceMap } from './device-map';
import { deviceReadings, type MeterConfig } from './device-readings';
import type { ModbusBus } from './modbus-bus';
import { toModbusError } from './modbus-errors';
import { describeRequest, planReads, type ReadResponse } from './read-plan';

export interface MeterReadout {
  map: DeviceMap;
  /** Modbus unit id (slave address) 0–247; TCP devices often answer 1 or 255. */
  unit: number;
  meter: MeterConfig;
}

export async function readMeter(bus: ModbusBus, readout: MeterReadout, now: () => Date = () => new Date()): Promise<Reading[]> {
  const { map, unit, meter } = readout;
  const requests = planReads(map);
  const who = `${map.id} unit ${unit} (meter ${meter.id}) on ${bus.description}`;
  let current = requests[0]!;
  try {
    const responses = await bus.transaction(async (read) => {
      const out: ReadResponse[] = [];
      for (const request of requests) {
        current = request;
        const bytes = await read(unit, request.function, request.address, request.count);
        if (bytes.length !== request.count * 2) throw new Error(`answer has ${bytes.length} bytes, expected ${request.count * 2}`);
        out.push({ request, bytes });
      }
      return out;
    }, requests.length);
    return deviceReadings(map, meter, responses, { receivedAt: now(), via: `${bus.description} unit ${unit}` });
  } catch (err) {
    throw toModbusError(err, `${who}: ${describeRequest(current)}`);
  }
}
