/**
 * The `imd lon decode` contract: exactly {"type","value","unit"} for a good value (flags only
 * when invalid or out of range), exit 1 for bad hex or a wrong data length, exit 2 with the
 * usage for an unknown type or a bad command line, `--list` for the types. In-process and
 * once through the real bin/imd.js.
 */
import assert from 'node:assert/strict';
import { runImd, spawnImd } from '../support/run-imd';

describe('imd lon decode', () => {
  it('prints exactly type, value and unit (the issue 8 contract)', async () => {
    const run = await runImd(['lon', 'decode', '--type', 'SNVT_temp_p', '0866']);
    assert.equal(run.stdout, '{"type":"SNVT_temp_p","value":21.5,"unit":"C"}\n');
    assert.equal(run.code, 0);
  });

  it('converts to canonical units and accepts spaced hex and short names', async () => {
    const cases: Array<[string, string, string]> = [
      ['SNVT_vol_kilo', '04 57', '{"type":"SNVT_vol_kilo","value":111.1,"unit":"m3"}'], // 0x0457 = 1111 × 0.1 kl
      ['elec_kwh_l', '0001E240', '{"type":"SNVT_elec_kwh_l","value":12345.6,"unit":"kWh"}'],
      ['SNVT_flow', '0005', '{"type":"SNVT_flow","value":18,"unit":"m3/h"}'], // 5 l/s
      ['SNVT_count', '0007', '{"type":"SNVT_count","value":7,"unit":""}'],
    ];
    for (const [type, hex, line] of cases) {
      const run = await runImd(['lon', 'decode', '--type', type, hex]);
      assert.equal(run.stdout, `${line}\n`, type);
    }
  });

  it('adds flags for an invalid sentinel', async () => {
    const run = await runImd(['lon', 'decode', '--type', 'SNVT_temp_p', '7FFF']);
    assert.deepEqual(JSON.parse(run.stdout), { type: 'SNVT_temp_p', value: null, unit: 'C', flags: ['invalid-value'] });
    assert.equal(run.code, 0);
  });

  it('exits 1 with a clear message for a wrong data length or bad hex', async () => {
    const wrong = await runImd(['lon', 'decode', '--type', 'SNVT_temp_p', '086600']);
    assert.equal(wrong.code, 1);
    assert.equal(wrong.stdout, '');
    assert.match(wrong.stderr, /SNVT_temp_p: expected 2 data bytes, got 3/);
    const bad = await runImd(['lon', 'decode', '--type', 'SNVT_temp_p', '08G6']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /'G'/);
  });

  it('exits 2 with the usage for an unknown type, a missing --type or subcommand', async () => {
    for (const args of [['decode', '--type', 'SNVT_nope', '00'], ['decode', '0866'], ['frobnicate'], []]) {
      const run = await runImd(['lon', ...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /Usage: imd lon decode/);
    }
    assert.match((await runImd(['lon', 'decode', '--type', 'SNVT_nope', '00'])).stderr, /unknown SNVT type 'SNVT_nope'/);
  });

  it('--list prints every supported type', async () => {
    const run = await runImd(['lon', 'decode', '--list']);
    assert.equal(run.code, 0);
    for (const name of ['SNVT_elec_kwh', 'SNVT_vol_mil', 'SNVT_temp_p', 'SNVT_flow_p', 'SNVT_power_kilo']) assert.match(run.stdout, new RegExp(`^${name} `, 'm'));
    assert.match(run.stdout, /^SNVT_temp +39 +u16 +10\^-1×\(raw-2740\) +C/m);
    assert.equal((await runImd(['lon', '--list'])).stdout, run.stdout);
  });

  it('works through bin/imd.js', () => {
    const run = spawnImd(['lon', 'decode', '--type', 'SNVT_temp_p', '0866']);
    assert.equal(run.stdout, '{"type":"SNVT_temp_p","value":21.5,"unit":"C"}\n');
    assert.equal(run.code, 0);
  });
});
