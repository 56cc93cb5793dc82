/**
 * `imd tenancy import|add|end|list`: tenancies (hyreskontrakt) — what billing splits a month
 * on at move-in and move-out — from a rental system's exported list (CSV or .xlsx, all or
 * nothing, re-import updates by contract id) or one at a time, and listed as JSON lines.
 */
import { ConfigError } from '../../lib/errors';
import { dateProblem, importTenancies, readTenancyFile } from '../../lib/registry';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';
import { importSheet, withStore } from '../sheet-import';

/** The option's value, required; a date checked as YYYY-MM-DD. */
function option(values: Record<string, string | undefined>, name: string, date = false): string {
  const text = values[name];
  if (text === undefined || text === '') throw new ConfigError(`--${name} is required`);
  const why = date ? dateProblem(text) : undefined;
  if (why) throw new ConfigError(`--${name}: ${why}`);
  return text;
}

export const tenancy: Command = {
  name: 'tenancy',
  summary: 'import, add, end or list tenancies (move-in / move-out per apartment) that billing splits on',
  usage: `Usage: imd tenancy import <file.csv|file.xlsx> [--encoding auto|utf-8|iso-8859-1] [--data <dir>]
       imd tenancy add --object <id> --contract <id> --move-in <YYYY-MM-DD> [--move-out <YYYY-MM-DD>] [--data <dir>]
       imd tenancy end --contract <id> --move-out <YYYY-MM-DD> [--data <dir>]
       imd tenancy list [--object <id>] [--data <dir>]

import  reads a rental system's tenancy list (columns: Objekt-id/object id, Kontraktsnummer/
        contract id, Inflyttningsdatum/move-in; optional Utflyttningsdatum/move-out — empty while
        the tenancy runs — and Hyresgäst/tenant name; see lib/registry/README.md). Dates are
        YYYY-MM-DD (Excel date cells too). All or nothing: any bad line (unknown object id, two
        contracts of one apartment overlapping, move-out before move-in, a bad date) changes
        nothing, and every problem is printed on standard error as
        "<file>: line <n>, column "<name>": <why>". A contract id already stored is updated
        (a re-export gives it its move-out), so importing the same file again changes nothing;
        contracts the file does not name are kept. Prints
        {"tenancies":<n>,"added":<n>,"updated":<n>,"unchanged":<n>}.
add     records one tenancy (a new contract id); prints it.
end     sets a tenancy's move-out (its last day); prints it.
list    prints every tenancy (or the apartment's) as JSON lines
        {"objectId","contractId","moveIn","moveOut","tenantName"}.
Move-in and move-out are whole days, both inclusive. Leave the tenant's name out unless a
billing export needs it: hourly data per apartment is personal data, the contract id is
enough to bill. The database is <dir>/imd.sqlite; <dir> defaults to IMD_DATA, else ./data.

Exit status: 0 success; 1 refused (bad lines, unknown object id or contract, an overlap) or a
file that cannot be read; 2 bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: {
      data: { type: 'string' }, encoding: { type: 'string' }, object: { type: 'string' }, contract: { type: 'string' },
      'move-in': { type: 'string' }, 'move-out': { type: 'string' },
    } });
    const [action, file, ...extra] = positionals;
    if (extra.length > 0 || (file !== undefined && action !== 'import')) throw new ConfigError(`unexpected argument '${extra[0] ?? file}'`);
    if (action === 'import') {
      if (!file) throw new ConfigError('give the tenancy list to import');
      return importSheet({ file, encoding: values.encoding, data: values.data, read: readTenancyFile, apply: (store, parsed) => [importTenancies(store, parsed)] }, io);
    }
    if (action === 'list') {
      return withStore(values.data, (store) => {
        for (const t of store.tenancies.list(values.object)) io.stdout.write(`${JSON.stringify(t)}\n`);
        return ExitCode.success;
      });
    }
    if (action !== 'add' && action !== 'end') throw new ConfigError(action ? `unknown action '${action}': give import, add, end or list` : 'give import, add, end or list');
    const contractId = option(values, 'contract');
    const moveOut = action === 'end' || values['move-out'] !== undefined ? option(values, 'move-out', true) : undefined;
    const add = action === 'add' ? { objectId: option(values, 'object'), moveIn: option(values, 'move-in', true) } : undefined;
    return withStore(values.data, (store) => {
      try {
        const t = store.transaction(() => {
          if (!add) return store.tenancies.end(contractId, moveOut!);
          store.tenancies.add({ ...add, contractId, moveOut });
          return store.tenancies.byContract(contractId)!;
        });
        io.stdout.write(`${JSON.stringify(t)}\n`);
        return ExitCode.success;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        io.stderr.write(`imd tenancy: ${err.message}\n`);
        return ExitCode.failure;
      }
    });
  },
};
