/**
 * `imd decode`: wired M-Bus telegrams as hex in, one JSON object per telegram out (NDJSON).
 * The success shape is the adapter's `telegramToJson` (documented in the M-Bus adapter README);
 * a failure is {"ok":false,"error":"<what, where, why>","offset":<byte>}.
 */
import { decodeTelegram, telegramToJson } from '../../adapters/protocols/mbus';
import { DecodeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { ExitCode, type Command } from '../command';
import { contentLines } from '../input-lines';
import { LineOutput } from '../line-output';
import { parseArguments } from '../parse-arguments';

type TelegramDecoder = (bytes: Uint8Array) => Record<string, unknown>;

const decodeWired: TelegramDecoder = (bytes) => telegramToJson(decodeTelegram(bytes));

/** Placeholder until the wireless M-Bus issue lands (the flag is part of the contract already). */
const decodeWireless: TelegramDecoder = () => {
  throw new DecodeError('wireless M-Bus decoding is not available yet', 0, 'unsupported');
};

export const decode: Command = {
  name: 'decode',
  summary: 'decode M-Bus telegrams (hex) to JSON, one object per line',
  usage: `Usage: imd decode [--wmbus] [--pretty] [hex ...]

Decodes wired M-Bus telegrams (EN 13757-2 frames, EN 13757-3 application layer) given as hex:
one telegram per argument or, with no arguments, one per line on standard input. Spaces,
':' and '-' may separate the bytes; blank lines and lines starting with '#' are skipped.

Prints one JSON object per telegram (NDJSON), in input order:
  {"ok":true,"frame":{...},"header":{...},"records":[...]}
  {"ok":false,"error":"<what, where, why>","offset":<byte>}

Options:
  --pretty  indent each object (still one object per telegram)
  --wmbus   the telegrams are wireless M-Bus (EN 13757-4); not available yet

Exit status: 0 when every telegram decoded, 1 when any failed, 2 for a bad command line.`,

  async run(args, io) {
    const { values, positionals } = parseArguments({
      args,
      options: { wmbus: { type: 'boolean' }, pretty: { type: 'boolean' } },
      allowPositionals: true,
    });
    const decoder = values.wmbus ? decodeWireless : decodeWired;
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

/** Decodes one telegram; a DecodeError (bad hex included) becomes the ok:false object. */
function decodeHex(hex: string, decoder: TelegramDecoder): Record<string, unknown> {
  try {
    return decoder(fromHex(hex));
  } catch (err) {
    if (err instanceof DecodeError) return { ok: false, error: err.message, offset: err.offset };
    throw err;
  }
}
