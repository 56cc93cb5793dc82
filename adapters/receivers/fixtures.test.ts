/**
 * Every receiver plugin's golden fixtures through its framer: the whole stream at once, byte
 * by byte, and in random chunks (seeded; a failure prints the seed) must give the same
 * telegrams with their RSSI, the same responses and the same number of skipped bytes.
 */
import { strict as assert } from 'node:assert';
import { toHex } from '../../lib/hex';
import { createPrng } from '../../test/support/prng';
import { caseStream, receiverCases, type ReceiverCase } from '../../test/receivers/fixture-cases';
import { receiverPlugin, receivers } from './index';
import type { FramerEvent } from './receiver';

const RANDOM_CHUNKINGS = 25;

function chunked(stream: Uint8Array, sizes: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < stream.length;) {
    const n = Math.max(1, sizes());
    chunks.push(stream.slice(i, i + n));
    i += n;
  }
  return chunks;
}

function outcome(id: string, chunks: Uint8Array[]): Omit<ReceiverCase, 'about'> {
  const framer = receiverPlugin(id).createFramer();
  const events: FramerEvent[] = chunks.flatMap((chunk) => framer.push(chunk));
  return {
    expect: events.flatMap((e) => (e.kind === 'telegram' ? [{ telegram: toHex(e.telegram), ...(e.rssi !== undefined ? { rssi: e.rssi } : {}) }] : [])),
    responses: events.flatMap((e) => (e.kind === 'response' ? [e.text] : [])),
    skippedBytes: events.reduce((sum, e) => sum + (e.kind === 'skipped' ? e.bytes : 0), 0),
  };
}

describe('receiver framers: golden fixtures in any chunking', () => {
  for (const { id } of receivers) {
    for (const c of receiverCases(id)) {
      it(`${id}: ${c.about}`, () => {
        const stream = caseStream(c);
        const { about: _about, text: _text, hex: _hex, ...expected } = c;
        assert.deepEqual(outcome(id, [stream]), expected, 'whole stream');
        assert.deepEqual(outcome(id, chunked(stream, () => 1)), expected, 'byte by byte');
        for (let k = 0; k < RANDOM_CHUNKINGS; k++) {
          const prng = createPrng(0x5eed + k);
          assert.deepEqual(outcome(id, chunked(stream, () => prng.range(1, 40))), expected, `random chunks, seed ${prng.seed}`);
        }
      });
    }
  }
});
