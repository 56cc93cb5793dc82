/**
 * Medium / device type byte (EN 13757-3 table, also used by wireless M-Bus and OMS).
 * Names are kebab-case ids used across the hub.
 */
const MEDIA: Record<number, string> = {
  0x00: 'other', 0x01: 'oil', 0x02: 'electricity', 0x03: 'gas', 0x04: 'heat',
  0x05: 'steam', 0x06: 'warm-water', 0x07: 'water', 0x08: 'heat-cost-allocator',
  0x09: 'compressed-air', 0x0a: 'cooling-outlet', 0x0b: 'cooling-inlet', 0x0c: 'heat-inlet',
  0x0d: 'heat-cooling', 0x0e: 'bus-system-component', 0x0f: 'unknown',
  0x10: 'irrigation-water', 0x11: 'water-data-logger', 0x12: 'gas-data-logger',
  0x13: 'gas-converter', 0x14: 'calorific-value', 0x15: 'hot-water', 0x16: 'cold-water',
  0x17: 'dual-water', 0x18: 'pressure', 0x19: 'ad-converter', 0x1a: 'smoke-detector',
  0x1b: 'room-sensor', 0x1c: 'gas-detector', 0x1d: 'reserved-sensor', 0x1e: 'reserved-sensor',
  0x1f: 'reserved-sensor', 0x20: 'breaker-electricity', 0x21: 'valve-gas-water',
  0x22: 'reserved-switching', 0x23: 'reserved-switching', 0x24: 'reserved-switching',
  0x25: 'customer-unit', 0x26: 'reserved-customer-unit', 0x27: 'reserved-customer-unit',
  0x28: 'waste-water', 0x29: 'garbage', 0x2a: 'carbon-dioxide', 0x2b: 'environmental',
  0x2c: 'reserved', 0x2d: 'reserved', 0x2e: 'reserved', 0x2f: 'reserved',
  0x30: 'system-device', 0x31: 'communication-controller', 0x32: 'unidirectional-repeater',
  0x33: 'bidirectional-repeater', 0x34: 'reserved-system', 0x35: 'reserved-system',
  0x36: 'radio-converter-system', 0x37: 'radio-converter-meter', 0x38: 'wired-adapter',
};

/** Kebab-case name of a medium byte; unknown codes give "reserved-0xNN". */
export function mediumName(code: number): string {
  return MEDIA[code] ?? `reserved-0x${code.toString(16).padStart(2, '0')}`;
}

/** Medium byte of a name (inverse of mediumName), or undefined. */
export function mediumCode(name: string): number | undefined {
  for (const [code, n] of Object.entries(MEDIA)) if (n === name) return Number(code);
  const m = /^reserved-0x([0-9a-f]{2})$/.exec(name);
  return m ? parseInt(m[1]!, 16) : undefined;
}
