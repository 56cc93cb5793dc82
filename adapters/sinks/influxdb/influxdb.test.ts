/**
 * InfluxDB sink without a server: the schema against the golden lines, the register key as
 * the tag set, and the sink's request, retry, dead-letter and disk-buffer behaviour against an
 * in-test HTTP server that checks what the 1.x and 2.x APIs would receive (path, query,
 * headers, body). The real InfluxDB 1.6 tests are in test/influxdb/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ForwardBuffer } from '../../../lib/collection';
import type { Reading } from '../../../lib/reading';
import { repoRoot } from '../../../test/support/repo-root';
import { InfluxSink, toLine, toLines, UnwritableReading, type InfluxConnection } from '.';

const fixtures = path.join(repoRoot(), 'adapters', 'sinks', 'influxdb', 'fixtures');
const readings = JSON.parse(readFileSync(path.join(fixtures, 'readings.json'), 'utf8')) as Reading[];
const lookup = (m: Reading['meter']) => (m.id === '12345678' ? { property: 'BRF Linden', building: 'Hus A', apartment: '1102' } : undefined);
/** The series key of a line: measurement and tags, up to the first unescaped space. */
const seriesKey = (line: string): string => /^(?:\\.|[^ \\])*/.exec(line)![0];

interface Request { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

/** An HTTP server answering with the next status of `statuses` (the last one repeats), recording each request. */
async function fakeInflux(statuses: number[]): Promise<{ url: string; requests: Request[]; close(): Promise<void> }> {
  const requests: Request[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const status = statuses[Math.min(requests.length, statuses.length) - 1]!;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(status === 204 ? '' : JSON.stringify({ error: `unable to parse '${body.split('\n')[0]}': bad timestamp` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('adapters/sinks/influxdb', () => {
  describe('schema (line protocol)', () => {
    it('turns the fixture readings into the golden lines', () => {
      const expected = readFileSync(path.join(fixtures, 'expected.lp'), 'utf8').trimEnd().split('\n');
      assert.deepEqual(toLines(readings, { lookup }), { lines: expected, unwritable: [] });
    });

    it('tags a register repeated in one frame with its record position, the first one excepted', () => {
      const { lines } = toLines(readings.slice(0, 2));
      assert.equal(new Set(lines.map(seriesKey)).size, 2);
      assert.doesNotMatch(lines[0]!, /,record=/);
      assert.match(lines[1]!, /,record=5,/);
      assert.deepEqual(toLines(readings.slice(0, 2)), toLines(readings.slice(0, 2)), 'the same frame again gives the same points');
    });

    it('gives every register its own series: storage, tariff, subunit, function and qualifiers are tags', () => {
      const base = readings[0]!;
      const variants: Reading[] = [base, { ...base, storage: 1 }, { ...base, tariff: 1 }, { ...base, subunit: 1 },
        { ...base, function: 'maximum' }, { ...base, qualifiers: ['per-hour'] }, { ...base, meter: { ...base.meter, manufacturer: 'KAM' } }];
      const keys = variants.map((r) => seriesKey(toLine(r)));
      assert.equal(new Set(keys).size, variants.length, keys.join('\n'));
    });

    it('writes the same reading as the same point, whenever it was received', () => {
      const again = { ...readings[0]!, receivedAt: '2030-01-01T00:00:00Z', source: { ...readings[0]!.source, via: 'other' } };
      assert.equal(toLine(again), toLine(readings[0]!));
    });

    it('refuses a reading whose timestamp is not a date', () => {
      assert.throws(() => toLine({ ...readings[0]!, timestamp: 'yesterday' }), UnwritableReading);
    });
  });

  describe('sink against an in-test HTTP server', function () {
    let dir = '';
    beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'imd-influx-sink-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const open = (connection: InfluxConnection) =>
      InfluxSink.open({ connection, dir, flushIntervalMs: 10, retry: { initialDelayMs: 20, maxDelayMs: 40 } });

    it('1.x: POST /write?db=&rp=&precision=ms with basic auth; retries 503 until 204', async () => {
      const server = await fakeInflux([503, 503, 204]);
      const sink = await open({ version: 1, url: server.url, database: 'imd', retentionPolicy: 'one year', username: 'u', password: 'p' });
      await sink.write(readings);
      await sink.drained();
      await sink.close();
      await server.close();
      assert.equal(server.requests.length, 3);
      const last = server.requests[2]!;
      assert.equal(last.url, '/write?db=imd&precision=ms&rp=one+year');
      assert.equal(last.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
      assert.equal(last.body, toLines(readings).lines.join('\n'));
      assert.equal(sink.stats().sent, readings.length);
    });

    it('2.x (as far as testable without a 2.x server): POST /api/v2/write?org=&bucket=&precision=ms, Token auth, the same lines', async () => {
      const server = await fakeInflux([204]);
      const sink = await open({ version: 2, url: server.url, org: 'brf', bucket: 'meters', token: 's3cret' });
      await sink.write(readings);
      await sink.drained();
      await sink.close();
      await server.close();
      assert.equal(server.requests.length, 1);
      const request = server.requests[0]!;
      assert.equal(request.method, 'POST');
      const url = new URL(request.url, server.url);
      assert.equal(url.pathname, '/api/v2/write');
      assert.deepEqual(Object.fromEntries(url.searchParams), { org: 'brf', bucket: 'meters', precision: 'ms' });
      assert.equal(request.headers.authorization, 'Token s3cret');
      assert.match(String(request.headers['content-type']), /^text\/plain/);
      assert.equal(request.body, toLines(readings).lines.join('\n'));
    });

    it('does not retry a 400: the refused lines go to the dead-letter file with the reason', async () => {
      const server = await fakeInflux([400]);
      const events: string[] = [];
      const sink = await InfluxSink.open({ connection: { version: 1, url: server.url, database: 'imd' }, dir, flushIntervalMs: 10,
        retry: { initialDelayMs: 20, maxDelayMs: 40 }, onEvent: (e) => events.push(e.kind) });
      await sink.write(readings.slice(0, 2));
      await sink.drained();
      await sink.close();
      await server.close();
      assert.equal(server.requests.length, 1, 'not retried');
      const letters = readFileSync(sink.deadLetter.file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: number; reason: string; lines: string[] });
      assert.equal(letters.length, 1);
      assert.equal(letters[0]!.status, 400);
      assert.match(letters[0]!.reason, /HTTP 400 .*unable to parse 'reading,function=instantaneous,manufacturer=PAD/);
      assert.deepEqual(letters[0]!.lines, toLines(readings.slice(0, 2)).lines);
      assert.deepEqual(events, ['dead-letter']);
      assert.equal(sink.stats().deadLettered, 2);
    });

    it('dead-letters readings that cannot become points, and buffers the rest', async () => {
      const server = await fakeInflux([204]);
      const sink = await open({ version: 1, url: server.url, database: 'imd' });
      const result = await sink.write([readings[0]!, { ...readings[1]!, timestamp: 'not a time' }]);
      await sink.drained();
      await sink.close();
      await server.close();
      assert.deepEqual(result, { buffered: 1, rejected: 1 });
      assert.match(readFileSync(sink.deadLetter.file, 'utf8'), /"reason":"timestamp 'not a time' is not a date".*"readings":\[/);
    });

    it('keeps what write() acknowledged on disk while InfluxDB is down, and sends it after a restart', async () => {
      const down = await fakeInflux([503]);
      const first = await open({ version: 1, url: down.url, database: 'imd' });
      await first.write(readings);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(first.stats().state, 'down');
      assert.equal(first.stats().pendingBatches, 1);
      await first.close();
      await down.close();
      const up = await fakeInflux([204]);
      const second = await open({ version: 1, url: up.url, database: 'imd' });
      await second.drained();
      await second.close();
      await up.close();
      assert.equal(up.requests.length, 1);
      assert.equal(up.requests[0]!.body.split('\n').length, readings.length);
    });

    it('still sends a batch journalled by the first version (lines as a JSON array)', async () => {
      const old = await ForwardBuffer.open<string[]>(path.join(dir, 'buffer'));
      await old.append(toLines(readings).lines);
      await old.close();
      const server = await fakeInflux([204]);
      const sink = await open({ version: 1, url: server.url, database: 'imd' });
      await sink.drained();
      await sink.close();
      await server.close();
      assert.equal(server.requests[0]!.body, toLines(readings).lines.join('\n'));
    });
  });
});
