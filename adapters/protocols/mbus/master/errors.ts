/**
 * Typed failures of the M-Bus master. Every message names the bus (the transport's
 * description) and the meter (primary address or secondary address), e.g.
 * "tcp 10.0.0.5:10001, meter 12345678A511FF07: no answer (3 attempts)".
 */

export type MasterErrorCode =
  /** Nothing at all came back, after every retry. */
  | 'no-answer'
  /** A reply started but did not complete in time. */
  | 'timeout'
  /** Bytes came back that are not a valid frame, or not the frame expected. */
  | 'invalid-frame'
  /** Several slaves answered at once (overlapping or garbled replies). */
  | 'collision'
  /** The transport could not be opened or failed mid-transaction. */
  | 'connection'
  /** More telegrams announced than the configured cap. */
  | 'too-many-telegrams'
  /** The operation was aborted (close, caller's signal). */
  | 'aborted';

export class MBusMasterError extends Error {
  override readonly name = 'MBusMasterError';
  /** Lets the CLI report it as an input/output failure (exit 1), like a system error. */
  readonly syscall = 'mbus';

  constructor(readonly code: MasterErrorCode, readonly bus: string, readonly meter: string | undefined, detail: string) {
    super(`${bus}${meter === undefined ? '' : `, meter ${meter}`}: ${detail}`);
  }
}
