/**
 * The contract of an `imd` subcommand. Each command is one module in cli/commands/ exporting a
 * Command, registered by one line in cli/commands/index.ts. Commands talk only through the
 * streams in CommandIO, so tests run them in-process with in-memory streams.
 */
import type { Readable, Writable } from 'node:stream';

/** Exit codes shared by every command (70 is EX_SOFTWARE from sysexits.h). */
export const ExitCode = {
  /** Everything the command was asked to do succeeded. */
  success: 0,
  /** Some input could not be handled (a telegram that does not decode, an unreachable port). */
  failure: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** A bug in imd: an exception nobody expected. */
  internal: 70,
} as const;

/** The streams a command talks through: process.std* in the real CLI, in-memory in tests. */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export interface Command {
  /** What the user types after `imd` (kebab-case). */
  name: string;
  /** One line for the command list of `imd --help`. */
  summary: string;
  /** Full help starting with "Usage: imd <name> …": shown by `imd help <name>`, `--help` and after usage errors. */
  usage: string;
  /**
   * Runs with the arguments after the command name and resolves to the exit code. Throws
   * ConfigError (lib/errors) for a bad command line; main turns it into exit 2 plus the usage.
   */
  run(args: string[], io: CommandIO): Promise<number>;
}
