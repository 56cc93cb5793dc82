/**
 * Our Modbus client against a real peer: the pymodbus meter simulator serves every device
 * map's embedded register dump (one unit id per model) over TCP and over RTU through a socat
 * pty; readMeter must give exactly the expected readings. Exceptions and timeouts come back as
 * ModbusErrors naming the device and registers. Skipped with a message without pymodbus/socat.
 */
import { strict as assert } from 'node:assert';
import { ModbusBus, ModbusError, deviceMaps, readMeter, type DeviceMap, type ModbusBusConfig } from '../../adapters/protocols/modbus';
import { toModbusError } from '../../adapters/protocols/modbus/modbus-errors';
import type { Reading } from '../../lib/reading';
import { ptyPair, socatMissing, type PtyPair } from '../support/pty-pair';
import { meterSimForSuite, startMeterSim, type MeterSim } from './peers';
import { requirePeer } from '../support/peer-required';
import { freePort } from '../support/free-port';

const maps = deviceMaps();
const unitOf = (map: DeviceMap): number => maps.indexOf(map) + 1;
const units = Object.fromEntries(maps.map((m) => [unitOf(m), m.test!.dump]));

function summary(map: DeviceMap, readings: Reading[]): unknown[] {
  return readings.map((r, i) => ({
    register: map.registers[i]!.name, value: r.value, unit: r.unit, mantissa: r.raw.mantissa, exponent: r.raw.exponent,
    rawUnit: r.raw.unit, ...(r.flags.length > 0 ? { flags: r.flags } : {}),
  }));
}

async function readAll(config: ModbusBusConfig): Promise<void> {
  const bus = new ModbusBus(config, { timeoutMs: 1000 });
  try {
    for (const map of maps) {
      const readings = await readMeter(bus, { map, unit: unitOf(map), meter: { id: `M-${unitOf(map)}` } });
      assert.deepEqual(summary(map, readings), map.test!.expected, map.id);
      assert.equal(readings[0]!.source.via, `${bus.description} unit ${unitOf(map)}`);
    }
  } finally {
    await bus.close();
  }
}

describe('modbus client against a pymodbus meter simulator', function () {
  this.timeout(30_000);
  const simPort = meterSimForSuite(units);

  it('reads every device map over Modbus TCP and gets the expected readings', async () => {
    await readAll({ kind: 'tcp', host: '127.0.0.1', port: simPort() });
  });

  it('reports an exception response naming the device, unit and registers', async () => {
    const bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: simPort() });
    const kamstrup = maps.find((m) => m.id === 'kamstrup-omnipower')!;
    try {
      await assert.rejects(readMeter(bus, { map: kamstrup, unit: 1, meter: { id: 'K-1' } }), (err: ModbusError) => {
        assert.equal(err.code, 'exception');
        assert.equal(err.exceptionCode, 2);
        assert.match(err.message, /^kamstrup-omnipower unit 1 \(meter K-1\) on tcp 127\.0\.0\.1:\d+: input registers 0x0010–0x0011 \(power\): exception 02 illegal data address$/);
        return true;
      });
    } finally {
      await bus.close();
    }
  });

  it('reports a unit that does not answer as a timeout, and the bus stays usable', async () => {
    const bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: simPort() }, { timeoutMs: 300 });
    const sdm120 = maps.find((m) => m.id === 'eastron-sdm120')!;
    try {
      await assert.rejects(readMeter(bus, { map: sdm120, unit: 99, meter: { id: 'X' } }), /eastron-sdm120 unit 99 .*: input registers 0x0000–0x000D .*: no response \(timeout\)/);
      assert.equal((await readMeter(bus, { map: sdm120, unit: unitOf(sdm120), meter: { id: 'X' } })).length, sdm120.registers.length);
    } finally {
      await bus.close();
    }
  });

  it('names gateway and connection failures', async () => {
    assert.match(toModbusError({ modbusCode: 0x0b }, 'abb-b23 unit 3').message, /exception 0B gateway target device failed to respond/);
    const bus = new ModbusBus({ kind: 'tcp', host: '127.0.0.1', port: await freePort() });
    await assert.rejects(readMeter(bus, { map: maps[0]!, unit: 1, meter: { id: 'X' } }), (err: ModbusError) => err.code === 'connection' && /ECONNREFUSED/.test(err.message));
    await bus.close();
  });

  describe('RTU through a socat pty (9600 8N1)', () => {
    let pty: PtyPair | undefined;
    let rtu: MeterSim | undefined;
    before(async function () {
      requirePeer(this, socatMissing());
      pty = await ptyPair();
      rtu = await startMeterSim('rtu', pty.b, units);
    });
    after(async () => { rtu?.stop(); await pty?.close(); });

    it('reads every device map over RTU and gets the expected readings', async () => {
      const config: ModbusBusConfig = { kind: 'rtu', path: pty!.a, baudRate: 9600, parity: 'none' };
      const deadline = Date.now() + 10_000;
      for (;;) { // the simulator opens its end of the pty a moment after it starts
        const bus = new ModbusBus(config, { timeoutMs: 300 });
        const ok = await readMeter(bus, { map: maps[0]!, unit: 1, meter: { id: 'probe' } }).then(() => true, () => false);
        await bus.close();
        if (ok) break;
        if (Date.now() > deadline) throw new Error('the RTU simulator did not answer within 10 s');
      }
      await readAll(config);
    });
  });
});
