/**
 * Modbus failures as clear errors: exception responses by name (Modbus Application Protocol
 * §7), timeouts and connection failures — always naming the bus, the device and the registers.
 */

export type ModbusErrorCode = 'exception' | 'timeout' | 'connection';

const EXCEPTIONS: Record<number, string> = {
  0x01: 'illegal function', 0x02: 'illegal data address', 0x03: 'illegal data value', 0x04: 'slave device failure',
  0x05: 'acknowledge', 0x06: 'slave device busy', 0x08: 'memory parity error',
  0x0a: 'gateway path unavailable', 0x0b: 'gateway target device failed to respond',
};

export class ModbusError extends Error {
  override readonly name = 'ModbusError';
  constructor(message: string, readonly code: ModbusErrorCode, readonly exceptionCode?: number) {
    super(message);
  }
}

/** "exception 02 illegal data address". */
export function exceptionText(code: number): string {
  return `exception ${code.toString(16).toUpperCase().padStart(2, '0')} ${EXCEPTIONS[code] ?? 'unknown exception'}`;
}

/** A modbus-serial (or socket) failure as a ModbusError; `where` says what was being read. */
export function toModbusError(err: unknown, where: string): ModbusError {
  if (err instanceof ModbusError) return new ModbusError(`${where}: ${err.message}`, err.code, err.exceptionCode);
  const e = err as { modbusCode?: number; errno?: string; code?: string; message?: string; name?: string };
  if (typeof e?.modbusCode === 'number') return new ModbusError(`${where}: ${exceptionText(e.modbusCode)}`, 'exception', e.modbusCode);
  if (e?.errno === 'ETIMEDOUT' || e?.name === 'QueueTimeoutError' || /timed out/i.test(e?.message ?? '')) {
    return new ModbusError(`${where}: no response (timeout)`, 'timeout');
  }
  return new ModbusError(`${where}: ${e?.message ?? String(err)}`, 'connection');
}
