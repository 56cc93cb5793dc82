/**
 * The wireless M-Bus stream: SND_NR frames with the meter's link address and a short or long
 * header, every meter in turn, deterministic for a seed and clock.
 */
import assert from 'node:assert/strict';
import { Building, wirelessStream, type WirelessTelegram } from '../../simulator';
import { fixedClock } from './sim-helpers';

async function collect(building: Building, ci: 0x7a | 0x72, count: number): Promise<WirelessTelegram[]> {
  const out: WirelessTelegram[] = [];
  for await (const t of wirelessStream(building, { ci, count })) out.push(t);
  return out;
}

describe('simulator: wireless M-Bus stream', () => {
  it('sends each meter in turn as C 0x44 frames with its address and the chosen header', async () => {
    const building = new Building({ apartments: 2, seed: 9, clock: fixedClock().clock });
    const telegrams = await collect(building, 0x7a, 9);
    assert.deepEqual(telegrams.map((t) => t.meter), [0, 1, 2, 3, 4, 5, 6, 7, 0]);
    for (const t of telegrams) {
      const bytes = Buffer.from(t.hex, 'hex');
      assert.equal(bytes[0], bytes.length - 1, 'L field');
      assert.equal(bytes[1], 0x44);
      const identity = building.meters[t.meter]!.identityAt(t.at);
      assert.equal(bytes.subarray(4, 8).reverse().toString('hex'), identity.id);
      assert.deepEqual([bytes[8], bytes[9], bytes[10]], [identity.version, identity.medium, 0x7a]);
    }
    assert.notEqual(telegrams[0]!.hex, telegrams[8]!.hex, 'the access number moves on');
    const long = await collect(building, 0x72, 1);
    assert.equal(Buffer.from(long[0]!.hex, 'hex')[10], 0x72);
    assert.deepEqual(await collect(new Building({ apartments: 2, seed: 9, clock: fixedClock().clock }), 0x7a, 9), telegrams);
  });
});
