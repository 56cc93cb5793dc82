/**
 * The overview printed by `imd --help`: what imd is and one line per registered command.
 * A command's own help is its `usage` text.
 */
import type { Command } from './command';

export function overviewHelp(commands: readonly Command[]): string {
  const sorted = [...commands].sort((a, b) => a.name.localeCompare(b.name));
  const width = Math.max(0, ...sorted.map((command) => command.name.length));
  return [
    'Usage: imd <command> [options] [arguments]',
    '',
    'The IMD hub command line: meter telegrams, readings and billing for individual metering.',
    '',
    'Commands:',
    ...sorted.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help     show this help; `imd help <command>` or `imd <command> --help` for one command',
    '  --version  print the version',
  ].join('\n');
}
