/**
 * The `imd decode` contract: one JSON object per telegram (NDJSON), ok:false with the offset for
 * bad input, exit 0/1/2, telegrams as arguments or one per line on stdin, streamed with bounded
 * output buffering; wireless telegrams with keys. Runs in-process and through the real bin/imd.js.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../cli/main';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OMS_MODE_5 as OMS_EXAMPLE } from '../../adapters/protocols/wmbus/fixtures/oms-examples';
import { parseNdjson, runImd, spawnImd } from '../support/run-imd';

/** The classic EN 13757-3 example: long frame, long header, meter id 12345678. */
const EXAMPLE_FRAME = '68 1F 1F 68 08 02 72 78 56 34 12 24 40 01 07 55 00 00 00 03 13 15 31 00 DA 02 3B 13 01 8B 60 04 37 18 02 18 16';

/** OMS Annex N security profile A example (wireless, frame format A, mode 5) and its published test key. */
const OMS_MODE_5 = OMS_EXAMPLE.hex;
const OMS_KEY = OMS_EXAMPLE.key;

function pick(o: unknown, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]]));
}

function assertDecodedExample(result: Record<string, unknown> | undefined): void {
  assert.equal(result?.ok, true, JSON.stringify(result));
  assert.equal((result.header as { id?: unknown } | null)?.id, '12345678');
}

function assertFailure(result: Record<string, unknown> | undefined, offset: number): void {
  assert.deepEqual(Object.keys(result ?? {}), ['ok', 'error', 'offset']);
  assert.equal(result?.ok, false);
  assert.equal(typeof result?.error, 'string');
  assert.equal(result?.offset, offset, JSON.stringify(result));
}

describe('imd decode', () => {
  describe('telegrams as arguments', () => {
    it('decodes the EN 13757-3 example frame and exits 0', async () => {
      const run = await runImd(['decode', EXAMPLE_FRAME]);
      assertDecodedExample(parseNdjson(run.stdout)[0]);
      assert.equal(run.code, 0);
    });

    it('reports bad hex as ok:false with the offset of the bad character and exits 1', async () => {
      const run = await runImd(['decode', '68 1F 1G']);
      const [result] = parseNdjson(run.stdout);
      assertFailure(result, 7);
      assert.match(String(result?.error), /'G'/);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, '');
    });

    it('prints one object per argument, in argument order', async () => {
      const run = await runImd(['decode', '0Z', '12 3', 'ABCG']);
      const results = parseNdjson(run.stdout);
      assert.equal(results.length, 3);
      results.forEach((result, i) => assertFailure(result, [1, 4, 3][i]!));
    });

    it('exits 1 when any telegram fails even though others decoded', async () => {
      const run = await runImd(['decode', EXAMPLE_FRAME, '0Z']);
      const [decoded, failed] = parseNdjson(run.stdout);
      assertDecodedExample(decoded);
      assertFailure(failed, 1);
      assert.equal(run.code, 1);
    });
  });

  describe('telegrams on standard input', () => {
    it('reads one telegram per line, skipping blank lines and # comments', async () => {
      const stdin = '# meter log\n\n   \n0Z\r\n  # indented comment\n12 3G\n';
      const run = await runImd(['decode'], stdin);
      const results = parseNdjson(run.stdout);
      assert.equal(results.length, 2);
      assertFailure(results[0], 1);
      assertFailure(results[1], 4);
      assert.equal(run.code, 1);
    });

    it('accepts spaces inside a telegram', async () => {
      const run = await runImd(['decode'], `${EXAMPLE_FRAME}\n`);
      assertDecodedExample(parseNdjson(run.stdout)[0]);
      assert.equal(run.code, 0);
    });

    it('answers each line as it arrives, before the input ends', async () => {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const running = main(['decode'], { stdin, stdout, stderr: new PassThrough() });
      stdin.write('0Z\n');
      const [firstOutput] = await once(stdout, 'data');
      assertFailure(parseNdjson(String(firstOutput))[0], 1);
      stdin.end('1G\n');
      assert.equal(await running, 1);
    });

    it('waits for a slow reader instead of buffering the output', async () => {
      const lines = 20_000;
      let received = '';
      let mostBuffered = 0;
      const slowStdout = new Writable({
        write(chunk: Buffer, _encoding, done) {
          received += chunk.toString();
          mostBuffered = Math.max(mostBuffered, this.writableLength);
          setTimeout(done, 1);
        },
      });
      const code = await main(['decode'], { stdin: PassThrough.from(['0Z\n'.repeat(lines)]), stdout: slowStdout, stderr: new PassThrough() });
      assert.equal(code, 1);
      assert.equal(parseNdjson(received).length, lines);
      assert.ok(mostBuffered < 128 * 1024, `output buffered up to ${mostBuffered} bytes`);
    });
  });

  describe('options', () => {
    it('--pretty indents each object, still one object per telegram', async () => {
      const run = await runImd(['decode', '--pretty', '0Z', '1G']);
      const objects = run.stdout.trimEnd().split(/\n(?=\{)/);
      assert.equal(objects.length, 2);
      for (const text of objects) {
        assert.match(text, /^\{\n {2}"ok": false,\n/);
        assertFailure(JSON.parse(text) as Record<string, unknown>, 1);
      }
    });

    it('rejects an unknown option with exit 2, the reason and the usage on stderr', async () => {
      const run = await runImd(['decode', '--bogus', EXAMPLE_FRAME]);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^imd decode: Unknown option '--bogus'\n/);
      assert.match(run.stderr, /Usage: imd decode/);
    });
  });

  describe('wireless M-Bus', () => {
    it('auto-detects a wireless telegram and decrypts it with --key', async () => {
      const run = await runImd(['decode', '--key', `12345678=${OMS_KEY}`, OMS_MODE_5]);
      const [result] = parseNdjson(run.stdout);
      assert.equal(result?.ok, true, JSON.stringify(result));
      assert.deepEqual(pick(result?.frame, ['type', 'format', 'function', 'manufacturer', 'id']), { type: 'wireless', format: 'A', function: 'SND_NR', manufacturer: 'ELS', id: '12345678' });
      assert.equal((result?.records as Array<{ value: unknown }>)[0]?.value, 28504.27);
      assert.equal(run.code, 0);
    });

    it('without a key: ok:false naming the meter, with the unencrypted header', async () => {
      const run = await runImd(['decode', OMS_MODE_5]);
      const [result] = parseNdjson(run.stdout);
      assert.deepEqual(Object.keys(result ?? {}), ['ok', 'error', 'offset', 'header']);
      assert.match(String(result?.error), /^meter ELS 12345678: telegram is encrypted/);
      assert.equal((result?.header as { accessNumber: number }).accessNumber, 0x2a);
      assert.equal(run.code, 1);
    });

    it('reads --keys files (JSON or id=hex lines) and never prints a key', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'imd-keys-'));
      const json = path.join(dir, 'keys.json');
      const lines = path.join(dir, 'keys.txt');
      writeFileSync(json, JSON.stringify({ 12345678: '00'.repeat(16) }));
      writeFileSync(lines, `# meter keys\n12345678=${OMS_KEY}\n`);
      const wrong = await runImd(['decode', '--keys', json, OMS_MODE_5]);
      assert.match(String(parseNdjson(wrong.stdout)[0]?.error), /^meter ELS 12345678: wrong key/);
      assert.doesNotMatch(wrong.stdout, /0{32}/);
      const right = await runImd(['decode', '--keys', lines, OMS_MODE_5]);
      assert.equal(parseNdjson(right.stdout)[0]?.ok, true);
      assert.doesNotMatch(right.stdout + right.stderr, new RegExp(OMS_KEY, 'i'));
    });

    it('--wmbus forces the wireless decoder, --wired the wired one', async () => {
      const wireless = await runImd(['decode', '--wmbus', EXAMPLE_FRAME]);
      assert.equal(parseNdjson(wireless.stdout)[0]?.ok, false);
      const wired = await runImd(['decode', '--wired', OMS_MODE_5]);
      assert.match(String(parseNdjson(wired.stdout)[0]?.error), /start|length|checksum/);
    });

    it('rejects a malformed --key with exit 2', async () => {
      const run = await runImd(['decode', '--key', '12345678=ABC', OMS_MODE_5]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /32 hex digits/);
    });
  });

  describe('through bin/imd.js', () => {
    it('decodes arguments: bad hex gives ok:false with its offset and exit 1', () => {
      const run = spawnImd(['decode', '68 1F 1G']);
      assertFailure(parseNdjson(run.stdout)[0], 7);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, '');
    });

    it('decodes standard input line by line', () => {
      const run = spawnImd(['decode'], `# two telegrams\n${EXAMPLE_FRAME}\n\n0Z\n`);
      const [decoded, failed] = parseNdjson(run.stdout);
      assertDecodedExample(decoded);
      assertFailure(failed, 1);
      assert.equal(run.code, 1);
    });
  });
});
