/**
 * `imd lon`: LonWorks tools. `imd lon decode --type <SNVT_name> <hex>` decodes one network
 * variable value and prints {"type":…,"value":…,"unit":…} (value in the hub's canonical unit;
 * "flags" added only when the value is invalid or out of range); `--list` prints the SNVTs.
 */
import { SNVT_TABLE, decodeSnvt, snvtDefinition } from '../../adapters/protocols/lonworks';
import { ConfigError, DecodeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { ExitCode, type Command, type CommandIO } from '../command';
import { parseArguments } from '../parse-arguments';

function listTypes(io: CommandIO): number {
  const lines = SNVT_TABLE.map((d) => {
    const scale = `${d.a === 1 ? '' : `${d.a}×`}10^${d.b}×(raw${d.c === 0 ? '' : d.c > 0 ? `+${d.c}` : d.c})`;
    const scaling = d.encoding === 'f32' ? 'float' : scale;
    const invalid = d.invalid === undefined ? '' : `  invalid 0x${d.invalid.toString(16).toUpperCase()}`;
    return `${d.name.padEnd(18)} ${String(d.index).padStart(3)}  ${d.encoding}  ${scaling.padEnd(18)} ${(d.unit || '-').padEnd(5)}${invalid}`;
  });
  io.stdout.write(`type               idx  enc  scaling            unit\n${lines.join('\n')}\n`);
  return ExitCode.success;
}

export const lon: Command = {
  name: 'lon',
  summary: 'LonWorks: decode an SNVT network variable value (hex) to JSON',
  usage: `Usage: imd lon decode --type <SNVT_name> <hex>
       imd lon decode --list

Decodes the data bytes of one LonWorks network variable (big-endian, as in an NV update) of
the given standard type and prints one JSON object:
  {"type":"SNVT_temp_p","value":21.5,"unit":"C"}
The value is in the hub's canonical unit (kWh, m3, W, m3/h, C, '' for counts, %); an invalid
sentinel gives "value":null and "flags":["invalid-value"], a value outside the type's range
"flags":["out-of-range"]. Type names are case-insensitive; the SNVT_ prefix may be left out.

Options:
  --type <name>  the SNVT, e.g. SNVT_elec_kwh_l, SNVT_vol_kilo, SNVT_temp_p
  --list         print the supported types (index, encoding, scaling, SNVT unit)

Exit status: 0 decoded, 1 bad hex or wrong data length, 2 bad command line or unknown type.`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === '--list') return listTypes(io);
    if (sub !== 'decode') throw new ConfigError(sub === undefined ? 'missing subcommand (decode)' : `unknown subcommand '${sub}'`);
    const { values, positionals } = parseArguments({
      args: rest, options: { type: { type: 'string' }, list: { type: 'boolean' } }, allowPositionals: true,
    });
    if (values.list) return listTypes(io);
    if (values.type === undefined) throw new ConfigError('--type <SNVT_name> is required');
    if (positionals.length === 0) throw new ConfigError('missing the value as hex');
    const def = snvtDefinition(values.type);
    try {
      const v = decodeSnvt(def, fromHex(positionals.join('')));
      const out = { type: v.type, value: v.value, unit: v.unit, ...(v.flags.length > 0 ? { flags: v.flags } : {}) };
      io.stdout.write(`${JSON.stringify(out)}\n`);
      return ExitCode.success;
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      io.stderr.write(`imd lon decode: ${err.message}\n`);
      return ExitCode.failure;
    }
  },
};
