/**
 * `imd validate` and `imd review` end to end, in-process: the exact NDJSON finding contract,
 * blocking findings held in the review queue, decisions (approve / correct billed next month /
 * exclude) each in the audit trail; special rules versioned and applied.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../adapters/validators';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { loadSettings, recordSetting } from '../../lib/validation';
import { parseNdjson, runImd } from '../support/run-imd';
import { READINGS_NDJSON as READINGS, REGISTRY } from './review-fixtures';

describe('imd validate and imd review', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imd-validate-'));
  const registry = path.join(dir, 'meters.csv');
  writeFileSync(registry, REGISTRY);

  it('prints one finding per line in the exact contract, exit 0', async () => {
    const run = await runImd(['validate', '--registry', registry, '--readings', '-'], READINGS);
    assert.equal(run.code, 0, run.stderr);
    const lines = parseNdjson(run.stdout);
    for (const l of lines) assert.deepEqual(Object.keys(l), ['meter', 'from', 'to', 'rule', 'severity', 'message']);
    const rules = lines.map((l) => `${l.meter} ${l.rule} ${l.severity}`);
    assert.ok(rules.includes('11110001 counter block'), rules.join('\n'));
    assert.ok(rules.includes('11110001 certification block'), 'installed 2012: 10 years passed');
    assert.ok(rules.includes('11110002 status-flags warning'));
  });

  it('holds blocking findings and audits every decision', async () => {
    const data = path.join(dir, 'data');
    const held = await runImd(['validate', '--registry', registry, '--readings', '-', '--data', data, '--hold'], READINGS);
    assert.match(held.stderr, /2 new item\(s\) held/);
    const items = parseNdjson((await runImd(['review', 'list', '--data', data])).stdout);
    assert.deepEqual(items.map((i) => i.rule).sort(), ['certification', 'counter']);
    const counter = items.find((i) => i.rule === 'counter')!;
    const corrected = await runImd(['review', 'correct', String(counter.id), '--value', '0.02', '--reason', 'read on site', '--by', 'anna', '--next-month', '--data', data]);
    assert.equal(corrected.code, 0, corrected.stderr);
    assert.equal(parseNdjson(corrected.stdout)[0]!.status, 'corrected');
    const again = await runImd(['review', 'approve', String(counter.id), '--by', 'bo', '--data', data]);
    assert.equal(again.code, 1);
    const other = items.find((i) => i.rule === 'certification')!;
    assert.equal((await runImd(['review', 'exclude', String(other.id), '--by', 'bo', '--reason', 'meter replaced', '--data', data])).code, 0);
    const shown = parseNdjson((await runImd(['review', 'show', String(counter.id), '--data', data])).stdout)[0] as { decisions: Array<Record<string, unknown>> };
    assert.deepEqual(shown.decisions.map((d) => [d.action, d.by]), [['held', 'validation'], ['correct', 'anna']]);
    assert.equal(shown.decisions[1]!.billMonth, '2025-04');
    assert.deepEqual(parseNdjson((await runImd(['review', 'list', '--data', data])).stdout), []);
    const store = SystemOfRecord.open(databasePath(data));
    try {
      recordSetting(store, { rule: 'certification', scope: { meter: '11110001' }, setting: 'severity', value: 'warning', by: 'anna', reason: 'replacement ordered' }, RULES);
      assert.equal(loadSettings(store).version, 1);
      assert.throws(() => recordSetting(store, { rule: 'spike', scope: {}, setting: 'nope', value: 1, by: 'x' }, RULES), /no setting 'nope'/);
    } finally {
      store.close();
    }
    const after = parseNdjson((await runImd(['validate', '--registry', registry, '--readings', '-', '--data', data], READINGS)).stdout);
    assert.equal(after.find((l) => l.rule === 'certification')!.severity, 'warning', 'the special rule applies');
  });
});
