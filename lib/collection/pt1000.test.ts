/**
 * Pt-1000 conversion against IEC 60751 reference values (R0 = 1000 Ω; the standard's Pt-100
 * table × 10), both directions, and the range limits.
 */
import { strict as assert } from 'node:assert';
import { ptResistance, ptTemperature } from './pt1000';

/** [°C, Ω] from the IEC 60751 table. */
const TABLE: Array<[number, number]> = [
  [-200, 185.201], [-100, 602.558], [-50, 803.063], [-20, 921.599], [0, 1000], [20, 1077.935],
  [25, 1097.347], [50, 1193.971], [100, 1385.055], [200, 1758.56], [500, 2809.775], [850, 3904.811],
];

describe('Pt-1000 (IEC 60751 Callendar–Van Dusen)', () => {
  for (const [celsius, ohms] of TABLE) {
    it(`${celsius} °C ⇄ ${ohms} Ω`, () => {
      assert.ok(Math.abs(ptResistance(celsius) - ohms) < 0.001, `R(${celsius}) = ${ptResistance(celsius)}`);
      assert.ok(Math.abs(ptTemperature(ohms) - celsius) < 0.0005, `t(${ohms}) = ${ptTemperature(ohms)}`);
    });
  }

  it('inverts exactly across the range (round trip below 1e-9 °C)', () => {
    for (let t = -200; t <= 850; t += 0.37) assert.ok(Math.abs(ptTemperature(ptResistance(t)) - t) < 1e-9, `at ${t} °C`);
  });

  it('rejects an open or shorted sensor', () => {
    assert.throws(() => ptTemperature(0), RangeError);
    assert.throws(() => ptTemperature(5000), RangeError);
    assert.throws(() => ptResistance(900), RangeError);
  });
});
