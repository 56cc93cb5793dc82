/**
 * Register dumps (a device map's embedded `test.dump`: block start → hex words) as register
 * images and as the responses the planned requests would get — shared by the device-map
 * runner, the pymodbus meter simulator's configuration and `imd modbus` tests.
 */
import type { DeviceMap, DeviceTest, RegisterFunction } from './device-map';
import { parseAddress } from './device-map';
import { planReads, type ReadResponse } from './read-plan';

/** Address → 16-bit word of one function's dump. */
export function dumpWords(dump: DeviceTest['dump'], fn: RegisterFunction): Map<number, number> {
  const words = new Map<number, number>();
  for (const [start, hex] of Object.entries(dump[fn] ?? {})) {
    const address = parseAddress(`dump ${fn}`, start);
    const values = hex.trim().split(/\s+/).map((w) => parseInt(w, 16));
    values.forEach((w, i) => words.set(address + i, w));
  }
  return words;
}

/** The answers to the map's planned requests from a dump; registers missing from it read 0. */
export function responsesFromDump(map: DeviceMap, dump: DeviceTest['dump']): ReadResponse[] {
  const images = { input: dumpWords(dump, 'input'), holding: dumpWords(dump, 'holding') };
  return planReads(map).map((request) => {
    const bytes = new Uint8Array(request.count * 2);
    for (let i = 0; i < request.count; i++) {
      const w = images[request.function].get(request.address + i) ?? 0;
      bytes[i * 2] = w >> 8;
      bytes[i * 2 + 1] = w & 0xff;
    }
    return { request, bytes };
  });
}
