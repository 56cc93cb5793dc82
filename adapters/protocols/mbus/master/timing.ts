/**
 * Reply timing of EN 13757-2: a slave starts its answer within 11 bit times and at the latest
 * 330 bit times + 50 ms after the request's last stop bit. The master waits that long plus a
 * margin for the path in between: a local converter needs little (USB latency, ~50 ms), a TCP
 * gateway more (network and the gateway's own buffering, default +500 ms; libmbus waits 4 s
 * over TCP). Once bytes arrive, the same window restarts with every chunk, so a 261-byte frame
 * at 300 Bd (~9.6 s on the wire) is never cut short.
 */

/** Bits per character on M-Bus: start, 8 data, even parity, stop. */
export const BITS_PER_CHARACTER = 11;
/** Default extra wait for a TCP gateway. */
export const TCP_MARGIN_MS = 500;
/** Default extra wait for a local serial port. */
export const SERIAL_MARGIN_MS = 50;

/** (330 bit times + 50 ms) at `baudRate`, plus `marginMs`, rounded up to whole milliseconds. */
export function responseTimeoutMs(baudRate: number, marginMs: number): number {
  return Math.ceil((330 * 1000) / baudRate + 50 + marginMs);
}

/** Time `bytes` characters take on the wire at `baudRate`. */
export function wireTimeMs(bytes: number, baudRate: number): number {
  return (bytes * BITS_PER_CHARACTER * 1000) / baudRate;
}
