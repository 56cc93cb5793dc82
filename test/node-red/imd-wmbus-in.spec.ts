/**
 * imd-wmbus-in inside the Node-RED runtime, on a real socat pty pair: the test plays a CUL
 * dongle (checks the init commands, writes culfw lines); the node sends one batch of readings
 * with the receiver and RSSI, reports a wrong key once per meter and kind to a Catch node, and
 * on close frees the serial port (another program can open it) well within 15 s.
 */
import { strict as assert } from 'assert';
import helper = require('node-red-node-test-helper');
import inNode = require('../../nodes/imd-wmbus-in/imd-wmbus-in');
import keysNode = require('../../nodes/imd-wmbus-keys/imd-wmbus-keys');
import { addCrcs } from '../../adapters/protocols/wmbus';
import { OMS_MODE_5 } from '../../adapters/protocols/wmbus/fixtures/oms-examples';
import { SerialTransport } from '../../adapters/transports/serial';
import { fromHex, toHex } from '../../lib/hex';
import { ptyPair, socatMissing, type PtyPair } from '../support/pty-pair';
import { requirePeer } from '../support/peer-required';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;
const IPERL_A = toHex(addCrcs(fromHex('1844AE4C4455223368077A55000000041389E20100023B0000'), 'A'));
const WRONG_KEY = '000102030405060708090A0B0C0D0E0F';
const CLOSE_LIMIT_MS = 15000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !done(); await sleep(10)) if (Date.now() > deadline) assert.fail(`no ${what} within ${ms} ms`);
}

describe('imd-wmbus-in node on a pty pair (CUL)', function () {
  this.timeout(30000);
  let pair: PtyPair | undefined;
  let dongle: SerialTransport | undefined;

  before(function () {
    requirePeer(this, socatMissing());
  });

  afterEach(async function () {
    await helper.unload();
    await dongle?.close();
    await pair?.close();
  });

  it('batches readings with receiver and RSSI, reports a wrong key once, frees the port on close', async function () {
    pair = await ptyPair();
    dongle = new SerialTransport({ path: pair.a, baudRate: 9600, parity: 'none' });
    await dongle.open();
    const sent: Buffer[] = [];
    dongle.onData((chunk) => sent.push(Buffer.from(chunk)));

    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'k1', type: 'imd-wmbus-keys', name: 'meter keys' },
      { id: 'rx', type: 'imd-wmbus-in', z: 'f1', dongle: 'cul', connection: 'serial', path: pair.b, baudRate: '', mode: 'C1+T1',
        keys: 'k1', batchMs: 200, dedupSeconds: 0, receiverName: 'nanocul-attic', wires: [['out']] },
      { id: 'out', type: 'helper', z: 'f1' },
      { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper', z: 'f1' },
    ];
    await helper.load([keysNode, inNode, catchNode], flow, { k1: { keys: `${OMS_MODE_5.keyId}=${WRONG_KEY}` } });
    const out: Msg[] = [];
    const caught: Msg[] = [];
    helper.getNode('out').on('input', (msg: Msg) => out.push(msg));
    helper.getNode('caught').on('input', (msg: Msg) => caught.push(msg));

    await until('init commands', () => Buffer.concat(sent).toString('latin1') === 'X21\r\nbrc\r\n');
    await dongle.write(Buffer.from(`TMODE\r\nb${IPERL_A}C8\r\nb${OMS_MODE_5.hex}\r\nb${OMS_MODE_5.hex}B4\r\n`, 'latin1'));
    await until('a batch of readings', () => out.length === 1);
    await sleep(300);

    assert.equal(out.length, 1, 'one batch');
    const [volume] = out[0]!.payload;
    assert.deepEqual([volume.meter.id, volume.quantity, volume.value], ['33225544', 'volume', 123.529]);
    assert.deepEqual([volume.source.via, volume.source.rssi], ['nanocul-attic', -102]);
    assert.equal(out[0]!.receiver, 'nanocul-attic');
    assert.equal(caught.length, 1, 'the wrong key reported once for meter and kind');
    assert.match(caught[0]!.error.message, /meter ELS 12345678/);
    assert.deepEqual(caught[0]!.payload, { code: 'wrong-key', meter: 'ELS 12345678' });
    assert.ok(!JSON.stringify(caught).toUpperCase().includes(WRONG_KEY), 'no key material');

    const started = Date.now();
    await helper.unload();
    const closedMs = Date.now() - started;
    assert.ok(closedMs < CLOSE_LIMIT_MS, `close took ${closedMs} ms`);
    const reopened = new SerialTransport({ path: pair.b, baudRate: 9600, parity: 'none', reopen: { attempts: 1 } });
    await reopened.open();
    await reopened.close();
  });
});
