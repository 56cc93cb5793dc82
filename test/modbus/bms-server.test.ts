/**
 * Real clients against our BMS server: mbpoll and a pymodbus client read apartment k's room
 * temperature at its documented register (holding and input alike), writes are refused with
 * exception 01, and `imd modbus-serve --port <p> --simulate <n>` prints its listening line,
 * serves the simulated building and exits 0 on SIGTERM. Skipped with a message without peers.
 */
import { strict as assert } from 'node:assert';
import { BmsModbusServer, MISSING_S16, apartmentAddress } from '../../adapters/sinks/bms-modbus';
import { NOW, pymodbus, serveCli, temperature } from './bms-support';
import { MBPOLL_MISSING, PYMODBUS_MISSING, hasMbpoll, hasPymodbus, mbpoll } from './peers';
import { requirePeer } from '../support/peer-required';
import { freePort } from '../support/free-port';

describe('BMS Modbus server against mbpoll and pymodbus', function () {
  this.timeout(30_000);
  let server: BmsModbusServer;
  let port = 0;
  const apartments = [{ rooms: ['T1'], hotWater: [] }, { rooms: ['T2', 'T2b'], hotWater: [] }, { rooms: ['T3'], hotWater: [] }];

  before(async () => {
    port = await freePort();
    server = new BmsModbusServer({ apartments, port, now: () => NOW });
    server.update([temperature('T1', 21.5), temperature('T2', -4.3), temperature('T2b', 19.96), temperature('T3', 22, 90)]);
    await server.start();
  });
  after(() => server.close());

  it('mbpoll reads apartment k\'s room temperature at 40001 + 100 + 10·(k−1) (holding) and 30001 + … (input)', async function () {
    requirePeer(this, hasMbpoll() ? undefined : MBPOLL_MISSING);
    const layout = server.layout;
    for (const table of ['4', '3']) {
      const got = await mbpoll(['-m', 'tcp', '-p', String(port), '-a', '1', '-t', table, '-r', String(apartmentAddress(layout, 1) + 1), '-c', '25', '127.0.0.1']);
      assert.equal(got.get(101), 215);
      assert.equal(got.get(111), 0x10000 - 43);
      assert.equal(got.get(112), 200);
      assert.equal(got.get(121), MISSING_S16, 'apartment 3 is stale (90 min)');
      assert.equal(got.get(124) !== undefined && (got.get(124)! & 0b11), 0b10, 'stale bit set, valid bit clear');
    }
  });

  const tcp = (op: 'holding' | 'input' | 'write', address: number, countOrValue: number): ReturnType<typeof pymodbus> =>
    pymodbus(`ModbusTcpClient("127.0.0.1", port=${port})`, 1, op, address, countOrValue);

  it('pymodbus reads the same registers and the building aggregate, and a write gets exception 01', async function () {
    requirePeer(this, hasPymodbus() ? undefined : PYMODBUS_MISSING);
    assert.deepEqual((await tcp('holding', 100, 3)).registers, [215, MISSING_S16, 215]);
    assert.deepEqual((await tcp('input', apartmentAddress(server.layout, 2), 2)).registers, [0x10000 - 43, 200]);
    assert.deepEqual((await tcp('input', 4, 4)).registers, [0x10000 - 43, 86, 215, 2], 'min, mean, max, count');
    assert.match((await tcp('write', 100, 1)).error ?? '', /Exception Response\(134, 6, IllegalFunction\)/);
    assert.match((await tcp('holding', 130, 1)).error ?? '', /Exception Response\(131, 3, IllegalAddress\)/);
  });

  it('imd modbus-serve --port <p> --simulate 3 serves the documented map until SIGTERM', async function () {
    requirePeer(this, hasMbpoll() ? undefined : MBPOLL_MISSING);
    const cliPort = await freePort();
    const cli = await serveCli(['--port', String(cliPort), '--simulate', '3']);
    try {
      assert.equal(cli.line, `listening modbus 127.0.0.1:${cliPort}\n`);
      const got = await mbpoll(['-m', 'tcp', '-p', String(cliPort), '-t', '4', '-r', '1', '-c', '2', '127.0.0.1']);
      assert.deepEqual([got.get(1), got.get(2)], [1, 3], 'map version, apartments');
      const k3 = await mbpoll(['-m', 'tcp', '-p', String(cliPort), '-t', '4', '-r', String(100 + 10 * 2 + 1), '-c', '5', '127.0.0.1']);
      assert.ok(k3.get(121)! >= 150 && k3.get(121)! <= 300, `apartment 3 temperature ${k3.get(121)}`);
      assert.equal(k3.get(124)! & 1, 1, 'valid');
      assert.equal(await cli.stop(), 0);
    } finally {
      await cli.stop();
    }
  });
});
