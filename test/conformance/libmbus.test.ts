/**
 * Conformance with libmbus's test corpus (../shared/conformance/libmbus, read in place): every
 * test frame decoded and compared record by record (value, unit, storage number, function);
 * error frames rejected with a clear error; unsupported frames handled without a crash.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import { DecodeError } from '../../lib/errors';
import { fromHex } from '../../lib/hex';
import { loadCorpusOrSkip } from '../support/conformance-data';
import { repoRoot } from '../support/repo-root';
import { compareCase, type LibmbusCase, type RecordDifference } from './libmbus-compare';
import { LIBMBUS_KNOWN_DIFFERENCES } from './libmbus-known-differences';

interface Corpus { cases: LibmbusCase[] }

const FIELDS_PER_RECORD = 4;

describe('conformance: libmbus test frames', function () {
  let corpus: Corpus;
  before(function () { corpus = loadCorpusOrSkip<Corpus>(this, 'libmbus/cases.json'); });

  it('agrees with libmbus on ≥ 99 % of compared fields; every difference is a documented one', function () {
    const tests = corpus.cases.filter((c) => c.set === 'test-frames');
    const differences: RecordDifference[] = [];
    let records = 0;
    for (const c of tests) {
      const r = compareCase(c);
      records += r.compared;
      differences.push(...r.differences);
    }
    const fields = records * FIELDS_PER_RECORD;
    const differingRecords = new Set(differences.map((d) => `${d.caseId}#${d.index}`)).size;
    const fieldAgreement = (fields - differences.length) / fields;
    console.log(`      ${tests.length} frames, ${records} records: ${records - differingRecords} records agree fully ` +
      `(${((1 - differingRecords / records) * 100).toFixed(2)} %), ${fields - differences.length}/${fields} fields agree ` +
      `(${(fieldAgreement * 100).toFixed(2)} %)`);
    const known = new Set(LIBMBUS_KNOWN_DIFFERENCES.map((k) => `${k.caseId}#${k.index}`));
    const unexplained = differences.filter((d) => !known.has(`${d.caseId}#${d.index}`));
    assert.deepEqual(unexplained, [], 'differences from libmbus not listed in libmbus-known-differences.ts');
    assert.ok(fieldAgreement >= 0.99, `field agreement ${fieldAgreement} is below 99 %`);
  });

  it('lists every known difference in the M-Bus adapter README', function () {
    const readme = readFileSync(path.join(repoRoot(), 'adapters', 'protocols', 'mbus', 'README.md'), 'utf8');
    for (const k of LIBMBUS_KNOWN_DIFFERENCES) {
      assert.ok(readme.includes(`\`${k.caseId}\` #${k.index}`), `README does not list \`${k.caseId}\` #${k.index}`);
    }
  });

  it('rejects every error frame with a DecodeError that says what and where', function () {
    for (const c of corpus.cases.filter((x) => x.set === 'error-frames')) {
      assert.throws(() => decodeTelegram(fromHex(c.hex)), (err: unknown) => {
        assert.ok(err instanceof DecodeError, `${c.case_id}: not a DecodeError: ${String(err)}`);
        assert.ok(err.message.length > 20, `${c.case_id}: message too short: ${err.message}`);
        assert.ok(err.offset >= 0 && err.offset <= c.hex.length / 2, `${c.case_id}: offset ${err.offset}`);
        if (c.error_kind?.startsWith('application error')) assert.equal(err.code, 'application-error', c.case_id);
        return true;
      }, c.case_id);
    }
  });

  it('handles every unsupported frame: a clear error, or a decode marked master-to-slave', function () {
    for (const c of corpus.cases.filter((x) => x.set === 'unsupported-frames')) {
      try {
        const t = decodeTelegram(fromHex(c.hex));
        if (c.error?.includes('direction')) assert.equal(t.frame.direction, 'master-to-slave', c.case_id);
        else assert.equal(c.error, null, `${c.case_id}: libmbus rejects it (${c.error}) but we decoded it`);
      } catch (err) {
        assert.ok(err instanceof DecodeError, `${c.case_id}: ${String(err)}`);
      }
    }
  });
});
