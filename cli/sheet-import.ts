/**
 * The command line's side of importing a list file (meter list, tenancy list, swap report)
 * into the system of record: read and check it, apply it all or nothing, and either print
 * what was done (JSON lines, exit 0) or every problem on standard error as
 * "<file>: line <n>, column "<name>": <why>" and change nothing (exit 1).
 */
import { ConfigError } from '../lib/errors';
import { formatLineError, RegistryImportError, type LineError, type ParsedRows, type ReadOptions, type TextEncoding } from '../lib/registry';
import { databasePath, SystemOfRecord } from '../lib/store';
import { ExitCode, type CommandIO } from './command';

const ENCODINGS: readonly TextEncoding[] = ['auto', 'utf-8', 'iso-8859-1'];

/** Runs `fn` on the system of record of the data folder (`--data`, else IMD_DATA, else ./data), closing it after. */
export async function withStore<T>(data: string | undefined, fn: (store: SystemOfRecord) => T | Promise<T>): Promise<T> {
  const store = SystemOfRecord.open(databasePath(data));
  try { return await fn(store); } finally { store.close(); }
}

export interface SheetImport<P extends ParsedRows<unknown>> {
  file: string;
  /** --encoding as given (auto, utf-8, iso-8859-1). */
  encoding: string | undefined;
  data: string | undefined;
  read(file: string, options: ReadOptions): Promise<P>;
  /** Applies the checked list (throwing RegistryImportError when refused); returns the JSON lines to print. */
  apply(store: SystemOfRecord, parsed: P): unknown[];
}

export async function importSheet<P extends ParsedRows<unknown>>(o: SheetImport<P>, io: CommandIO): Promise<number> {
  if (o.encoding !== undefined && !ENCODINGS.includes(o.encoding as TextEncoding)) throw new ConfigError(`--encoding must be one of ${ENCODINGS.join(', ')}`);
  let parsed: P;
  try {
    parsed = await o.read(o.file, { encoding: (o.encoding ?? 'auto') as TextEncoding });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.stderr.write(`${o.file}: ${err.message}; nothing imported\n`); // unreadable file: an input failure, not a usage error
    return ExitCode.failure;
  }
  const errors: LineError[] = parsed.errors.length > 0 ? parsed.errors : await withStore(o.data, (store) => {
    try {
      for (const line of o.apply(store, parsed)) io.stdout.write(`${JSON.stringify(line)}\n`);
      return [];
    } catch (err) {
      if (err instanceof RegistryImportError) return err.errors;
      throw err;
    }
  });
  for (const e of errors) io.stderr.write(`${o.file}: ${formatLineError(e)}\n`);
  if (errors.length > 0) io.stderr.write(`${o.file}: ${errors.length} problem(s); nothing imported\n`);
  return errors.length > 0 ? ExitCode.failure : ExitCode.success;
}
