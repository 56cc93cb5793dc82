/**
 * The `imd` command line: finds the subcommand in the registry (cli/commands/index.ts), answers
 * --help and --version, and turns failures into exit codes (cli/command.ts ExitCode). Users
 * never see a stack trace: usage errors print the message and the usage, input/output failures
 * and internal errors print one line.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Writable } from 'node:stream';
import { ConfigError, describeError } from '../lib/errors';
import { ExitCode, type Command, type CommandIO } from './command';
import * as registered from './commands';
import { overviewHelp } from './help';

const registeredCommands: readonly Command[] = Object.values(registered);

/** Runs one `imd` invocation (`argv` without node and script) and resolves to its exit code. */
export async function main(argv: readonly string[], io: CommandIO, commands = registeredCommands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return usageError(io, 'imd: missing command', overviewHelp(commands));
  if (first === '--help' || first === '-h') return print(io.stdout, overviewHelp(commands));
  if (first === '--version') return print(io.stdout, packageVersion());
  if (first === 'help') return showHelp(rest[0], io, commands);
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    const what = first.startsWith('-') ? 'option' : 'command';
    return usageError(io, `imd: unknown ${what} '${first}'`, overviewHelp(commands));
  }
  if (asksForHelp(rest)) return print(io.stdout, command.usage);
  try {
    return await command.run(rest, io);
  } catch (err) {
    return reportFailure(err, command, io);
  }
}

/** Runs `imd` as this process: real standard streams, the exit code on the process. */
export function runAsProcess(): void {
  process.stdout.on('error', stopWhenOutputFails);
  const io: CommandIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  void main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
}

function showHelp(name: string | undefined, io: CommandIO, commands: readonly Command[]): number {
  if (name === undefined) return print(io.stdout, overviewHelp(commands));
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) return usageError(io, `imd help: unknown command '${name}'`, overviewHelp(commands));
  return print(io.stdout, command.usage);
}

/** `--help` or `-h` anywhere before a `--` end-of-options marker. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

function reportFailure(err: unknown, command: Command, io: CommandIO): number {
  const prefix = `imd ${command.name}: `;
  if (err instanceof ConfigError) return usageError(io, prefix + err.message, command.usage);
  if (isSystemError(err)) {
    print(io.stderr, prefix + oneLine(err.message));
    return ExitCode.failure;
  }
  print(io.stderr, `${prefix}internal error: ${oneLine(describeError(err))} (please report this as a bug)`);
  return ExitCode.internal;
}

/** Errors from the operating system (file, pipe, socket, serial port) carry the failed syscall. */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

function usageError(io: CommandIO, message: string, usage: string): number {
  print(io.stderr, `${oneLine(message)}\n\n${usage}`);
  return ExitCode.usage;
}

function print(output: Writable, text: string): number {
  output.write(text.endsWith('\n') ? text : `${text}\n`);
  return ExitCode.success;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The reader of our standard output went away (`imd decode … | head`): stop quietly. */
function stopWhenOutputFails(err: NodeJS.ErrnoException): void {
  if (err.code !== 'EPIPE') process.stderr.write(`imd: cannot write output: ${oneLine(err.message)}\n`);
  process.exit(err.code === 'EPIPE' ? process.exitCode : ExitCode.failure);
}

/** The version in package.json (dist/cli/main.js → ../../package.json). */
function packageVersion(): string {
  const manifest = path.resolve(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
