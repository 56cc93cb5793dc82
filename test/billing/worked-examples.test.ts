/**
 * Every worked example of DOMAIN.md "Billing", reproduced exactly with the pricing functions,
 * plus money rounding (half away from zero, per line) and the profitability check.
 */
import assert from 'node:assert/strict';
import {
  dec, electricityPriceExclVat, fixed, heatingEnergyPerM3, hotWaterPricePerM3, lineAmount, plain, profitability,
  rentReductionPerM2Year, rentReductionPerYear, round, withVat, NORMAL_HOT_WATER_M3_PER_M2_YEAR, divide,
} from '../../lib/billing';

describe('billing: DOMAIN.md worked examples', () => {
  it('1.161 kWh/(m³·K): 7 → 57 °C needs 58.05 kWh/m³, i.e. 58 kWh/m³', () => {
    assert.equal(plain(heatingEnergyPerM3(dec(50))), '58.05');
    assert.equal(fixed(heatingEnergyPerM3(dec(50)), 0), '58');
  });

  it('Recommendation: 0.65 kr/kWh × 58 + 11 kr/m³ = 48.70 ≈ 49 kr/m³; rent reduction 0.7 × 49 = 34.30 kr/m² per year', () => {
    const price = hotWaterPricePerM3(dec('0.65'), dec(58), dec(11));
    assert.equal(fixed(price, 2), '48.70');
    assert.equal(fixed(price, 0), '49');
    assert.equal(fixed(rentReductionPerM2Year(NORMAL_HOT_WATER_M3_PER_M2_YEAR, round(price, 0)), 2), '34.30');
  });

  it('Stockholm pilot: 0.77 × 58 + 11.30 = 55.96 ≈ 56 kr/m³ incl. VAT', () => {
    const price = hotWaterPricePerM3(dec('0.77'), dec(58), dec('11.30'));
    assert.equal(fixed(price, 2), '55.96');
    assert.equal(fixed(price, 0), '56');
  });

  it('electricity (energy + grid + energy tax) × 1.25: 2 000 kWh a year → 2 782 kr, over 77 m² 36.13 kr/m² (36.1 to the tenth, as the guide prints 36.10)', () => {
    const perKWh = withVat(electricityPriceExclVat({ energyPerKWh: dec('0.5000'), gridPerKWh: dec('0.1808'), energyTaxPerKWh: dec('0.4320') }));
    assert.equal(plain(perKWh), '1.391');
    const perYear = rentReductionPerYear(dec(2000), perKWh);
    assert.equal(fixed(perYear, 2), '2782.00');
    assert.equal(fixed(divide(perYear, dec(77), 2), 2), '36.13');
    assert.equal(fixed(divide(perYear, dec(77), 1), 2), '36.10');
    assert.equal(fixed(divide(dec(2000), dec(77), 0), 0), '26'); // "≈ 25 kWh/m²" in the guide: 25.97
  });

  it('rounds each line to öre half away from zero: net, then VAT on the rounded net', () => {
    assert.deepEqual(Object.values(lineAmount(dec('180.5'), dec('1.1128'), dec('0.25'), false)).map((d) => fixed(d, 2)), ['200.86', '50.22', '251.08']);
    assert.deepEqual(Object.values(lineAmount(dec('-2.084'), dec('48.70'), dec('0.25'), false)).map((d) => fixed(d, 2)), ['-101.49', '-25.37', '-126.86']);
    // a price including VAT: gross first, net = gross ÷ 1.25, VAT the difference (2.345 m³ at 56 kr incl. VAT)
    assert.deepEqual(Object.values(lineAmount(dec('2.345'), dec(56), dec('0.25'), true)).map((d) => fixed(d, 2)), ['105.06', '26.26', '131.32']);
  });

  it('profitability check: depreciation + capital cost + maintenance + administration + rent reduction vs the saving', () => {
    const r = profitability({
      investment: dec(300000), lifetimeYears: dec(15), interestRate: dec('0.04'), maintenancePerYear: dec(5000),
      administrationPerYear: dec(8000), rentReductionPerYear: dec('34.30'), mediaCostTodayPerYear: dec(120000), mediaCostWithImdPerYear: dec(80000),
    });
    // 20 000 + 6 000 + 5 000 + 8 000 + 34.30 = 39 034.30 against 40 000 saved
    assert.deepEqual([fixed(r.imdCostPerYear, 2), fixed(r.savingPerYear, 2), fixed(r.resultPerYear, 2), r.profitable], ['39034.30', '40000.00', '965.70', true]);
  });
});
