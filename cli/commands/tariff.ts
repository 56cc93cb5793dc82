/**
 * `imd tariff set|show`: a property's dated tariffs (price lists) in the system of record —
 * set one from a day from a JSON file (schema: lib/billing/README.md), show them with the
 * prices they give per medium (hot water by the 1.161 × ΔT formula, electricity with its parts).
 */
import { plain, Tariffs, unitPrices, type Tariff } from '../../lib/billing';
import { readJsonFile } from '../../lib/config-file';
import { ConfigError, describeError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';

const shown = (t: Tariff) => ({
  ...t, prices: unitPrices(t.document).map((u) => ({ medium: u.medium, quantity: u.quantity, unit: u.unit, priceExclVat: plain(u.price), chargeCode: u.chargeCode })),
});

export const tariff: Command = {
  name: 'tariff',
  summary: 'set or show the dated tariffs (price lists) of a property',
  usage: `Usage: imd tariff set --data <dir> --property <id> --from <YYYY-MM-DD> --file <tariff.json>
       imd tariff show --data <dir> --property <id> [--on <YYYY-MM-DD>]

set   stores the tariff in force from that day (the same day again replaces it); prints it.
show  prints every tariff of the property, or with --on the one in force that day, each with
      the unit prices it gives (kr per m³ / kWh; "priceExclVat" unless pricesIncludeVat).
A month is billed with the tariff in force on its first day. Schema: lib/billing/README.md.

Exit status: 0, 1 an unreadable or invalid tariff file / no tariff in force, 2 bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: {
      data: { type: 'string' }, property: { type: 'string' }, from: { type: 'string' }, file: { type: 'string' }, on: { type: 'string' },
    } });
    const [action] = positionals;
    if (action !== 'set' && action !== 'show') throw new ConfigError('say "set" or "show"');
    if (!values.property) throw new ConfigError('--property is required');
    if (action === 'set' && (!values.from || !values.file)) throw new ConfigError('tariff set needs --from and --file');
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      const tariffs = new Tariffs(store.db);
      if (action === 'set') {
        const document = readJsonFile(values.file!, 'tariff', 'lib/billing/README.md');
        io.stdout.write(`${JSON.stringify(shown(tariffs.set(values.property, values.from!, document)), null, 2)}\n`);
      } else {
        const list = values.on ? [tariffs.inForce(values.property, values.on)] : tariffs.list(values.property);
        io.stdout.write(`${JSON.stringify({ property: values.property, tariffs: list.map(shown) }, null, 2)}\n`);
      }
      return ExitCode.success;
    } catch (err) {
      io.stderr.write(`imd tariff: ${describeError(err)}\n`);
      return ExitCode.failure;
    } finally {
      store.close();
    }
  },
};
