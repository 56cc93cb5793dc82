/**
 * Passive Pt-1000 temperature sensors on a collection unit's inputs: resistance ⇄ °C by the
 * Callendar–Van Dusen equation of IEC 60751 (ITS-90), R0 = 1000 Ω.
 *   t ≥ 0 °C: R = R0 (1 + A t + B t²)                      → inverted exactly (quadratic)
 *   t < 0 °C: R = R0 (1 + A t + B t² + C (t − 100) t³)     → inverted by Newton's method
 * Valid from −200 °C to 850 °C; outside that a RangeError (a broken or shorted sensor).
 */

export const PT_A = 3.9083e-3;
export const PT_B = -5.775e-7;
export const PT_C = -4.183e-12;
export const PT1000_R0 = 1000;
export const PT_MIN_C = -200;
export const PT_MAX_C = 850;

/** Resistance in Ω of a Pt sensor (R0 = 1000 Ω by default) at `celsius`. */
export function ptResistance(celsius: number, r0 = PT1000_R0): number {
  if (!(celsius >= PT_MIN_C && celsius <= PT_MAX_C)) throw new RangeError(`${celsius} °C: outside IEC 60751 range ${PT_MIN_C}…${PT_MAX_C} °C`);
  const t = celsius;
  const below = t < 0 ? PT_C * (t - 100) * t ** 3 : 0;
  return r0 * (1 + PT_A * t + PT_B * t * t + below);
}

/** Temperature in °C of a Pt sensor reading `ohms` (R0 = 1000 Ω by default). */
export function ptTemperature(ohms: number, r0 = PT1000_R0): number {
  const low = ptResistance(PT_MIN_C, r0);
  const high = ptResistance(PT_MAX_C, r0);
  if (!(ohms >= low && ohms <= high)) {
    throw new RangeError(`${ohms} Ω: outside ${low.toFixed(2)}…${high.toFixed(2)} Ω (−200…850 °C) — sensor open or shorted?`);
  }
  const ratio = ohms / r0;
  const quadratic = (-PT_A + Math.sqrt(PT_A * PT_A - 4 * PT_B * (1 - ratio))) / (2 * PT_B);
  if (ratio >= 1) return quadratic;
  let t = quadratic;
  for (let i = 0; i < 20; i++) {
    const f = 1 + PT_A * t + PT_B * t * t + PT_C * (t - 100) * t ** 3 - ratio;
    const df = PT_A + 2 * PT_B * t + PT_C * (4 * t ** 3 - 300 * t * t);
    const step = f / df;
    t -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return t;
}
