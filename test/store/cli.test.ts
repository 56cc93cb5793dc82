/**
 * The storage command-line contract, through the real launcher (bin/imd.js) as child processes
 * on a temporary data folder: `imd registry import` (all or nothing, stderr naming line, column
 * and reason), `imd store` from NDJSON, `imd stats`, `imd registry export` and `report`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleReading } from '../../lib/store/sample-readings';
import { repoRoot } from '../support/repo-root';
import { spawnImd } from '../support/run-imd';

const LIST = ['Lägenhetsnummer;Objekt-id;Mätarnummer;Medium;Placering',
  '1101;OBJ-1101;11111111;Kallvatten;Kök', '1102;OBJ-1102;22222222;Varmvatten;Kök'].join('\r\n');

describe('imd stats / registry / store (child processes)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), 'imd-cli-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const data = () => ['--data', path.join(dir, 'data')];
  const stats = () => JSON.parse(spawnImd(['stats', ...data()]).stdout) as Record<string, unknown>;

  it('imports a good list, refuses a broken one without changing anything, and exports it back', () => {
    const good = path.join(dir, 'meters.csv');
    writeFileSync(good, Buffer.from(LIST, 'latin1')); // ISO-8859-1, as Excel on Swedish Windows saves it
    const ok = spawnImd(['registry', 'import', good, ...data()]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout), { apartments: 2, meters: 2 });

    const bad = path.join(dir, 'broken.csv');
    writeFileSync(bad, `${LIST}\r\n1103;OBJ-1103;33333333;Vatn;Bad\r\n1104;OBJ-1104;11111111;KV;Bad\r\n1105;OBJ-1105;55555555;KV;Bad\r\n`);
    const refused = spawnImd(['registry', 'import', bad, ...data()]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /line 4, column "Medium": unknown medium 'Vatn'/);
    assert.match(refused.stderr, /line 5, column "Mätarnummer": meter 11111111 is already on line 2/);
    assert.match(refused.stderr, /2 problem\(s\); nothing imported/);
    assert.deepEqual(stats(), { meters: 2, readings: 0, lastReadingAt: null }, 'line 6 (good) was not imported either');

    const out = path.join(dir, 'export.csv');
    assert.equal(spawnImd(['registry', 'export', out, ...data()]).code, 0);
    assert.match(readFileSync(out, 'utf8'), /OBJ-1101;;11111111;cold-water;Kök/);
  });

  it('stores NDJSON readings from stdin, idempotently, and stats reports them', () => {
    const lines = [0, 1, 2].map((h) => JSON.stringify(sampleReading({ timestamp: `2025-02-01T0${h}:00:00.000Z` }))).join('\n');
    const first = spawnImd(['store', ...data()], `${lines}\n`);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { readings: 3, inserted: 3, duplicates: 0, rejected: 0 });
    const again = spawnImd(['store', '-', ...data()], `${lines}\n{"meter":{}}\nnot json\n`);
    assert.equal(again.code, 1);
    assert.deepEqual(JSON.parse(again.stdout), { readings: 5, inserted: 0, duplicates: 3, rejected: 2 });
    assert.match(again.stderr, /reading 4: .*not a canonical Reading/);
    assert.match(again.stderr, /reading 5: not JSON/);
    assert.deepEqual(stats(), { meters: 1, readings: 3, lastReadingAt: '2025-02-01T02:00:00.000Z' });
  });

  it('uses IMD_DATA when --data is not given', () => {
    const child = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'imd.js'), 'stats'],
      { env: { ...process.env, IMD_DATA: path.join(dir, 'env-data') }, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { meters: 0, readings: 0, lastReadingAt: null });
    assert.ok(readFileSync(path.join(dir, 'env-data', 'imd.sqlite')).length > 0);
  });

  it('reports commissioning: expected, heard, unknown', () => {
    const list = path.join(dir, 'meters.csv');
    writeFileSync(list, LIST);
    spawnImd(['registry', 'import', list, ...data()]);
    const scan = '{"secondaryAddress":"1111111124400107","id":"11111111","manufacturer":"PAD","version":1,"medium":"water"}\n{"id":"99999999"}\n';
    const run = spawnImd(['registry', 'report', '--heard', '-', ...data()], scan);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual([report.expected, report.heard.length, report.missing[0].serial, report.unknown[0].id], [2, 1, '22222222', '99999999']);
  });
});
