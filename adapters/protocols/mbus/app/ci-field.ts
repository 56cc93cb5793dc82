/**
 * The CI (control information) field: what follows the link-layer header (EN 13757-3 Table 2,
 * EN 13757-4 / OMS for the wireless-only codes), and the application error codes of CI 0x70.
 */

export const CI = {
  APPLICATION_RESET: 0x50,
  DATA_SEND: 0x51,
  SELECTION: 0x52,
  SELECTION_MSB: 0x56,
  APPLICATION_ERROR: 0x70,
  ALARM: 0x71,
  RSP_LONG_HEADER: 0x72,
  RSP_FIXED: 0x73,
  RSP_MSB_LONG_HEADER: 0x76,
  RSP_FIXED_MSB: 0x77,
  RSP_NO_HEADER: 0x78,
  RSP_SHORT_HEADER: 0x7a,
} as const;

const NAMES: Record<number, string> = {
  0x50: 'application reset', 0x51: 'data send', 0x52: 'selection of slaves', 0x53: 'application reset (long)',
  0x54: 'request of selected application', 0x56: 'selection of slaves, MSB first', 0x5a: 'command to device, short header',
  0x5b: 'command to device, long header', 0x5c: 'synchronize action',
  0x69: 'compact frame format', 0x6a: 'compact frame format (short header)', 0x6b: 'compact frame format (long header)',
  0x6c: 'time synchronisation', 0x6d: 'time synchronisation', 0x6e: 'application error, short header',
  0x6f: 'application error, long header', 0x70: 'application error', 0x71: 'alarm', 0x72: 'response, long header',
  0x73: 'fixed data structure', 0x74: 'alarm, short header', 0x75: 'alarm, long header', 0x76: 'response, long header, MSB first',
  0x77: 'fixed data structure, MSB first', 0x78: 'response, no header', 0x79: 'compact data, no header',
  0x7a: 'response, short header', 0x7b: 'compact data, short header', 0x7c: 'COSEM data, long header',
  0x7d: 'COSEM data, short header', 0x7e: 'OBIS data, long header', 0x7f: 'OBIS data, short header',
  0x80: 'transport layer to device', 0x81: 'network layer', 0x8a: 'transport layer from device, short header',
  0x8b: 'transport layer from device, long header', 0x8c: 'extended link layer I', 0x8d: 'extended link layer II',
  0x8e: 'extended link layer III', 0x8f: 'extended link layer IV', 0x86: 'extended link layer V',
  0x90: 'authentication and fragmentation layer',
};

/** Name of a CI code, e.g. "response, long header"; baud-rate switches and reserved codes too. */
export function ciName(ci: number): string {
  if (ci >= 0xb8 && ci <= 0xbf) return `set baud rate to ${BAUD_RATES[ci - 0xb8]}`;
  if (ci >= 0xa0 && ci <= 0xb7) return 'manufacturer specific';
  return NAMES[ci] ?? 'reserved';
}

/** Baud rates of the switch codes 0xB8–0xBF. */
export const BAUD_RATES = [300, 600, 1200, 2400, 4800, 9600, 19200, 38400] as const;

const APPLICATION_ERRORS = ['Unspecified error', 'Unimplemented CI-Field', 'Buffer too long, truncated',
  'Too many records', 'Premature end of record', 'More than 10 DIFEs', 'More than 10 VIFEs', 'Reserved',
  'Application busy', 'Too many readouts'];

/** Text of a CI 0x70 application error code (EN 13757-3 Table 24). */
export function applicationErrorText(code: number): string {
  return APPLICATION_ERRORS[code] ?? 'Reserved';
}
