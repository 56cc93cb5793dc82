/**
 * `imd rules list|set|history`: special rules set from the command line are versioned (who,
 * when, what, why), listed as the overrides in effect (also as of an older version), applied
 * by `imd validate --data`, and an invalid rule, scope, setting or value is a usage error
 * (exit 2) naming it, with nothing recorded. In-process, plus the real launcher once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseNdjson, runImd, spawnImd } from '../support/run-imd';
import { READINGS_NDJSON, REGISTRY } from './review-fixtures';

describe('imd rules', () => {
  let data: string;
  beforeEach(() => { data = mkdtempSync(path.join(tmpdir(), 'imd-rules-')); });
  afterEach(() => rmSync(data, { recursive: true, force: true }));

  const rules = async (...args: string[]) => {
    const run = await runImd(['rules', ...args, '--data', data]);
    assert.equal(run.code, 0, run.stderr);
    return parseNdjson(run.stdout);
  };
  const set = (rule: string, scope: string, setting: string, value: string, by: string, ...more: string[]) =>
    rules('set', '--rule', rule, '--scope', scope, '--setting', setting, '--value', value, '--by', by, ...more);
  const what = (lines: Array<Record<string, unknown>>) => lines.map((l) => [l.version, l.rule, l.scope, l.setting, l.value]);

  it('records versioned changes, lists the overrides in effect and shows the history', async () => {
    const [first] = await set('hot-water-share', 'building:Hus A', 'high', '0.85', 'anna', '--reason', 'student flats');
    assert.deepEqual(Object.keys(first!), ['version', 'at', 'by', 'rule', 'scope', 'setting', 'value', 'reason']);
    assert.deepEqual([first!.version, first!.by, first!.value, first!.reason], [1, 'anna', 0.85, 'student flats']);
    await set('spike', 'medium:hot-water', 'severity', 'warning', 'bo');
    await set('counter', 'all', 'enabled', '0', 'bo');
    await set('hot-water-share', 'building:Hus A', 'high', 'default', 'anna', '--reason', 'flats rebuilt');
    assert.deepEqual(what(await rules('list')), [[3, 'counter', 'all', 'enabled', 0], [2, 'spike', 'medium:hot-water', 'severity', 'warning']]);
    assert.deepEqual(what(await rules('list', '--as-of', '1')), [[1, 'hot-water-share', 'building:Hus A', 'high', 0.85]]);
    const history = await rules('history');
    assert.deepEqual(history.map((l) => [l.version, l.by, l.reason]), [[1, 'anna', 'student flats'], [2, 'bo', null], [3, 'bo', null], [4, 'anna', 'flats rebuilt']]);
    for (const l of history) assert.ok(Number.isFinite(Date.parse(String(l.at))), 'when');
  });

  it('applies to imd validate --data', async () => {
    const registry = path.join(data, 'meters.csv');
    writeFileSync(registry, REGISTRY);
    const severity = async () => parseNdjson((await runImd(['validate', '--registry', registry, '--readings', '-', '--data', data], READINGS_NDJSON)).stdout)
      .find((l) => l.rule === 'certification')?.severity;
    assert.equal(await severity(), 'block');
    await set('certification', 'meter:11110001', 'severity', 'warning', 'anna', '--reason', 'replacement ordered');
    assert.equal(await severity(), 'warning');
  });

  it('rejects an invalid rule, scope, setting or value with exit 2, naming it, and records nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--rule', 'nope', '--scope', 'all', '--setting', 'severity', '--value', 'info'], /unknown rule 'nope'/],
      [['--rule', 'spike', '--scope', 'floor:3', '--setting', 'severity', '--value', 'info'], /--scope 'floor:3' is not all or medium:/],
      [['--rule', 'spike', '--scope', 'medium:gas', '--setting', 'severity', '--value', 'info'], /--scope medium 'gas' is not one of cold-water/],
      [['--rule', 'spike', '--scope', 'building:', '--setting', 'severity', '--value', 'info'], /--scope 'building:'/],
      [['--rule', 'spike', '--scope', 'all', '--setting', 'size', '--value', '1'], /rule spike has no setting 'size'/],
      [['--rule', 'spike', '--scope', 'all', '--setting', 'severity', '--value', 'huge'], /severity must be one of info, warning, block/],
      [['--rule', 'spike', '--scope', 'all', '--setting', 'minDays', '--value', 'ten'], /minDays must be a number/],
      [['--rule', 'spike', '--scope', 'all', '--setting', 'minDays', '--value', ' '], /--value is empty/],
      [['--rule', 'spike', '--scope', 'all', '--setting', 'minDays'], /set needs --value, --by/],
    ];
    for (const [args, message] of cases) {
      const run = await runImd(['rules', 'set', ...args, ...(args.includes('--value') ? ['--by', 'anna'] : []), '--data', data]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr.split('\n')[0]!, message);
    }
    assert.equal((await runImd(['rules', 'list', '--as-of', '-1', '--data', data])).code, 2);
    assert.equal((await runImd(['rules', 'remove', '--data', data])).code, 2);
    assert.deepEqual(await rules('history'), []);
  });

  it('works through the real launcher', () => {
    const bad = spawnImd(['rules', 'set', '--rule', 'clock', '--scope', 'meter:42', '--setting', 'severity', '--value', 'loud', '--by', 'anna', '--data', data]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /severity must be one of/);
    const ok = spawnImd(['rules', 'set', '--rule', 'clock', '--scope', 'meter:42', '--setting', 'severity', '--value', 'info', '--by', 'anna', '--data', data]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(what(parseNdjson(spawnImd(['rules', 'list', '--data', data]).stdout)), [[1, 'clock', 'meter:42', 'severity', 'info']]);
  });
});
