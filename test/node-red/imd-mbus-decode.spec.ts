/**
 * imd-mbus-decode inside the Node-RED runtime (node-red-node-test-helper): hex, Buffer,
 * Uint8Array and batch input, the output option, the status, and errors reaching a Catch node
 * with the untouched input while the runtime keeps running.
 */
import { strict as assert } from 'assert';
import type { EventEmitter } from 'events';
import helper = require('node-red-node-test-helper');
import decodeNode = require('../../nodes/imd-mbus-decode/imd-mbus-decode');
import { frameRef } from '../../lib/frame-ref';
import type { Reading } from '../../lib/reading';
import { BAD_CHECKSUM, HEAT_METER, WATER_METER, bytesOf } from './telegrams';

// Core Catch node, loaded beside ours so errors can be caught as in a real flow.
const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;
interface Run { out: Msg[]; caught: Msg[]; statuses: Msg[] }

function flow(output: string) {
  return [
    { id: 'f1', type: 'tab' },
    { id: 'decode', type: 'imd-mbus-decode', z: 'f1', output, wires: [['out']] },
    { id: 'out', type: 'helper', z: 'f1' },
    { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper', z: 'f1' },
  ];
}

/** Loads the flow, sends each payload, resolves once `expected` messages (out + caught) arrived and settled. */
async function run(payloads: unknown[], expected: number, output = 'readings'): Promise<Run> {
  await helper.load([decodeNode, catchNode], flow(output));
  const result: Run = { out: [], caught: [], statuses: [] };
  const decode = helper.getNode('decode');
  // The helper announces each node method call as an event "call:<method>".
  (decode as unknown as EventEmitter).on('call:status', (call: { args: Msg[] }) => result.statuses.push(call.args[0]!));
  await new Promise<void>((resolve) => {
    const arrived = (list: Msg[]) => (msg: Msg) => {
      list.push(msg);
      if (result.out.length + result.caught.length === expected) setTimeout(resolve, 20);
    };
    helper.getNode('out').on('input', arrived(result.out));
    helper.getNode('caught').on('input', arrived(result.caught));
    for (const payload of payloads) decode.receive({ payload });
  });
  return result;
}

function assertWaterMeter(readings: Reading[], frame: Uint8Array): void {
  assert.equal(readings.length, 3);
  for (const r of readings) {
    assert.deepEqual(r.meter, { manufacturer: 'PAD', id: '12345678', version: 1, medium: 'water', mediumCode: 7 });
    assert.equal(r.source.frame, frameRef(frame));
  }
  const [volume, flowMax, energy] = readings;
  assert.deepEqual([volume!.quantity, volume!.unit, volume!.value], ['volume', 'm3', 12.565]);
  assert.deepEqual([volume!.storage, volume!.tariff, volume!.subunit, volume!.function], [0, 0, 0, 'instantaneous']);
  assert.equal(volume!.raw.bytes.toUpperCase(), '153100');
  assert.deepEqual([flowMax!.quantity, flowMax!.unit, flowMax!.value], ['volume-flow', 'm3/h', 0.113]);
  assert.deepEqual([flowMax!.storage, flowMax!.tariff, flowMax!.subunit, flowMax!.function], [5, 0, 0, 'maximum']);
  assert.deepEqual([energy!.quantity, energy!.unit, energy!.value], ['energy', 'kWh', 218.37]);
  assert.deepEqual([energy!.storage, energy!.tariff, energy!.subunit, energy!.function], [0, 2, 1, 'instantaneous']);
}

describe('imd-mbus-decode node', function () {
  afterEach(function (done) {
    helper.unload().then(() => done(), done);
  });

  it('decodes a hex telegram into readings and the decoded telegram', async function () {
    const { out, caught, statuses } = await run([WATER_METER], 1);
    assert.equal(caught.length, 0);
    assertWaterMeter(out[0]!.payload, bytesOf(WATER_METER));
    assert.equal(out[0]!.telegram.header.manufacturer, 'PAD');
    assert.equal(out[0]!.telegram.header.id, '12345678');
    assert.equal(out[0]!.telegram.records.length, 3);
    assert.deepEqual(statuses.at(-1), { fill: 'green', shape: 'dot', text: '3 rec · 1 tg' });
  });

  it('decodes a Buffer and a Uint8Array the same as hex', async function () {
    const frame = bytesOf(WATER_METER);
    const { out } = await run([frame, new Uint8Array(frame)], 2);
    for (const msg of out) assertWaterMeter(msg.payload, frame);
  });

  it('decodes a batch into one message with every reading and an array of telegrams', async function () {
    const { out, statuses } = await run([[WATER_METER, bytesOf(HEAT_METER)]], 1);
    assert.equal(out.length, 1);
    const readings: Reading[] = out[0]!.payload;
    assertWaterMeter(readings.slice(0, 3), bytesOf(WATER_METER));
    const heat = readings.slice(3);
    assert.deepEqual(heat.map((r) => [r.quantity, r.unit, r.value]), [
      ['energy', 'kWh', 12345], ['volume', 'm3', 1234.56],
      ['flow-temperature', 'C', 65.43], ['return-temperature', 'C', 40.21],
    ]);
    assert.deepEqual(heat[0]!.meter, { manufacturer: 'KAM', id: '10203040', version: 0x1b, medium: 'heat', mediumCode: 4 });
    assert.deepEqual(out[0]!.telegram.map((t: Msg) => t.header.id), ['12345678', '10203040']);
    assert.deepEqual(statuses.at(-1), { fill: 'green', shape: 'dot', text: '7 rec · 2 tg' });
  });

  it('puts the decoded telegram in msg.payload with output "telegram"', async function () {
    const { out } = await run([WATER_METER], 1, 'telegram');
    assert.equal(out[0]!.payload.header.id, '12345678');
    assert.equal(out[0]!.payload.records.length, 3);
    assert.equal(out[0]!.telegram, undefined);
  });

  it('reports bad hex to a Catch node with the input untouched, then keeps decoding', async function () {
    const { out, caught, statuses } = await run(['68 1F ZZ', WATER_METER], 2);
    assert.equal(caught.length, 1);
    assert.equal(caught[0]!.payload, '68 1F ZZ');
    assert.match(caught[0]!.error.message, /'Z' at character 6/);
    assert.equal(caught[0]!.error.source.type, 'imd-mbus-decode');
    assert.equal(out.length, 1, 'the next telegram still decodes');
    assert.deepEqual(statuses[0], { fill: 'red', shape: 'ring', text: 'error: bad-hex' });
  });

  it('reports a wrong checksum through done(err) and sends nothing', async function () {
    const { out, caught, statuses } = await run([BAD_CHECKSUM], 1);
    assert.equal(out.length, 0);
    assert.equal(caught[0]!.payload, BAD_CHECKSUM);
    assert.match(caught[0]!.error.message, /checksum/i);
    assert.equal(statuses.at(-1)!.fill, 'red');
    assert.match(statuses.at(-1)!.text, /^error: /);
  });

  it('sends what decoded of a batch and names the failed telegram in one error', async function () {
    const { out, caught, statuses } = await run([[WATER_METER, BAD_CHECKSUM]], 2);
    assert.equal(out[0]!.payload.length, 3);
    assert.match(caught[0]!.error.message, /1 of 2 telegrams failed; telegram 2 of 2: .*checksum/);
    assert.deepEqual(statuses.at(-1), { fill: 'yellow', shape: 'ring', text: '3 rec · 1/2 tg' });
  });

  it('rejects a payload that is not a telegram', async function () {
    const { caught, statuses } = await run([42], 1);
    assert.match(caught[0]!.error.message, /expected a Buffer, Uint8Array or hex string, got number/);
    assert.deepEqual(statuses.at(-1), { fill: 'red', shape: 'ring', text: 'error: bad-input' });
  });
});
