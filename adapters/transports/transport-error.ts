/**
 * Errors of byte transports: they name the transport ("tcp 127.0.0.1:5000: connection
 * refused", "serial /dev/ttyUSB0 2400 8E1: no such port") and never carry secrets. `code` is a
 * short machine-readable reason; `syscall` is kept from system errors so the CLI reports them
 * as input/output failures (exit 1), not as bugs.
 */

export type TransportErrorCode =
  | 'refused' | 'connect-timeout' | 'not-found' | 'unreachable' | 'reset' | 'closed' | 'not-open' | 'io';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly syscall: string;

  constructor(readonly transport: string, message: string, readonly code: TransportErrorCode, syscall = 'transport') {
    super(`${transport}: ${message}`);
    this.syscall = syscall;
  }
}

const SYSTEM_REASONS: Record<string, [string, TransportErrorCode]> = {
  ECONNREFUSED: ['connection refused', 'refused'],
  ETIMEDOUT: ['connect timeout', 'connect-timeout'],
  ENOTFOUND: ['host not found', 'not-found'],
  EAI_AGAIN: ['host not found (DNS lookup failed)', 'not-found'],
  EHOSTUNREACH: ['host unreachable', 'unreachable'],
  ENETUNREACH: ['network unreachable', 'unreachable'],
  ECONNRESET: ['connection reset by peer', 'reset'],
  EPIPE: ['connection closed by peer', 'reset'],
  ENOENT: ['no such port', 'not-found'],
  EACCES: ['permission denied', 'io'],
  EBUSY: ['port busy (opened by another program)', 'io'],
};

/** A TransportError for anything a socket or port threw, with a short human reason. */
export function transportError(transport: string, err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const sys = err as NodeJS.ErrnoException;
  const known = typeof sys?.code === 'string' ? SYSTEM_REASONS[sys.code] : undefined;
  if (known) return new TransportError(transport, known[0], known[1], sys.syscall ?? 'transport');
  const message = err instanceof Error ? err.message : String(err);
  return new TransportError(transport, /cannot lock port/i.test(message) ? 'port busy (opened by another program)' : message, 'io');
}
