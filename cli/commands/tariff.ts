/**
 * `imd tariff set|show`: a property's dated tariffs (price lists) in the system of record —
 * set one from a day from a JSON file (schema: lib/billing/README.md), show them with the
 * prices they give per medium (hot water by the 1.161 × ΔT formula, electricity with its parts);
 * and the rent-reduction and profitability calculators (tariff-calculators.ts).
 */
import { plain, Tariffs, unitPrices, type Tariff } from '../../lib/billing';
import { readJsonFile } from '../../lib/config-file';
import { ConfigError, describeError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { ExitCode, type Command } from '../command';
import { parseArguments } from '../parse-arguments';
import { profitabilityOf, rentReductionOf } from './tariff-calculators';

const shown = (t: Tariff) => ({
  ...t, prices: unitPrices(t.document).map((u) => ({ medium: u.medium, quantity: u.quantity, unit: u.unit, priceExclVat: plain(u.price), chargeCode: u.chargeCode })),
});

export const tariff: Command = {
  name: 'tariff',
  summary: 'set or show the dated tariffs (price lists) of a property',
  usage: `Usage: imd tariff set --data <dir> --property <id> --from <YYYY-MM-DD> --file <tariff.json>
       imd tariff show --data <dir> --property <id> [--on <YYYY-MM-DD>]
       imd tariff rent-reduction (--data <dir> --property <id> [--on <YYYY-MM-DD>] | --price <kr>) [--medium <m>]
                                 [--normal <use per m² and year> | --normal-per-year <use>] [--area <m²>]
       imd tariff profitability --file <costs.json>

set   stores the tariff in force from that day (the same day again replaces it); prints it.
show  prints every tariff of the property, or with --on the one in force that day, each with
      the unit prices it gives (kr per m³ / kWh; "priceExclVat" unless pricesIncludeVat).
rent-reduction  what the base rent goes down by: normal use × the tenant's price per unit (VAT
      included; from the tariff in force, or --price — the Recommendation says: the locality's
      price). Medium hot-water (default; normal 0.7 m³ per m² and year), cold-water, electricity
      (e.g. --normal-per-year 2000 kWh) or heat. Prints {"medium","price","priceSource",
      "normalPerM2Year"|"normalPerYear","livingArea","perM2Year","perYear","perMonth"} in kr,
      each rounded to öre half away from zero (per year and month need --area, or --normal-per-year).
profitability   the profitability check: {"imdCostPerYear","savingPerYear","resultPerYear","profitable"}
      from {"investment","lifetimeYears","interestRate","maintenancePerYear","administrationPerYear",
      "rentReductionPerYear","mediaCostTodayPerYear","mediaCostWithImdPerYear"} (decimals as text).
A month is billed with the tariff in force on its first day. Schema: lib/billing/README.md.

Exit status: 0, 1 an unreadable or invalid tariff or costs file / no tariff in force, 2 bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({ args, allowPositionals: true, options: {
      data: { type: 'string' }, property: { type: 'string' }, from: { type: 'string' }, file: { type: 'string' }, on: { type: 'string' },
      medium: { type: 'string' }, price: { type: 'string' }, normal: { type: 'string' }, 'normal-per-year': { type: 'string' }, area: { type: 'string' },
    } });
    const [action] = positionals;
    const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    if (action === 'profitability' && !values.file) throw new ConfigError('tariff profitability needs --file <costs.json>');
    const failed = (err: unknown) => { io.stderr.write(`imd tariff: ${describeError(err)}\n`); return ExitCode.failure; };
    if (action === 'profitability') {
      try { print(profitabilityOf(values.file!)); } catch (err) { return failed(err); }
      return ExitCode.success;
    }
    if (action === 'rent-reduction' && values.price !== undefined) {
      print(rentReductionOf(undefined, values));
      return ExitCode.success;
    }
    if (action !== 'set' && action !== 'show' && action !== 'rent-reduction') throw new ConfigError('say "set", "show", "rent-reduction" or "profitability"');
    if (!values.property) throw new ConfigError('--property is required');
    if (action === 'set' && (!values.from || !values.file)) throw new ConfigError('tariff set needs --from and --file');
    const store = SystemOfRecord.open(databasePath(values.data));
    try {
      const tariffs = new Tariffs(store.db);
      if (action === 'rent-reduction') {
        print(rentReductionOf(store.db, values));
      } else if (action === 'set') {
        const document = readJsonFile(values.file!, 'tariff', 'lib/billing/README.md');
        print(shown(tariffs.set(values.property, values.from!, document)));
      } else {
        const list = values.on ? [tariffs.inForce(values.property, values.on)] : tariffs.list(values.property);
        print({ property: values.property, tariffs: list.map(shown) });
      }
      return ExitCode.success;
    } catch (err) {
      return failed(err);
    } finally {
      store.close();
    }
  },
};
