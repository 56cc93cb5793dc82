/**
 * Option parsing for commands: node:util parseArgs (strict by default), with its parse errors
 * (unknown option, missing value, unexpected argument) turned into ConfigError, so the user gets
 * exit 2 and the command's usage instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../lib/errors';

export function parseArguments<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    // Node's message is one fact plus, for unknown options, a hint about '--'; keep the fact.
    if (isParseArgsError(err)) throw new ConfigError(err.message.split('. ')[0]!);
    throw err;
  }
}

function isParseArgsError(err: unknown): err is Error {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
