/**
 * The read requests for a device map: per function (input/holding), the registers sorted by
 * address and merged into as few requests as possible — contiguous (or within the map's
 * `maxGap`) and at most `maxRegisters` (≤ 125) per request — then the registers' bytes cut back
 * out of the responses.
 */
import type { DeviceMap, RegisterDef, RegisterFunction } from './device-map';
import { registerCount } from './register-codec';

export interface ReadRequest {
  function: RegisterFunction;
  address: number;
  count: number;
  registers: RegisterDef[];
}

/** A request's answer: the register bytes as sent, 2 per register. */
export interface ReadResponse {
  request: ReadRequest;
  bytes: Uint8Array;
}

export function planReads(map: DeviceMap): ReadRequest[] {
  const requests: ReadRequest[] = [];
  for (const fn of ['holding', 'input'] as const) {
    const sorted = map.registers.filter((r) => r.function === fn).sort((a, b) => a.address - b.address);
    let current: ReadRequest | undefined;
    for (const r of sorted) {
      const end = r.address + registerCount(r.type);
      const currentEnd = current ? current.address + current.count : 0;
      if (current && r.address - currentEnd <= map.maxGap && Math.max(end, currentEnd) - current.address <= map.maxRegisters) {
        current.count = Math.max(end, currentEnd) - current.address;
        current.registers.push(r);
      } else {
        current = { function: fn, address: r.address, count: end - r.address, registers: [r] };
        requests.push(current);
      }
    }
  }
  return requests;
}

/** The bytes of one register within its request's response. */
export function registerBytes(response: ReadResponse, r: RegisterDef): Uint8Array {
  const from = (r.address - response.request.address) * 2;
  return response.bytes.subarray(from, from + registerCount(r.type) * 2);
}

/** "input registers 0x0048–0x004B" for errors and logs. */
export function describeRequest(request: ReadRequest): string {
  const hex = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
  const names = request.registers.map((r) => r.name).join(', ');
  return `${request.function} registers ${hex(request.address)}–${hex(request.address + request.count - 1)} (${names})`;
}
