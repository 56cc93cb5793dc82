/**
 * Acceptance (issue 5): a simulated year of hourly data for a 200-apartment building with every
 * fault kind at known places (injections.ts) — the rules must find ≥ 99 % of the injected faults
 * and flag ≤ 1 % of the clean meter-months; recall and false-positive rate are printed per rule.
 * A fault-free year must give no blocking finding; a registered swap no warning.
 */
import assert from 'node:assert/strict';
import { RULES } from '../../adapters/validators';
import { validate } from '../../lib/validation/engine';
import { RegistryView } from '../../lib/validation/registry-view';
import type { Finding } from '../../lib/validation/types';
import { injectFaults, registeredSwap, type Fault } from './injections';
import { HOUR, HOURS, seriesOf, simulatedYear, YEAR_START } from './simulated-year';

const MONTH_STARTS = Array.from({ length: 13 }, (_, m) => Date.UTC(2025, m, 1) - HOUR);
const monthsOf = (from: number, to: number): number[] => MONTH_STARTS.slice(0, 12).flatMap((s, m) => (from < MONTH_STARTS[m + 1]! && to >= s ? [m] : []));
const overlaps = (f: Finding, from: number, to: number): boolean => Date.parse(f.from) <= to && Date.parse(f.to) >= from;

interface Score { recall: Map<string, [number, number]>; flagged: Map<string, number>; clean: number; missed: Fault[] }

function score(faults: Fault[], findings: Finding[], meters: string[]): Score {
  const recall = new Map<string, [number, number]>();
  const missed: Fault[] = [];
  for (const f of faults) {
    const found = findings.some((x) => x.rule === f.rule && f.meters.includes(x.meter) && overlaps(x, f.from - 2 * HOUR, f.to + 2 * HOUR));
    const r = recall.get(f.rule) ?? [0, 0];
    recall.set(f.rule, [r[0] + (found ? 1 : 0), r[1] + 1]);
    if (!found) missed.push(f);
  }
  const faulted = new Set<string>();
  for (const f of faults) for (const m of [...f.meters, ...f.context]) for (const month of monthsOf(f.from, f.to)) faulted.add(`${m}/${month}`);
  const flagged = new Map<string, number>();
  let clean = 0;
  const byMeter = new Map<string, Finding[]>();
  for (const x of findings) byMeter.set(x.meter, [...(byMeter.get(x.meter) ?? []), x]);
  for (const m of meters) {
    for (let month = 0; month < 12; month++) {
      if (faulted.has(`${m}/${month}`)) continue;
      clean++;
      const rules = new Set((byMeter.get(m) ?? []).filter((x) => overlaps(x, MONTH_STARTS[month]!, MONTH_STARTS[month + 1]! - 1)).map((x) => x.rule));
      for (const r of rules) flagged.set(r, (flagged.get(r) ?? 0) + 1);
      if (rules.size > 0) flagged.set('(any)', (flagged.get('(any)') ?? 0) + 1);
    }
  }
  return { recall, flagged, clean, missed };
}

describe('validation acceptance: a simulated year, 200 apartments', function () {
  this.timeout(120_000);

  it('finds ≥ 99 % of injected faults and flags ≤ 1 % of clean meter-months', () => {
    const year = simulatedYear(true);
    const faults = injectFaults(year);
    const swap = registeredSwap(year, 199, 150);
    const started = performance.now();
    const series = seriesOf(year.tracks);
    const findings = validate({ series, registry: new RegistryView(year.registry), now: YEAR_START + HOURS * HOUR }, RULES);
    const seconds = (performance.now() - started) / 1000;
    const meters = [...new Set([...year.registry.map((m) => m.serial), ...year.tracks.map((t) => t.serial)])].filter((m) => !swap.includes(m));
    const s = score(faults, findings, meters);
    const readings = series.reduce((n, x) => n + x.length, 0);
    console.log(`      ${readings} readings, ${findings.length} findings in ${seconds.toFixed(1)} s; ${faults.length} injected faults, ${s.clean} clean meter-months`);
    for (const rule of RULES.map((r) => r.id)) {
      const [hit, all] = s.recall.get(rule) ?? [0, 0];
      const fp = s.flagged.get(rule) ?? 0;
      console.log(`      ${rule.padEnd(17)} recall ${all ? `${hit}/${all} = ${((100 * hit) / all).toFixed(1)} %` : '—'.padEnd(10)}   false positives ${fp}/${s.clean} = ${((100 * fp) / s.clean).toFixed(2)} %`);
    }
    const hits = [...s.recall.values()].reduce((a, [h]) => a + h, 0);
    const anyFp = s.flagged.get('(any)') ?? 0;
    console.log(`      total recall ${hits}/${faults.length} = ${((100 * hits) / faults.length).toFixed(1)} %, clean meter-months flagged ${anyFp}/${s.clean} = ${((100 * anyFp) / s.clean).toFixed(2)} %`);
    for (const m of s.missed) console.log(`      missed: ${m.kind} (${m.rule}) on ${m.meters.join(',')} ${new Date(m.from).toISOString()}`);
    const swapFindings = findings.filter((f) => swap.includes(f.meter) && f.severity !== 'info');
    assert.deepEqual(swapFindings, [], 'a registered swap is not an error');
    assert.ok(hits / faults.length >= 0.99, `recall ${hits}/${faults.length}`);
    assert.ok(anyFp / s.clean <= 0.01, `false positives ${anyFp}/${s.clean}`);
  });

  it('a fault-free year gives no blocking finding', () => {
    const year = simulatedYear(false, 23);
    const findings = validate({ series: seriesOf(year.tracks), registry: new RegistryView(year.registry) }, RULES);
    const blocking = findings.filter((f) => f.severity === 'block');
    const bySeverity = ['info', 'warning', 'block'].map((sev) => `${sev} ${findings.filter((f) => f.severity === sev).length}`).join(', ');
    console.log(`      fault-free year: ${bySeverity}`);
    assert.deepEqual(blocking.slice(0, 5), []);
  });
});
