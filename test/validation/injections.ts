/**
 * The faults of the acceptance year and where they are (all positions fixed, so a failure can
 * be looked up by hand): the simulator's own fault plan (one meter per kind, from FAULTS_FROM),
 * then faults injected into the tracks of apartments the simulator left clean, each kind a few
 * times. Every fault names the rule expected to find it, the meters it is on and the period.
 * `context` meters are touched by the fault without being its subject (the apartment's other
 * water meter, a silent gateway's meters): their months do not count as clean.
 */
import { FLAG } from '../../lib/validation/flags';
import { FAULTS_FROM, HOUR, HOURS, hourAt, YEAR_START, type Track, type Year } from './simulated-year';

export interface Fault { kind: string; rule: string; meters: string[]; context: string[]; from: number; to: number }

const YEAR_END = YEAR_START + HOURS * HOUR;
const SIMULATOR_RULES: Record<string, { rule: string; from: number; to: number }> = {
  'stuck': { rule: 'zero-consumption', from: FAULTS_FROM, to: YEAR_END },
  'counter-reset': { rule: 'counter', from: FAULTS_FROM - HOUR, to: FAULTS_FROM + HOUR },
  'meter-swap': { rule: 'counter', from: FAULTS_FROM - HOUR, to: FAULTS_FROM + HOUR },
  'spike': { rule: 'spike', from: FAULTS_FROM, to: FAULTS_FROM + 2 * HOUR },
  'dead-battery': { rule: 'status-flags', from: YEAR_START, to: YEAR_END },
  'no-answer': { rule: 'no-contact', from: YEAR_START, to: YEAR_END },
  'garbled': { rule: 'status-flags', from: YEAR_START, to: YEAR_END },
  'clock-drift': { rule: 'clock', from: YEAR_START, to: YEAR_END },
  'duplicate-ids': { rule: 'identity', from: YEAR_START, to: YEAR_END },
  'shared-address': { rule: 'status-flags', from: FAULTS_FROM + 120 * HOUR, to: FAULTS_FROM + 144 * HOUR },
};

const at = (day: number, hour = 12): number => day * 24 + hour;
/** The value at hour h before the injection changed anything after it: v'(k) = v(k) + f(k) for k ≥ h. */
function shiftFrom(t: Track, h: number, delta: (k: number) => number): void {
  for (let k = h; k < HOURS; k++) t.value[k] = t.value[k]! + delta(k);
}

export function injectFaults(year: Year): Fault[] {
  const { tracks, building, registry } = year;
  const faults: Fault[] = [];
  const water = (t: Track) => tracks.filter((x) => x.apartment === t.apartment && x !== t && (x.medium === 'cold-water' || x.medium === 'hot-water')).map((x) => x.serial);
  for (const p of building.faultPlan()) {
    const r = SIMULATOR_RULES[p.kind]!;
    const subjects = p.kind === 'duplicate-ids' ? [p.meters[0]!] : p.meters;
    for (const m of subjects) {
      const t = tracks.find((x) => x.serial === m.id);
      const context = [...(t ? water(t) : []), ...(m.replacementId ? [m.replacementId] : [])];
      faults.push({ kind: p.kind, rule: r.rule, meters: [m.id], context, from: r.from, to: r.to });
    }
  }
  const busy = new Set(building.faultPlan().flatMap((p) => p.meters.map((m) => building.meters[m.index]!.spec.apartment)));
  const free = [...new Set(tracks.map((t) => t.apartment))].filter((a) => !busy.has(a) && (a <= 100 || a > 150));
  let next = 0;
  const pick = (medium: string): Track => tracks.find((t) => t.apartment === free[next] && t.medium === medium)!;
  const add = (kind: string, rule: string, t: Track, from: number, to: number, context: string[] = water(t)): void => {
    faults.push({ kind, rule, meters: [t.serial], context, from, to });
    next++;
  };
  for (const day of [40, 130, 250]) { const t = pick('cold-water'); shiftFrom(t, at(day), () => -0.5); add('backwards', 'counter', t, hourAt(at(day) - 1), hourAt(at(day))); }
  for (const day of [75, 300]) { const t = pick('cold-water'); const v = t.value[at(day)]!; shiftFrom(t, at(day), () => -v); add('reset', 'counter', t, hourAt(at(day) - 1), hourAt(at(day))); }
  for (const day of [100, 280]) {
    const t = pick('electricity'); const h = at(day, 19); const c = 1e6 - (t.value[h - 1]! + t.value[h]!) / 2;
    for (let k = 0; k < HOURS; k++) t.value[k] = Math.round(((t.value[k]! + c) % 1e6) * 100) / 100;
    add('rollover', 'counter', t, hourAt(h - 1), hourAt(h), []);
  }
  for (const [first, days] of [[151, 30], [243, 30], [304, 30]] as const) {
    const t = pick('hot-water'); const base = t.value[at(first, 0)]!; const end = t.value[at(first + days, 0)]!;
    for (let k = at(first, 0); k < HOURS; k++) t.value[k] = k < at(first + days, 0) ? Math.floor((base + 0.1 * (t.value[k]! - base)) * 1000) / 1000 : t.value[k]! - 0.9 * (end - base);
    add('hot-water-share', 'hot-water-share', t, hourAt(at(first, 0)), hourAt(at(first + days, 0)));
  }
  for (const [day, temperature] of [[20, 35], [200, 8]] as const) { const t = pick('room-sensor'); for (let k = at(day); k < at(day) + 6; k++) t.value[k] = temperature; add('temperature-range', 'room-temperature', t, hourAt(at(day)), hourAt(at(day) + 6), []); }
  for (const day of [60, 320]) { const t = pick('room-sensor'); for (let k = at(day); k < at(day) + 96; k++) t.value[k] = t.value[at(day)]!; add('stuck-sensor', 'room-temperature', t, hourAt(at(day)), hourAt(at(day) + 96), []); }
  for (const day of [110, 210]) {
    const cold = pick('cold-water'); const hot = pick('hot-water'); const h0 = at(day, 0); const h1 = h0 + 21 * 24;
    for (const t of [cold, hot]) { const frozen = t.value[h0]!; const end = t.value[h1]!; for (let k = h0; k < HOURS; k++) t.value[k] = k < h1 ? frozen : t.value[k]! - (end - frozen); }
    faults.push({ kind: 'vacancy', rule: 'zero-consumption', meters: [cold.serial], context: [hot.serial], from: hourAt(h0), to: hourAt(h1) });
    add('vacancy', 'zero-consumption', hot, hourAt(h0), hourAt(h1));
  }
  const gw = tracks.filter((t) => t.via === 'gw-3');
  for (const t of gw) t.present.fill(0, at(170), at(173));
  faults.push({ kind: 'gateway-silent', rule: 'no-contact', meters: ['gw-3'], context: gw.map((t) => t.serial), from: hourAt(at(170)), to: hourAt(at(173)) });
  for (const day of [90, 190]) { const t = pick('electricity'); t.present.fill(0, at(day), at(day + 3)); add('meter-silent', 'no-contact', t, hourAt(at(day)), hourAt(at(day + 3)), []); }
  for (const [medium, flag, day, hours] of [['cold-water', FLAG.leak, 33, 5], ['hot-water', FLAG.burst, 140, 1], ['electricity', FLAG.tamper, 222, 2], ['cold-water', FLAG.reverseFlow, 260, 3], ['hot-water', FLAG.meterError, 333, 12]] as const) {
    const t = pick(medium); for (let k = at(day); k < at(day) + hours; k++) t.flags[k] = t.flags[k]! | flag; add('status-flag', 'status-flags', t, hourAt(at(day)), hourAt(at(day) + hours));
  }
  for (const day of [50, 230]) { const t = pick('electricity'); shiftFrom(t, at(day), () => 120); add('impossible-rate', 'status-flags', t, hourAt(at(day) - 1), hourAt(at(day)), []); }
  for (const day of [88, 188]) {
    const t = pick('hot-water'); const week = ((t.value[HOURS - 1]! - t.value[0]!) / 365) * 7 * 1.3;
    shiftFrom(t, at(day, 8), (k) => week * Math.min(12, k - at(day, 8) + 1) / 12);
    add('spike-day', 'spike', t, hourAt(at(day, 8)), hourAt(at(day, 20)));
  }
  for (const until of ['2024-03-01', '2023-09-30', '2026-02-15']) { const t = pick('cold-water'); registry.find((m) => m.serial === t.serial)!.certifiedUntil = until; add('certification', 'certification', t, YEAR_START, YEAR_END, []); }
  for (const n of [1, 2]) {
    const model = pick('cold-water'); const t: Track = { ...model, serial: `9900000${n}`, present: model.present.slice(), value: model.value.slice(), flags: new Uint16Array(HOURS) };
    tracks.push(t); add('unregistered', 'identity', t, YEAR_START, YEAR_END, []);
  }
  for (const day of [120, 270]) { const t = pick('electricity'); for (let k = at(day); k < at(day + 7); k++) t.offset[k] = 900; add('clock', 'clock', t, hourAt(at(day)), hourAt(at(day + 7)), []); }
  return faults;
}

/** A swap recorded in the registry (mätarbyte): must give no warning or block. Returns both serials. */
export function registeredSwap(year: Year, apartment: number, day: number): string[] {
  const old = year.tracks.find((t) => t.apartment === apartment && t.medium === 'hot-water')!;
  const h = at(day);
  const fresh: Track = { ...old, serial: '98000001', present: old.present.slice(), value: old.value.map((v) => Math.round((v - old.value[h - 1]!) * 1000) / 1000), flags: new Uint16Array(HOURS) };
  old.present.fill(0, h); fresh.present.fill(0, 0, h);
  year.tracks.push(fresh);
  const info = year.registry.find((m) => m.serial === old.serial)!;
  info.replacedBy = { serial: fresh.serial, at: hourAt(h - 1) };
  year.registry.push({ ...info, serial: fresh.serial, replacedBy: undefined, replaces: { serial: old.serial, at: hourAt(h - 1) } });
  return [old.serial, fresh.serial];
}
