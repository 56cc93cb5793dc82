/**
 * `imd decode`: wired or wireless M-Bus telegrams as hex in, one JSON object per telegram out
 * (NDJSON). The success shape is the adapters' `telegramToJson` (documented in the M-Bus adapter
 * README; `frame` describes the wired or wireless link layer); a failure is
 * {"ok":false,"error":"<what, where, why>","offset":<byte>} plus "header" when the unencrypted
 * header was read (wrong or missing key). Keys come from --key / --keys and are never printed.
 */
import { readFileSync } from 'node:fs';
import { decodeTelegram, telegramToJson } from '../../adapters/protocols/mbus';
import { parseFrame } from '../../adapters/protocols/mbus/link/frame';
import { CompactFormats, KeyStore, decodeWirelessTelegram, type WirelessDecodeOptions } from '../../adapters/protocols/wmbus';
import { ConfigError, DecodeError, describeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { ExitCode, type Command } from '../command';
import { contentLines } from '../input-lines';
import { LineOutput } from '../line-output';
import { parseArguments } from '../parse-arguments';

type TelegramDecoder = (bytes: Uint8Array) => Record<string, unknown>;

const WIRED_STARTS = new Set([0x68, 0x10, 0xe5]);

function isWiredFrame(bytes: Uint8Array): boolean {
  if (!WIRED_STARTS.has(bytes[0]!)) return false;
  try { parseFrame(bytes, 0); return true; } catch { return false; }
}

/** Why the bytes are not a wired frame (the wired link layer's own words). */
function wiredFailure(bytes: Uint8Array): string {
  try { parseFrame(bytes, 0); return 'no error'; } catch (err) { return describeError(err); }
}

function decoders(options: WirelessDecodeOptions): { wired: TelegramDecoder; wireless: TelegramDecoder; auto: TelegramDecoder } {
  const wired: TelegramDecoder = (bytes) => telegramToJson(decodeTelegram(bytes));
  const wireless: TelegramDecoder = (bytes) => telegramToJson(decodeWirelessTelegram(bytes, options));
  /**
   * Wired when it starts 68/10/E5 and passes the wired link checks; else wireless. When neither
   * reads it, a wired-looking start keeps the wired error, anything else names both failures.
   */
  const auto: TelegramDecoder = (bytes) => {
    if (isWiredFrame(bytes)) return wired(bytes);
    try {
      return wireless(bytes);
    } catch (err) {
      if (!(err instanceof DecodeError) || 'header' in err) throw err;
      if (WIRED_STARTS.has(bytes[0]!)) return wired(bytes);
      const asWired = wiredFailure(bytes);
      throw new DecodeError(`neither a wired M-Bus frame (${asWired}) nor a wireless M-Bus telegram (${err.message})`, err.offset, err.code);
    }
  };
  return { wired, wireless, auto };
}

function loadKeys(key: string[] | undefined, files: string[] | undefined): KeyStore {
  const keys = new KeyStore();
  for (const file of files ?? []) {
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (err) { throw new ConfigError(`--keys ${file}: cannot read it (${describeError(err)})`); }
    keys.addFile(text, file);
  }
  for (const k of key ?? []) keys.addAssignment(k);
  return keys;
}

export const decode: Command = {
  name: 'decode',
  summary: 'decode wired or wireless M-Bus telegrams (hex) to JSON, one object per line',
  usage: `Usage: imd decode [--wmbus | --wired] [--key <id>=<hex>]... [--keys <file>] [--pretty] [hex ...]

Decodes M-Bus telegrams given as hex: one telegram per argument or, with no arguments, one per
line on standard input. Spaces, ':' and '-' may separate the bytes; blank lines and lines
starting with '#' are skipped. Wired frames (EN 13757-2: starting 68, 10 or E5 and passing the
wired checks) and wireless telegrams (EN 13757-4 / OMS: "L C M A CI ...", with frame format A
or B CRCs or without) are told apart automatically.

Prints one JSON object per telegram (NDJSON), in input order:
  {"ok":true,"frame":{...},"header":{...},"records":[...]}
  {"ok":false,"error":"<what, where, why>","offset":<byte>[,"header":{...}]}

Options:
  --pretty          indent each object (still one object per telegram)
  --wmbus           the telegrams are wireless M-Bus (no auto-detection)
  --wired           the telegrams are wired M-Bus (no auto-detection)
  --key <id>=<hex>  AES-128 key (32 hex digits) of meter <id> (8 digits); repeatable
  --keys <file>     keys file: JSON {"<id>":"<hex>",...} or lines <id>=<hex> ('#' comments)

Compact frames (CI 0x79) decode once a full frame of the same format was decoded earlier in
the same run. Keys are never printed.

Exit status: 0 when every telegram decoded, 1 when any failed, 2 for a bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({
      args,
      options: {
        wmbus: { type: 'boolean' }, wired: { type: 'boolean' }, pretty: { type: 'boolean' },
        key: { type: 'string', multiple: true }, keys: { type: 'string', multiple: true },
      },
      allowPositionals: true,
    });
    if (values.wmbus && values.wired) throw new ConfigError('--wmbus and --wired exclude each other');
    const all = decoders({ keys: loadKeys(values.key, values.keys), formats: new CompactFormats() });
    const decoder = values.wmbus ? all.wireless : values.wired ? all.wired : all.auto;
    const indent = values.pretty ? 2 : undefined;
    const telegrams = positionals.length > 0 ? positionals : contentLines(io.stdin);
    const output = new LineOutput(io.stdout);
    let failed = 0;
    try {
      for await (const hex of telegrams) {
        const result = decodeHex(hex, decoder);
        if (result.ok !== true) failed++;
        await output.writeLine(JSON.stringify(result, null, indent));
      }
    } finally {
      await output.end(); // what decoded before an unexpected error still reaches the reader
    }
    return failed === 0 ? ExitCode.success : ExitCode.failure;
  },
};

/** Decodes one telegram; a DecodeError (bad hex included) becomes the ok:false object, with the header when known. */
function decodeHex(hex: string, decoder: TelegramDecoder): Record<string, unknown> {
  try {
    return decoder(fromHex(hex));
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    const failure: Record<string, unknown> = { ok: false, error: err.message, offset: err.offset };
    if ('header' in err && err.header) failure.header = err.header;
    return failure;
  }
}
