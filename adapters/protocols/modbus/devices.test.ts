/**
 * The generic device-map runner: every built-in map (devices/*.json) is valid, its requests
 * respect the 125-register limit and its own maxRegisters, and its embedded register dump,
 * read through the planned requests, gives exactly the expected readings written beside it.
 */
import { strict as assert } from 'node:assert';
import type { Reading } from '../../../lib/reading';
import { checkDeviceMap, type DeviceMap } from './device-map';
import { deviceReadings } from './device-readings';
import { deviceMap, deviceMaps } from './devices';
import { dumpWords, responsesFromDump } from './dump';
import { planReads } from './read-plan';

const RECEIVED_AT = new Date('2024-05-01T12:00:00.000Z');

function summary(r: Reading): Record<string, unknown> {
  return {
    value: r.value, unit: r.unit, mantissa: r.raw.mantissa, exponent: r.raw.exponent, rawUnit: r.raw.unit,
    ...(r.flags.length > 0 ? { flags: r.flags } : {}),
  };
}

function check(map: DeviceMap): void {
  const test = map.test!;
  const readings = deviceReadings(map, { id: 'T-1' }, responsesFromDump(map, test.dump), { receivedAt: RECEIVED_AT, via: 'dump' });
  assert.deepEqual(readings.map((r, i) => ({ register: map.registers[i]!.name, ...summary(r) })), test.expected);
  for (const [i, r] of readings.entries()) {
    const def = map.registers[i]!;
    assert.equal(r.quantity, def.quantity);
    assert.equal(r.tariff, def.tariff);
    assert.deepEqual(r.qualifiers ?? [], def.qualifiers);
    assert.deepEqual(r.meter, { manufacturer: map.manufacturer, id: 'T-1', version: 0, medium: 'electricity', mediumCode: 2 });
    assert.equal(r.source.protocol, 'modbus');
  }
}

describe('modbus device maps', () => {
  const maps = deviceMaps();

  it('has the required models', () => {
    for (const id of ['eastron-sdm120', 'eastron-sdm630', 'abb-b21', 'abb-b23', 'abb-b24', 'carlo-gavazzi-em24', 'carlo-gavazzi-em340', 'schneider-iem3x55', 'kamstrup-omnipower']) {
      assert.ok(maps.some((m) => m.id === id), id);
    }
  });

  for (const map of maps) {
    describe(map.id, () => {
      it('plans requests within the register limits, covering every register once', () => {
        const requests = planReads(map);
        for (const q of requests) assert.ok(q.count <= map.maxRegisters && q.count <= 125, `${q.address}+${q.count}`);
        assert.deepEqual(requests.flatMap((q) => q.registers).map((r) => r.name).sort(), map.registers.map((r) => r.name).sort());
      });

      it('decodes its embedded register dump into the expected readings', () => {
        assert.ok(map.test, `${map.id} has no embedded test`);
        check(map);
      });
    });
  }

  it('merges contiguous ranges: ABB B23 in 6 requests, Eastron SDM120 in 3', () => {
    const count = (id: string): number => planReads(maps.find((m) => m.id === id)!).length;
    assert.equal(count('abb-b23'), 6);
    assert.equal(count('eastron-sdm120'), 3);
  });

  it('says in every map what is verified from the notes and what is assumed; only the OMNIPOWER map is a template', () => {
    for (const map of maps) {
      assert.match(map.assumptions[0] ?? '', /^verified from protocols\.md/, map.id);
      for (const line of map.assumptions.slice(1)) assert.match(line, /^(assumed|to verify)/, `${map.id}: ${line}`);
    }
    assert.deepEqual(maps.filter((m) => m.template).map((m) => m.id), ['kamstrup-omnipower']);
    assert.match(deviceMap('kamstrup-omnipower', maps).source, /^TEMPLATE, NOT A CONFIRMED MAP/);
  });

  it('rejects bad maps with the map and register named', () => {
    const base = { id: 'x-1', vendor: 'X', model: '1', source: 's', function: 'input' };
    assert.throws(() => checkDeviceMap({ ...base, registers: [{ name: 'a', address: 0, type: 'u17', unit: 'kWh', quantity: 'energy' }] }, 'f'), /x-1 register #0 \(a\) type/);
    assert.throws(() => checkDeviceMap({ ...base, registers: [{ name: 'a', address: '0x10000', type: 'u16', unit: 'kWh', quantity: 'energy' }] }, 'f'), /address/);
    assert.throws(() => checkDeviceMap({ ...base, registers: [{ name: 'a', address: 1, type: 'u16', unit: 'furlong', quantity: 'energy' }] }, 'f'), /furlong/);
    assert.throws(() => checkDeviceMap({ ...base, registers: [{ name: 'a', address: 1, type: 'u16', unit: 'V', quantity: 'voltage' }, { name: 'a', address: 2, type: 'u16', unit: 'V', quantity: 'voltage' }] }, 'f'), /'a' twice/);
  });

  it('reads dump words as the pymodbus simulator serves them', () => {
    const words = dumpWords({ input: { '0x0010': '0001 FFFF' } }, 'input');
    assert.deepEqual([...words.entries()], [[16, 1], [17, 0xffff]]);
  });
});
