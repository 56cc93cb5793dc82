/**
 * The validator plugins' golden fixtures, run by one generic runner (as wmbusmeters runs its
 * drivers' embedded telegrams): each adapters/validators/<id>/fixtures/*.json gives meters
 * (hourly values — a list, or a ramp with values set at hours), flags, clock offsets, an
 * optional registry, and the findings the rule must give: exactly those (meter, severity, check).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../adapters/validators';
import { flagBits, mediumGroup, RegistryView, SeriesBuilder, validate, type MeterInfo } from '../../lib/validation';
import { repoRoot } from '../support/repo-root';

interface FixtureMeter {
  id: string; medium: string; manufacturer?: string; via?: string; start: string;
  values: number[] | { from: number; perHour: number; hours: number; set?: Record<string, number> };
  flags?: Record<string, string[]>; offsets?: Record<string, number>; skip?: number[];
}
interface Fixture {
  about: string; now?: string; registry?: Array<Partial<MeterInfo> & { serial: string; medium: string; objectId: string }>;
  meters: FixtureMeter[]; expect: Array<{ meter: string; severity: string; check?: string }>;
}

function valuesOf(m: FixtureMeter): number[] {
  if (Array.isArray(m.values)) return m.values;
  const { from, perHour, hours, set = {} } = m.values;
  return Array.from({ length: hours }, (_, h) => set[h] ?? Math.round((from + perHour * h) * 1000) / 1000);
}

function run(ruleId: string, f: Fixture) {
  const builder = new SeriesBuilder();
  for (const m of f.meters) {
    const s = builder.series(m.id, m.manufacturer ?? '', mediumGroup(m.medium), m.via ?? '');
    const skip = new Set(m.skip ?? []);
    valuesOf(m).forEach((v, h) => {
      if (!skip.has(h)) builder.add(s, Date.parse(m.start) + h * 3_600_000, v, flagBits(m.flags?.[h]), m.offsets?.[h] ?? NaN);
    });
  }
  const registry = new RegistryView((f.registry ?? []).map((r) => ({ manufacturer: '', apartment: r.objectId, building: '', property: '', ...r, medium: mediumGroup(r.medium) })));
  const rule = RULES.find((r) => r.id === ruleId)!;
  return validate({ series: builder.finish(), registry, ...(f.now ? { now: Date.parse(f.now) } : {}) }, [rule]);
}

describe('validator fixtures', () => {
  const root = path.join(repoRoot(), 'adapters', 'validators');
  for (const id of RULES.map((r) => r.id)) {
    describe(id, () => {
      const dir = path.join(root, id, 'fixtures');
      for (const file of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
        const fixture = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Fixture;
        it(`${file}: ${fixture.about}`, () => {
          const got = run(id, fixture).map((x) => ({ meter: x.meter, severity: x.severity, ...(x.check && fixture.expect.some((e) => e.check) ? { check: x.check } : {}) }));
          assert.deepEqual(got, fixture.expect);
        });
      }
    });
  }
});
