/**
 * imd-wmbus-decode and imd-wmbus-keys inside the Node-RED runtime (node-red-node-test-helper):
 * keys come from the config node's credentials; an encrypted telegram decodes with the right
 * key; a wrong key or a bad keys line gives a clear error naming the meter, and no key material
 * appears in errors, statuses or the log.
 */
import { strict as assert } from 'assert';
import helper = require('node-red-node-test-helper');
import decodeNode = require('../../nodes/imd-wmbus-decode/imd-wmbus-decode');
import keysNode = require('../../nodes/imd-wmbus-keys/imd-wmbus-keys');
import { OMS_MODE_5 } from '../../adapters/protocols/wmbus/fixtures/oms-examples';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;
const WRONG_KEY = '000102030405060708090A0B0C0D0E0F';
const IPERL = '1844AE4C4455223368077A55000000041389E20100023B0000';

const flow = (dedupSeconds = 0) => [
  { id: 'f1', type: 'tab' },
  { id: 'k1', type: 'imd-wmbus-keys', name: 'meter keys' },
  { id: 'decode', type: 'imd-wmbus-decode', z: 'f1', keys: 'k1', dedupSeconds, output: 'readings', wires: [['out']] },
  { id: 'out', type: 'helper', z: 'f1' },
  { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
  { id: 'caught', type: 'helper', z: 'f1' },
];

async function run(keys: string, payloads: Msg[], expected: number, dedupSeconds = 0): Promise<{ out: Msg[]; caught: Msg[] }> {
  await helper.load([keysNode, decodeNode, catchNode], flow(dedupSeconds), { k1: { keys } });
  const result = { out: [] as Msg[], caught: [] as Msg[] };
  await new Promise<void>((resolve) => {
    const arrived = (list: Msg[]) => (msg: Msg) => {
      list.push(msg);
      if (result.out.length + result.caught.length === expected) setTimeout(resolve, 20);
    };
    helper.getNode('out').on('input', arrived(result.out));
    helper.getNode('caught').on('input', arrived(result.caught));
    for (const msg of payloads) helper.getNode('decode').receive(msg);
  });
  return result;
}

/** Every text the runtime logged or a node emitted, to check that no key leaks. */
function logged(): string {
  return JSON.stringify((helper.log() as unknown as { args: unknown[][] }).args);
}

function assertNoKey(text: string): void {
  for (const key of [OMS_MODE_5.key, WRONG_KEY]) {
    assert.ok(!text.toUpperCase().includes(key.toUpperCase()), 'key material in output');
    assert.ok(!text.toUpperCase().includes(key.slice(0, 16).toUpperCase()), 'half a key in output');
  }
}

describe('imd-wmbus-decode node with imd-wmbus-keys', function () {
  afterEach(function (done) {
    helper.unload().then(() => done(), done);
  });

  it('decrypts the OMS mode-5 telegram with the key from credentials, rssi and receiver kept', async function () {
    const { out, caught } = await run(`# test keys\n${OMS_MODE_5.keyId}=${OMS_MODE_5.key}\n`, [{ payload: OMS_MODE_5.hex, rssi: -71, receiver: 'cul-attic' }], 1);
    assert.equal(caught.length, 0);
    const volume = out[0]!.payload[0];
    assert.deepEqual([volume.meter.id, volume.quantity, volume.value, volume.unit], ['12345678', 'volume', 28504.27, 'm3']);
    assert.deepEqual([volume.source.protocol, volume.source.via, volume.source.rssi], ['wmbus', 'cul-attic', -71]);
    assert.equal(out[0]!.telegram.frame.security, 'aes-cbc-iv');
  });

  it('a wrong key: the error names the meter, the batch goes on, no key material anywhere', async function () {
    const { out, caught } = await run(`${OMS_MODE_5.keyId} = ${WRONG_KEY}`, [{ payload: [OMS_MODE_5.hex, IPERL] }], 2);
    assert.equal(out[0]!.payload[0].meter.id, '33225544');
    const message = caught[0]!.error.message as string;
    assert.match(message, /telegram 1 of 2: meter ELS 12345678/);
    assert.match(message, /key/);
    assertNoKey(message);
    assertNoKey(JSON.stringify(caught));
    assertNoKey(logged());
  });

  it('repeats within the duplicate window are dropped', async function () {
    const { out } = await run('', [{ payload: IPERL }, { payload: IPERL }, { payload: [IPERL] }], 1, 30);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(out.length, 1);
  });

  it('a bad keys line stops the node with an error naming the line and meter, not the key', async function () {
    await helper.load([keysNode, decodeNode, catchNode], flow(), { k1: { keys: `${OMS_MODE_5.keyId}=${OMS_MODE_5.key.slice(0, 30)}\n${WRONG_KEY}=${OMS_MODE_5.keyId}` } });
    const text = logged();
    assert.match(text, /wireless M-Bus keys line 1: the key of meter 12345678 must be 32 hex digits \(AES-128\), got 30 characters/);
    assertNoKey(text);
  });
});
