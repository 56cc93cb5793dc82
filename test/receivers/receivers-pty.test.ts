/**
 * Every receiver plugin through a real socat pty pair: the test plays the dongle on one end
 * (checks the init commands the hub sends, then writes the plugin's fixture stream in random
 * chunks), the DongleReceiver reads the other end through the serial transport, and
 * WirelessReception decodes the telegrams into readings carrying the receiver name and RSSI.
 * The same telegram through two receivers is kept once.
 */
import { strict as assert } from 'node:assert';
import { KeyStore, WirelessReception, type ReceptionResult } from '../../adapters/protocols/wmbus';
import { OMS_MODE_5 } from '../../adapters/protocols/wmbus/fixtures/oms-examples';
import { DongleReceiver, receiverPlugin, receivers, type LinkMode, type ReceivedTelegram } from '../../adapters/receivers';
import { SerialTransport } from '../../adapters/transports/serial';
import { toHex } from '../../lib/hex';
import { createPrng } from '../support/prng';
import { caseStream, receiverCases } from './fixture-cases';
import { ptyPair, socatMissing, type PtyPair } from '../support/pty-pair';
import { requirePeer } from '../support/peer-required';

const WAIT_MS = 5000;
const MODES: Record<string, LinkMode | undefined> = { im871a: 'T1', amb8465: 'C1+T1', cul: 'C1+T1' };

interface Dongle { pair: PtyPair; end: SerialTransport; sent: Uint8Array[]; receiver: DongleReceiver; heard: ReceivedTelegram[] }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + WAIT_MS; !done(); await sleep(10)) {
    if (Date.now() > deadline) assert.fail(`no ${what} within ${WAIT_MS} ms`);
  }
}

/** A pty pair, the dongle's end opened by the test, the hub's end by a DongleReceiver. */
async function dongle(id: string, name?: string): Promise<Dongle> {
  const pair = await ptyPair();
  const end = new SerialTransport({ path: pair.a, baudRate: 9600, parity: 'none' });
  await end.open();
  const sent: Uint8Array[] = [];
  end.onData((chunk) => sent.push(chunk));
  const heard: ReceivedTelegram[] = [];
  const receiver = new DongleReceiver({ plugin: receiverPlugin(id), connection: { serial: { path: pair.b } }, mode: MODES[id], name }, { telegram: (t) => heard.push(t) });
  await receiver.start();
  return { pair, end, sent, receiver, heard };
}

async function release(d: Dongle): Promise<void> {
  await d.receiver.stop();
  await d.end.close();
  await d.pair.close();
}

/** Writes a stream in random chunks with short pauses, as a USB dongle would deliver it. */
async function play(end: SerialTransport, stream: Uint8Array, seed: number): Promise<void> {
  const prng = createPrng(seed);
  for (let i = 0; i < stream.length;) {
    const n = prng.range(1, 32);
    await end.write(stream.subarray(i, i + n));
    i += n;
    if (prng.chance(0.3)) await sleep(prng.range(1, 5));
  }
}

describe('receivers over a socat pty pair', function () {
  this.timeout(20000);
  before(function () {
    requirePeer(this, socatMissing());
  });

  for (const { id } of receivers) {
    it(`${id}: init commands out, fixture telegrams in, decoded with RSSI and receiver`, async () => {
      const d = await dongle(id);
      try {
        const plugin = receiverPlugin(id);
        const init = Buffer.concat(plugin.initCommands(MODES[id]));
        await until('init commands', () => Buffer.concat(d.sent).length >= init.length);
        assert.equal(toHex(Buffer.concat(d.sent)), toHex(init));
        const [fixture] = receiverCases(id);
        await play(d.end, caseStream(fixture!), id.length);
        await until(`${fixture!.expect.length} telegrams`, () => d.heard.length >= fixture!.expect.length);
        assert.deepEqual(d.heard.map((t) => ({ telegram: toHex(t.telegram), ...(t.rssi !== undefined ? { rssi: t.rssi } : {}) })), fixture!.expect);

        const keys = new KeyStore();
        keys.set(OMS_MODE_5.keyId, OMS_MODE_5.key);
        const reception = new WirelessReception({ keys });
        const results = d.heard.map((t) => reception.receive(t.telegram, { receivedAt: t.receivedAt, via: t.receiver, rssi: t.rssi }));
        for (const [k, result] of results.entries()) {
          assert.equal(result.duplicate, false);
          const readings = (result as Extract<ReceptionResult, { duplicate: false }>).readings;
          assert.ok(readings.length > 0, `telegram ${k} gave readings`);
          for (const r of readings) assert.deepEqual([r.source.via, r.source.rssi], [`${id} ${d.pair.b}`, fixture!.expect[k]!.rssi]);
        }
      } finally {
        await release(d);
      }
    });
  }

  it('the same telegram heard by a CUL and an iM871A is decoded once, with the first receiver and its RSSI', async () => {
    const [cul, im] = await Promise.all([dongle('cul', 'cul-attic'), dongle('im871a', 'im871a-cellar')]);
    try {
      await play(cul.end, caseStream(receiverCases('cul')[0]!), 1);
      await until('CUL telegrams', () => cul.heard.length >= 3);
      await play(im.end, caseStream(receiverCases('im871a')[0]!), 2);
      await until('iM871A telegrams', () => im.heard.length >= 3);
      const keys = new KeyStore();
      keys.set(OMS_MODE_5.keyId, OMS_MODE_5.key);
      const shared = new WirelessReception({ keys });
      const results = [...cul.heard, ...im.heard].map((t) => ({ t, r: shared.receive(t.telegram, { receivedAt: t.receivedAt, via: t.receiver, rssi: t.rssi }) }));
      assert.deepEqual(results.map(({ r }) => r.duplicate), [false, false, false, true, true, true]);
      const oms = results[0]!.r as Extract<ReceptionResult, { duplicate: false }>;
      assert.deepEqual([oms.readings[0]!.source.via, oms.readings[0]!.source.rssi], ['cul-attic', -112]);
      assert.equal(results[4]!.r.frameRef, oms.frameRef, 'iM871A copy (no CRCs) = CUL frame A (CRCs)');
    } finally {
      await Promise.all([release(cul), release(im)]);
    }
  });
});
