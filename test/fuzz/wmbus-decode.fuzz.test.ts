/**
 * Fuzz test of the wireless M-Bus decoder (part of the normal suite): random bytes, random
 * well-formed link layers ("L C M A" + a CI from the layers the decoder walks, random body,
 * frame format A/B CRCs added a third of the time each, so the layers above are reached), and
 * mutations of the OMS example telegrams (bit flips, insert / delete / overwrite, truncation;
 * L and CRCs recomputed half of the time). Keys for the examples' meters are given, so the
 * decryption, MAC and compact-frame paths run too.
 * Property: decodeWirelessTelegram returns, or throws a DecodeError with an offset within
 * [0, input length]; nothing else escapes; no call takes more than 50 ms; the JSON stringifies.
 *
 *   IMD_FUZZ_COUNT  inputs (default 100 000)      IMD_FUZZ_SEED  PRNG seed (default fixed, printed)
 */
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { telegramToJson } from '../../adapters/protocols/mbus';
import { CompactFormats, KeyStore, addCrcs, decodeWirelessTelegram, stripFrame } from '../../adapters/protocols/wmbus';
import { FORMAT_B_WITH_CRC, OMS_MODE_5, OMS_MODE_7, OMS_PARTIAL, OMS_RADIO_ADAPTER } from '../../adapters/protocols/wmbus/fixtures/oms-examples';
import { DecodeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { mutateBytes } from '../support/mutate';
import { createPrng, seedFromEnv, type Prng } from '../support/prng';

const COUNT = Number(process.env.IMD_FUZZ_COUNT ?? 100_000);
const SEED = seedFromEnv('IMD_FUZZ_SEED', 0x774d4275);
const MAX_CALL_MS = 50;
const CIS = [0x72, 0x7a, 0x78, 0x79, 0x7b, 0x73, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0xa0, 0x70];

/** The examples without their CRCs (so mutations can re-add them). */
const CORPUS = [OMS_MODE_5.hex, OMS_MODE_7.hex, OMS_RADIO_ADAPTER.hex, OMS_PARTIAL.hex, FORMAT_B_WITH_CRC].map((h) => stripFrame(fromHex(h)).bytes);

function framed(r: Prng, body: number[]): Uint8Array {
  const plain = Uint8Array.from([body.length + 9, ...body]);
  const how = r.int(3);
  return how === 0 ? plain : addCrcs(plain, how === 1 ? 'A' : 'B');
}

function randomLinkLayer(r: Prng): Uint8Array {
  const body = [r.pick([0x44, 0x46, 0x08, 0x47]), ...r.bytes(8), r.pick(CIS)];
  const n = r.int(90);
  for (let i = 0; i < n; i++) body.push(r.chance(0.1) ? 0x2f : r.byte());
  return framed(r, body.slice(0, 245));
}

function mutate(r: Prng, input: Uint8Array): Uint8Array {
  const b = mutateBytes(r, input);
  if (r.chance(0.5) && b.length >= 11 && b.length <= 246) return framed(r, Array.from(b.subarray(1)));
  return b;
}

/** Milliseconds one call takes, whatever it returns or throws. */
function timeOnce(call: () => unknown): number {
  const t0 = performance.now();
  try { call(); } catch { /* only the time matters here */ }
  return performance.now() - t0;
}

describe('fuzz: wmbus decodeWirelessTelegram', function () {
  this.timeout(60_000);

  it(`${COUNT} random, framed and mutated inputs: returns or throws DecodeError, fast, JSON-safe (seed ${SEED})`, () => {
    const r = createPrng(SEED);
    const keys = new KeyStore();
    for (const e of [OMS_MODE_5, OMS_MODE_7, OMS_PARTIAL]) keys.set(e.keyId, e.key);
    const formats = new CompactFormats();
    const counts = { decoded: 0, rejected: 0 };
    let slowest = 0;
    const started = performance.now();
    for (let n = 0; n < COUNT; n++) {
      const kind = r.int(10);
      const input = kind === 0 ? r.bytes(r.int(80)) : kind < 5 ? randomLinkLayer(r) : mutate(r, r.pick(CORPUS));
      const t0 = performance.now();
      try {
        const t = decodeWirelessTelegram(input, { keys, formats });
        JSON.stringify(telegramToJson(t));
        counts.decoded++;
      } catch (err) {
        if (!(err instanceof DecodeError)) assert.fail(`input ${Buffer.from(input).toString('hex')}: ${String(err)}`);
        assert.ok(err.offset >= 0 && err.offset <= input.length, `offset ${err.offset} outside [0, ${input.length}] for ${Buffer.from(input).toString('hex')}: ${err.message}`);
        counts.rejected++;
      }
      let ms = performance.now() - t0;
      // A slow call is measured again: a garbage-collection pause or a busy machine is not the decoder's.
      for (let retry = 0; ms >= MAX_CALL_MS && retry < 3; retry++) ms = Math.min(ms, timeOnce(() => decodeWirelessTelegram(input, { keys, formats })));
      slowest = Math.max(slowest, ms);
      assert.ok(ms < MAX_CALL_MS, `input ${Buffer.from(input).toString('hex')} took ${ms.toFixed(1)} ms`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`      ${COUNT} inputs in ${seconds.toFixed(1)} s: ${counts.decoded} decoded, ${counts.rejected} rejected with DecodeError; slowest ${slowest.toFixed(2)} ms`);
  });
});
