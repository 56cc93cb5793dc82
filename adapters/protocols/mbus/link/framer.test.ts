// Tests of the streaming framer: any chunking gives the same frames; garbage is skipped, reported and bounded.
import { strict as assert } from 'assert';
import { fromHex, toHex } from '../../../../lib/hex';
import { MAX_FRAME_LENGTH, buildLongFrame } from './frame';
import { MBusFramer, type Garbage, type StreamFrame } from './framer';

/** mulberry32: a tiny seeded PRNG so random chunkings are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RSP_UD = '68 1F 1F 68 08 02 72 78 56 34 12 24 40 01 07 55 00 00 00 03 13 15 31 00 DA 02 3B 13 01 8B 60 04 37 18 02 18 16';
const BIG = toHex(buildLongFrame(0x08, 5, 0x72, new Uint8Array(252).map((_, i) => [0x68, 0x10, 0xe5, 0x16][i % 4]!)));

/** Frames and garbage in stream order; garbage includes false start bytes (68 / 10 followed by junk). */
const SEGMENTS: Array<{ frame?: string; garbage?: string }> = [
  { garbage: '00 FF 12 34' },
  { frame: 'E5' },
  { garbage: '68 1F 00 68' },
  { frame: '10 5B FE 59 16' },
  { garbage: '68 05 05 68 08' },
  { frame: RSP_UD },
  { garbage: '10 AA' },
  { frame: '68 03 03 68 53 FE BD 0E 16' },
  { frame: '68 06 06 68 53 FE 51 01 7A 08 25 16' },
  { garbage: '16 16 00' },
  { frame: '10 40 01 41 16' },
  { frame: BIG },
  { garbage: '68' },
];

function layout() {
  const parts: Uint8Array[] = [];
  const frames: Array<{ raw: string; offset: number }> = [];
  const garbage: Array<{ offset: number; count: number }> = [];
  let offset = 0;
  for (const s of SEGMENTS) {
    const bytes = fromHex(s.frame ?? s.garbage!);
    if (s.frame) frames.push({ raw: toHex(bytes), offset });
    else garbage.push({ offset, count: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  return { stream: Buffer.concat(parts), frames, garbage };
}

/** Feeds the stream in the given chunk sizes (cycled), then flushes. */
function run(stream: Uint8Array, nextSize: () => number) {
  const garbage: Garbage[] = [];
  const framer = new MBusFramer({ onGarbage: (g) => garbage.push(g) });
  const frames: StreamFrame[] = [];
  for (let pos = 0; pos < stream.length;) {
    const size = nextSize();
    frames.push(...framer.push(stream.subarray(pos, pos + size)));
    pos += size;
    assert.ok(framer.buffered < MAX_FRAME_LENGTH);
  }
  frames.push(...framer.flush());
  assert.equal(framer.buffered, 0);
  return { frames, garbage };
}

const summary = (frames: StreamFrame[]) => frames.map((f) => ({ raw: toHex(f.raw), offset: f.offset }));

describe('mbus link: framer', () => {
  const { stream, frames: expectedFrames, garbage: expectedGarbage } = layout();

  it('finds every frame and reports every garbage run in one chunk', () => {
    const { frames, garbage } = run(stream, () => stream.length);
    assert.deepEqual(summary(frames), expectedFrames);
    assert.deepEqual(garbage.map(({ offset, count }) => ({ offset, count })), expectedGarbage);
  });

  it('gives identical frames and garbage byte by byte and in random chunks', () => {
    const whole = run(stream, () => stream.length);
    const byByte = run(stream, () => 1);
    assert.deepEqual(summary(byByte.frames), summary(whole.frames));
    assert.deepEqual(byByte.garbage, whole.garbage);
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const chunked = run(stream, () => 1 + Math.floor(random() * 64));
      assert.deepEqual(summary(chunked.frames), summary(whole.frames), `seed ${seed}`);
      assert.deepEqual(chunked.garbage, whole.garbage, `seed ${seed}`);
    }
  });

  it('parses frames: fields, and long data as a view into the copied raw bytes', () => {
    const { frames } = run(stream, () => 7);
    const rsp = frames[2]!;
    assert.deepEqual(frames[1]!.frame, { type: 'short', control: 0x5b, address: 0xfe });
    assert.equal(rsp.frame.type, 'long');
    if (rsp.frame.type !== 'long') return;
    assert.equal(rsp.frame.ci, 0x72);
    assert.equal(rsp.frame.data.buffer, rsp.raw.buffer);
    assert.equal(toHex(rsp.frame.data), toHex(fromHex(RSP_UD).subarray(7, 35)));
  });

  it('names why garbage was discarded', () => {
    const { garbage } = run(stream, () => stream.length);
    assert.match(garbage[0]!.reason, /^no start byte/);
    assert.match(garbage[1]!.reason, /^long frame: length fields differ/);
    assert.match(garbage[5]!.reason, /^long frame: truncated/);
  });

  it('raw bytes stay intact after more bytes are pushed', () => {
    const framer = new MBusFramer();
    const [first] = framer.push(fromHex(RSP_UD));
    for (let i = 0; i < 50; i++) framer.push(fromHex('10 40 01 41 16 00 68'));
    assert.equal(toHex(first!.raw), toHex(fromHex(RSP_UD)));
  });

  it('holds a plausible false start until flush, then returns the frame behind it', () => {
    const garbage: Garbage[] = [];
    const framer = new MBusFramer({ onGarbage: (g) => garbage.push(g) });
    assert.deepEqual(framer.push(fromHex('68 04 04 68 10 5B FE 59 16')), []);
    assert.equal(framer.buffered, 9);
    assert.deepEqual(summary(framer.flush()), [{ raw: '105BFE5916', offset: 4 }]);
    assert.deepEqual(garbage.map(({ offset, count }) => ({ offset, count })), [{ offset: 0, count: 4 }]);

    assert.deepEqual(framer.push(fromHex('10 00 E5')), []);
    assert.deepEqual(summary(framer.flush()), [{ raw: 'E5', offset: 11 }]);
  });

  it('reset purges a partial frame and reports it', () => {
    const garbage: Garbage[] = [];
    const framer = new MBusFramer({ onGarbage: (g) => garbage.push(g) });
    framer.push(fromHex(RSP_UD).subarray(0, 10));
    framer.reset();
    assert.equal(framer.buffered, 0);
    assert.deepEqual(garbage, [{ offset: 0, count: 10, reason: 'purged by reset' }]);
    assert.deepEqual(summary(framer.push(fromHex('E5'))), [{ raw: 'E5', offset: 10 }]);
  });

  it('keeps a bounded buffer on endless garbage and accounts for every byte', () => {
    const random = prng(42);
    let total = 0;
    let framed = 0;
    let discarded = 0;
    const framer = new MBusFramer({ onGarbage: (g) => { discarded += g.count; } });
    for (let i = 0; i < 200; i++) {
      const chunk = new Uint8Array(1 + Math.floor(random() * 2000)).map(() => {
        const r = random();
        return r < 0.05 ? 0x68 : r < 0.1 ? 0x10 : Math.floor(random() * 0xe5);
      });
      total += chunk.length;
      for (const f of framer.push(chunk)) framed += f.raw.length;
      assert.ok(framer.buffered < MAX_FRAME_LENGTH);
    }
    for (const f of framer.flush()) framed += f.raw.length;
    assert.equal(framed + discarded, total);
    assert.ok(discarded > total * 0.99);
    assert.deepEqual(summary(framer.push(fromHex(RSP_UD))).map((f) => f.raw), [toHex(fromHex(RSP_UD))]);
  });
});
