/**
 * SNVT codec vectors. Every expected value is worked out by hand from the LonMark scaling
 * A × 10^B × (raw + C) in the comment beside it, never by the codec; float bytes are checked
 * against Node's own Buffer.writeFloatBE as a second, independent source.
 */
import { strict as assert } from 'node:assert';
import { ConfigError, DecodeError } from '../../../lib/errors';
import { fromHex } from '../../../lib/hex';
import { decodeSnvtByName, encodeSnvt, snvtDefinition } from './snvt-codec';
import { SNVT_TABLE } from './snvt-table';

interface Vector {
  type: string;
  hex: string;
  value: number | null;
  unit: string;
  mantissa: string;
  exponent: number;
  flags?: string[];
}

const v = (type: string, hex: string, value: number | null, unit: string, mantissa: string, exponent: number, flags: string[] = []): Vector =>
  ({ type, hex, value, unit, mantissa, exponent, flags });

const VECTORS: Vector[] = [
  v('SNVT_temp_p', '0866', 21.5, 'C', '2150', -2), // 0x0866 = 2150 → 2150 × 0.01
  v('SNVT_temp_p', 'FF9C', -1, 'C', '-100', -2), // two's complement −100 → −1.00
  v('SNVT_temp_p', '7FFF', null, 'C', '32767', -2, ['invalid-value']),
  v('SNVT_temp_p', '8000', -327.68, 'C', '-32768', -2, ['out-of-range']), // below −273.17
  v('SNVT_temp', '0B8B', 21.5, 'C', '215', -1), // 0.1 × (2955 − 2740)
  v('SNVT_temp', '0000', -274, 'C', '-2740', -1), // 0.1 × (0 − 2740)
  v('SNVT_temp', 'FFFF', 6279.5, 'C', '62795', -1), // 0.1 × (65535 − 2740)
  v('SNVT_elec_kwh', '3039', 12345, 'kWh', '12345', 0),
  v('SNVT_elec_kwh_l', '0001E240', 12345.6, 'kWh', '123456', -1), // 123456 × 0.1
  v('SNVT_elec_kwh_l', 'FFFFFFFF', -0.1, 'kWh', '-1', -1),
  v('SNVT_elec_whr', '04D2', 0.1234, 'kWh', '1234', -1), // 123.4 Wh
  v('SNVT_vol', '2710', 1, 'm3', '10000', -1), // 1000.0 l
  v('SNVT_vol_kilo', '0457', 111.1, 'm3', '1111', -1), // 111.1 kl
  v('SNVT_vol_mil', '0064', 0.00001, 'm3', '100', -1), // 10.0 ml
  v('SNVT_flow', '0005', 18, 'm3/h', '5', 0), // 5 l/s × 3.6
  v('SNVT_flow', 'FFFF', null, 'm3/h', '65535', 0, ['invalid-value']),
  v('SNVT_flow_p', '04D2', 12.34, 'm3/h', '1234', -2),
  v('SNVT_flow_p', 'FFFF', null, 'm3/h', '65535', -2, ['invalid-value']),
  v('SNVT_count', 'FFFF', 65535, '', '65535', 0),
  v('SNVT_count_inc', 'FFFE', -2, '', '-2', 0),
  v('SNVT_power', '1234', 466, 'W', '4660', -1), // 4660 × 0.1 W
  v('SNVT_power_kilo', '0019', 2500, 'W', '25', -1), // 2.5 kW
  v('SNVT_lev_percent', '4E20', 100, '%', '100000', -3), // 5 × 20000 × 10^-3
  v('SNVT_lev_percent', '7FFF', null, '%', '163835', -3, ['invalid-value']),
  v('SNVT_temp_f', '41AC0000', 21.5, 'C', '21.5', 0), // 1.34375 × 2^4
  v('SNVT_elec_whr_f', '449A5000', 1.2345, 'kWh', '1234.5', 0), // 1.20556640625 × 2^10 Wh
  v('SNVT_vol_f', '3DCCCCCD', 0.0001, 'm3', '0.1', 0), // 0.1 l
  v('SNVT_flow_f', 'C0000000', -7.2, 'm3/h', '-2', 0), // −2 l/s
  v('SNVT_count_f', '7FC00000', null, '', 'NaN', 0, ['invalid-value']),
  v('SNVT_temp_f', 'C3000000', -128, 'C', '-128', 0), // −1 × 2^7, inside −273.17…1E38
  v('SNVT_temp_f', 'C3C80000', -400, 'C', '-400', 0, ['out-of-range']), // −1.5625 × 2^8
];

describe('lonworks SNVT codec', () => {
  describe('decodes hand-computed vectors', () => {
    for (const t of VECTORS) {
      it(`${t.type} ${t.hex} → ${t.value} ${t.unit}`, () => {
        const got = decodeSnvtByName(t.type, fromHex(t.hex));
        assert.equal(got.type, t.type);
        assert.equal(got.value, t.value);
        assert.equal(got.unit, t.unit);
        assert.deepEqual([got.raw.mantissa, got.raw.exponent, got.raw.bytes], [t.mantissa, t.exponent, t.hex]);
        assert.deepEqual(got.flags, t.flags);
      });
    }
  });

  it('float vectors agree with Buffer.writeFloatBE', () => {
    for (const t of VECTORS.filter((x) => snvtDefinition(x.type).encoding === 'f32' && x.value !== null)) {
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(t.mantissa));
      assert.equal(b.toString('hex').toUpperCase(), t.hex, t.type);
    }
  });

  it('has the meter-relevant SNVTs with their standard indexes', () => {
    const indexes = Object.fromEntries(SNVT_TABLE.map((d) => [d.name, d.index]));
    assert.deepEqual(indexes, {
      SNVT_count: 8, SNVT_count_inc: 9, SNVT_elec_kwh: 13, SNVT_elec_whr: 14, SNVT_flow: 15, SNVT_power: 27,
      SNVT_power_kilo: 28, SNVT_temp: 39, SNVT_vol: 41, SNVT_vol_kilo: 42, SNVT_vol_mil: 43, SNVT_count_f: 51,
      SNVT_flow_f: 53, SNVT_temp_f: 63, SNVT_vol_f: 65, SNVT_elec_whr_f: 68, SNVT_lev_percent: 81, SNVT_temp_p: 105,
      SNVT_elec_kwh_l: 146, SNVT_flow_p: 161,
    });
  });

  it('rejects a wrong data length with a DecodeError naming the type', () => {
    assert.throws(() => decodeSnvtByName('SNVT_temp_p', fromHex('086600')),
      (e: unknown) => e instanceof DecodeError && e.code === 'length' && /SNVT_temp_p: expected 2 data bytes, got 3/.test(e.message));
  });

  it('rejects an unknown type with a ConfigError; names are case-insensitive and the prefix optional', () => {
    assert.throws(() => snvtDefinition('SNVT_nope'), ConfigError);
    assert.equal(snvtDefinition('temp_p').name, 'SNVT_temp_p');
    assert.equal(snvtDefinition('snvt_TEMP_P').name, 'SNVT_temp_p');
  });

  it('encodes values in the SNVT unit back to the vector bytes', () => {
    const cases: Array<[string, number | null, string]> = [
      ['SNVT_temp_p', 21.5, '0866'], ['SNVT_temp', 21.5, '0B8B'], ['SNVT_elec_kwh_l', -0.1, 'FFFFFFFF'],
      ['SNVT_lev_percent', 100, '4E20'], ['SNVT_flow', null, 'FFFF'], ['SNVT_temp_f', 21.5, '41AC0000'],
    ];
    for (const [type, value, hex] of cases) {
      assert.equal(Buffer.from(encodeSnvt(snvtDefinition(type), value)).toString('hex').toUpperCase(), hex, type);
    }
    assert.throws(() => encodeSnvt(snvtDefinition('SNVT_count'), 65536), ConfigError);
    assert.throws(() => encodeSnvt(snvtDefinition('SNVT_count'), null), ConfigError);
  });
});
