/**
 * Fuzz test of the wired M-Bus decoder (part of the normal suite): random bytes, random
 * well-framed long frames (correct 68 L L 68 … CS 16 around random or record-shaped bodies, so
 * the application layer is reached), and mutations of the golden fixture frames (bit flips,
 * byte insert / delete / overwrite, truncation; L and checksum recomputed half of the time).
 * Property: decodeTelegram returns, or throws a DecodeError with a message and an offset within
 * [0, input length]; nothing else escapes; no call takes more than 50 ms; the JSON of every
 * decoded telegram stringifies (no BigInt leaks), and no decoded record reaches past the data.
 *
 *   IMD_FUZZ_COUNT  inputs (default 100 000)      IMD_FUZZ_SEED  PRNG seed (default fixed, printed)
 */
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { DecodeError } from '../../lib/errors';
import { fromHex, toHex } from '../../lib/hex';
import { decodeTelegram } from '../../adapters/protocols/mbus/app/telegram';
import { ERROR_FIXTURES, FRAME_FIXTURES } from '../../adapters/protocols/mbus/fixtures/sources';
import { telegramToJson } from '../../adapters/protocols/mbus/json';
import type { DecodedTelegram } from '../../adapters/protocols/mbus/app/types';
import { checksum } from '../../adapters/protocols/mbus/link/frame';
import { mutateBytes } from '../support/mutate';
import { createPrng, seedFromEnv, type Prng } from '../support/prng';

const COUNT = Number(process.env.IMD_FUZZ_COUNT ?? 100_000);
const SEED = seedFromEnv('IMD_FUZZ_SEED', 0x4d427573);
const MAX_CALL_MS = 50;

/** Golden fixture inputs that are bytes (bad-hex cases left out). */
const CORPUS: Uint8Array[] = [...FRAME_FIXTURES, ...ERROR_FIXTURES].flatMap((f) => {
  try { return [fromHex(f.hex)]; } catch { return []; }
});

/** DIF data-field sizes 0x0–0xE (0xD: LVAR, handled apart). */
const FIELD_SIZE = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, 0, 6];
const CIS = [0x72, 0x72, 0x72, 0x7a, 0x78, 0x73, 0x77, 0x51, 0x70, 0x76, 0x8a];

/** Extension codes with a meaning of their own: combinable-extension 0xFC, manufacturer 0xFF, 0xFB/0xFD. */
const SPECIAL_EXTENSIONS = [0xfc, 0xff, 0xfb, 0xfd, 0x80];

function withExtensions(r: Prng, first: number, maxMore: number): number[] {
  const n = r.chance(0.6) ? 0 : r.int(maxMore + 1);
  const out = [n > 0 ? first | 0x80 : first & 0x7f];
  for (let k = 0; k < n; k++) {
    const b = r.chance(0.1) ? r.pick(SPECIAL_EXTENSIONS) : r.byte();
    out.push(k < n - 1 ? b | 0x80 : b & 0x7f);
  }
  return out;
}

/** A record-shaped byte run: DIF (+DIFEs), VIF (+FB/FD byte, VIFEs), data of about the right size. */
function recordBytes(r: Prng): number[] {
  if (r.chance(0.03)) return [r.pick([0x0f, 0x1f, 0x2f, 0x2f, 0x3f, 0x7f])];
  const dif = withExtensions(r, r.byte(), 11);
  const field = dif[0]! & 0x0f;
  if (field === 0x0f) return dif;
  const vifCode = r.chance(0.2) ? r.pick([0x7b, 0x7c, 0x7d, 0x7e, 0x7f]) : r.int(0x7b);
  let vib = withExtensions(r, vifCode, 11);
  if ((vifCode === 0x7b || vifCode === 0x7d) && r.chance(0.9)) vib = [vifCode | 0x80, ...withExtensions(r, r.byte(), 11)];
  if (vifCode === 0x7c) { const len = r.int(8); vib.push(len, ...Array.from({ length: len }, () => r.range(0x20, 0x7e))); }
  let size = FIELD_SIZE[field]!;
  let data: number[] = [];
  if (field === 0x0d) {
    const lvar = r.byte();
    size = lvar <= 0xbf ? lvar : lvar <= 0xdf ? lvar & 0x0f : lvar <= 0xef ? lvar - 0xe0 : 16;
    data = [lvar];
  }
  if (r.chance(0.1)) size += r.range(-2, 2);
  if (r.chance(0.02)) return [...dif, ...vib.slice(0, -1), vib[vib.length - 1]! | 0x80]; // cut inside the VIB
  for (let k = 0; k < Math.max(0, size); k++) data.push(r.byte());
  return [...dif, ...vib, ...data];
}

/** 68 L L 68 C A CI body CS 16 with correct L and checksum. */
function framed(control: number, address: number, ci: number, body: number[]): Uint8Array {
  const n = Math.min(body.length, 252);
  const out = new Uint8Array(n + 9);
  out.set([0x68, n + 3, n + 3, 0x68, control, address, ci], 0);
  out.set(body.slice(0, n), 7);
  out[n + 7] = checksum(out, 4, n + 7);
  out[n + 8] = 0x16;
  return out;
}

function randomFrame(r: Prng): Uint8Array {
  const ci = r.chance(0.9) ? r.pick(CIS) : r.byte();
  const body: number[] = [];
  if (r.chance(0.3)) for (let k = r.int(120); k > 0; k--) body.push(r.byte());
  else {
    const header = ci === 0x72 ? 12 : ci === 0x7a ? 4 : ci === 0x73 || ci === 0x77 ? 16 : 0;
    for (let k = 0; k < header; k++) body.push(r.byte());
    if (ci === 0x72 && r.chance(0.8)) body[10] = body[11] = 0; // no encryption announced, usually
    for (let k = r.int(12); k > 0 && body.length < 240; k--) body.push(...recordBytes(r));
  }
  return framed(r.chance(0.8) ? 0x08 : r.byte(), r.byte(), ci, body);
}

function randomBytes(r: Prng): Uint8Array {
  const b = r.bytes(r.chance(0.5) ? r.int(12) : r.int(300));
  if (b.length > 0 && r.chance(0.6)) b[0] = r.pick([0x68, 0x10, 0xe5]);
  if (b.length > 3 && b[0] === 0x68 && r.chance(0.5)) { b[2] = b[1]!; b[3] = 0x68; }
  return b;
}

function mutate(r: Prng, input: Uint8Array): Uint8Array {
  const out = mutateBytes(r, input);
  if (r.chance(0.5) && out.length >= 9 && out[0] === 0x68 && out.length - 6 <= 0xff) {
    out[1] = out[2] = out.length - 6;
    out[3] = 0x68;
    out[out.length - 2] = checksum(out, 4, out.length - 2);
    out[out.length - 1] = 0x16;
  }
  return out;
}

interface Outcome { ms: number; error?: unknown; json?: string; overrun?: string }

/** A record of a variable data structure whose bytes reach past the last data byte (before CS). */
function recordOverrun(t: DecodedTelegram): string | undefined {
  const end = t.frame.length - 2;
  for (const r of t.records) {
    if (r.dif === '') continue; // fixed data structure counters
    const lvar = (parseInt(r.dif.slice(0, 2), 16) & 0x0f) === 0x0d ? 1 : 0;
    const stop = r.offset + (r.dif.length + r.vif.length + r.raw.bytes.length) / 2 + lvar;
    if (stop > end) return `record at byte ${r.offset} (DIF ${r.dif}, VIB ${r.vif}) ends at byte ${stop}, past the data end ${end}`;
  }
  return undefined;
}

function decodeOnce(input: Uint8Array): Outcome {
  const t0 = performance.now();
  try {
    const t = decodeTelegram(input);
    const ms = performance.now() - t0;
    return { ms, json: JSON.stringify(telegramToJson(t)), overrun: recordOverrun(t) };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

describe('fuzz: mbus decodeTelegram', function () {
  this.timeout(120_000);

  it(`${COUNT} random, framed and mutated inputs: returns or throws DecodeError, fast, JSON-safe (seed ${SEED})`, () => {
    const r = createPrng(SEED);
    const rejected = new Map<string, number>();
    const kinds = { random: 0, framed: 0, mutated: 0 };
    let decoded = 0, slowest = 0;
    const started = performance.now();
    for (let n = 0; n < COUNT; n++) {
      const pick = r.next();
      const kind = pick < 0.2 ? 'random' : pick < 0.6 ? 'framed' : 'mutated';
      kinds[kind]++;
      const input = kind === 'random' ? randomBytes(r) : kind === 'framed' ? randomFrame(r) : mutate(r, r.pick(CORPUS));
      const where = `seed ${SEED} input ${n} (${kind}) ${toHex(input)}`;
      let out: Outcome;
      try { out = decodeOnce(input); } catch (err) { throw new Error(`${where}: telegramToJson result does not stringify: ${String(err)}`); }
      // A slow call is measured again: a garbage-collection pause is not the decoder's.
      for (let retry = 0; out.ms > MAX_CALL_MS && retry < 3; retry++) out = { ...out, ms: Math.min(out.ms, decodeOnce(input).ms) };
      assert.ok(out.ms <= MAX_CALL_MS, `${where}: took ${out.ms.toFixed(1)} ms`);
      slowest = Math.max(slowest, out.ms);
      if (out.error === undefined) {
        assert.equal(out.overrun, undefined, `${where}: ${out.overrun}`);
        decoded++;
        continue;
      }
      const e = out.error;
      assert.ok(e instanceof DecodeError, `${where}: threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
      assert.ok(typeof e.message === 'string' && e.message.length > 0, `${where}: empty message`);
      assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= input.length, `${where}: offset ${e.offset} outside [0, ${input.length}] (${e.message})`);
      rejected.set(e.code, (rejected.get(e.code) ?? 0) + 1);
    }
    const seconds = (performance.now() - started) / 1000;
    const byCode = [...rejected.entries()].sort((a, b) => b[1] - a[1]).map(([code, k]) => `${code} ${k}`).join(', ');
    console.log(`      fuzz seed ${SEED}: ${COUNT} inputs (${kinds.random} random, ${kinds.framed} framed, ${kinds.mutated} mutated) in ${seconds.toFixed(1)} s, slowest call ${slowest.toFixed(2)} ms`);
    console.log(`      decoded ${decoded}; rejected ${COUNT - decoded}: ${byCode}`);
    assert.ok(decoded > COUNT / 20, 'too few inputs decode: the generators no longer reach the application layer');
  });
});
