/**
 * Errors that say what failed, where (byte offset, line, field) and why. Bad input never
 * changes state and never crashes the runtime: codecs throw these, callers report them.
 */

/** A telegram or byte stream that cannot be decoded. `offset` is the byte where it went wrong. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(message: string, readonly offset: number, readonly code: string = 'malformed') {
    super(message);
  }
}

/** Invalid configuration or arguments (flow config, CLI options, definition files). */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Turns anything thrown into a one-line message without leaking stack traces to users. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
