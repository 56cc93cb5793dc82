/**
 * `imd bill --deliver --mail` end to end on the fixture building, against a real SMTP server
 * with STARTTLS and AUTH (smtp-server.ts): the file delivered to a local folder, then the
 * receipt mailed with deliveredAt in it and mailedAt/mailedTo printed; running again mails
 * nothing, --mail-to another address mails that one; a mail failure after the delivery exits 1
 * saying the files went out and the receipt is stored, and the same command again retries the
 * mail only; --out --mail writes the mailed receipt beside the files; a missing mail config is
 * a usage error before anything is closed. Skipped without python3-aiosmtpd (failed in CI).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { requirePeer } from '../support/peer-required';
import { runImd } from '../support/run-imd';
import { fixtureBuilding, PROPERTY } from './fixture-building';
import { attachmentBytes, makeTestCa, smtpPeerMissing, startSmtpServer, type SmtpServer } from './smtp-server';

const PASSWORD = 'billing-mail-pw-42';
const ENV = 'IMD_TEST_CLI_SMTP_PASSWORD';

describe('billing: imd bill --mail', function () {
  let dir: string;
  let smtp: SmtpServer;
  const saved = process.env[ENV];

  before(async function () {
    requirePeer(this, smtpPeerMissing());
    dir = mkdtempSync(path.join(tmpdir(), 'imd-bill-mail-'));
    fixtureBuilding(path.join(dir, 'imd.sqlite')).close();
    const ca = makeTestCa(dir);
    smtp = await startSmtpServer({ tls: ca, user: 'imd', password: PASSWORD });
    writeFileSync(path.join(dir, 'delivery.json'), JSON.stringify({ type: 'local-folder', path: path.join(dir, 'outbox') }));
    writeFileSync(path.join(dir, 'mail.json'), JSON.stringify({ host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'imd',
      passwordEnv: ENV, from: 'imd@example.se', to: ['ekonomi@example.se'], caFile: ca.caFile }));
  });
  afterEach(() => { if (saved === undefined) delete process.env[ENV]; else process.env[ENV] = saved; });
  after(async () => {
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const bill = (...more: string[]) => runImd(['bill', '--data', dir, '--period', '2026-10', '--property', PROPERTY, ...more]);

  it('delivers, then mails the receipt with deliveredAt; again mails nothing; --mail-to another address mails that one', async () => {
    process.env[ENV] = PASSWORD;
    const run = await bill('--format', 'momentum', '--deliver', '--mail');
    assert.equal(run.code, 0, run.stderr);
    const receipt = JSON.parse(run.stdout);
    assert.ok(receipt.deliveredAt && receipt.mailedAt);
    assert.deepEqual(receipt.mailedTo, ['ekonomi@example.se']);
    assert.deepEqual(readdirSync(path.join(dir, 'outbox', 'in')), ['momentum_imd_Eken_1_2026-10_v1.csv']);
    const [mail] = smtp.received();
    assert.deepEqual([mail!.subject, mail!.login, mail!.tls], ['IMD export receipt Eken 1 2026-10 v1 momentum', 'imd', true]);
    assert.match(mail!.text, new RegExp(`^Delivered at: .+ Swedish time \\(${receipt.deliveredAt}\\) to file://${path.join(dir, 'outbox', 'in')}$`, 'm'));
    const { mailedAt: _at, mailedTo: _to, ...asMailed } = receipt;
    assert.deepEqual(JSON.parse(attachmentBytes(mail!.attachments[0]!).toString()), asMailed);

    const again = await bill('--format', 'momentum', '--deliver', '--mail');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, run.stdout);
    assert.equal(smtp.received().length, 1);

    const other = await bill('--format', 'momentum', '--deliver', '--mail-to', 'revisor@example.se');
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual(JSON.parse(other.stdout).mailedTo, ['ekonomi@example.se', 'revisor@example.se']);
    assert.deepEqual(smtp.received().map((m) => m.rcptTos), [['ekonomi@example.se'], ['revisor@example.se']]);
  });

  it('a mail failure after delivery exits 1 saying what is done; the same command again retries the mail only', async () => {
    process.env[ENV] = 'not-the-password';
    const failed = await bill('--format', 'vitec', '--deliver', '--mail');
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, new RegExp(`^imd bill: the billing files were delivered to file://${path.join(dir, 'outbox', 'import')} and export receipt \\d+ is stored, but the receipt was not mailed: `
      + `smtp://imd@127\\.0\\.0\\.1:\\d+ \\(starttls\\): login as 'imd' refused: 535 .+ — running the same command again retries the mail only\\n$`));
    assert.ok(!failed.stderr.includes('not-the-password'));
    const printed = JSON.parse(failed.stdout);
    assert.ok(printed.deliveredAt && printed.mailedAt === undefined);
    const file = path.join(dir, 'outbox', 'import', 'VITEC_IMD_Eken_1_2026-10_1.txt');
    const delivered = statSync(file).mtimeMs;

    process.env[ENV] = PASSWORD;
    const retried = await bill('--format', 'vitec', '--deliver', '--mail');
    assert.equal(retried.code, 0, retried.stderr);
    const receipt = JSON.parse(retried.stdout);
    assert.deepEqual([receipt.receiptId, receipt.deliveredAt, receipt.mailedTo], [printed.receiptId, printed.deliveredAt, ['ekonomi@example.se']]);
    assert.equal(statSync(file).mtimeMs, delivered, 'not delivered again');
    assert.equal(smtp.received().at(-1)!.subject, 'IMD export receipt Eken 1 2026-10 v1 vitec');
  });

  it('--out --mail writes the mailed receipt beside the files', async () => {
    process.env[ENV] = PASSWORD;
    const out = path.join(dir, 'out');
    const run = await bill('--format', 'generic-csv', '--out', out, '--mail-to', 'a@example.se;b@example.se');
    assert.equal(run.code, 0, run.stderr);
    const written = JSON.parse(readFileSync(path.join(out, 'receipt-Eken_1-2026-10-v1-generic-csv.json'), 'utf8'));
    assert.deepEqual(written, JSON.parse(run.stdout));
    assert.deepEqual(written.mailedTo, ['a@example.se', 'b@example.se']);
    assert.match(smtp.received().at(-1)!.text, /^Delivered at: not delivered by the hub/m);
  });

  it('a missing mail config or a bad address is a usage error (exit 2) before anything is closed or delivered', async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), 'imd-bill-nomail-'));
    try {
      fixtureBuilding(path.join(fresh, 'imd.sqlite')).close();
      writeFileSync(path.join(fresh, 'delivery.json'), JSON.stringify({ type: 'local-folder', path: path.join(fresh, 'outbox') }));
      const args = ['bill', '--data', fresh, '--period', '2026-10', '--property', PROPERTY, '--format', 'momentum', '--deliver'];
      const missing = await runImd([...args, '--mail']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, new RegExp(`^imd bill: mail config ${path.join(fresh, 'mail.json')} is missing \\(see adapters/transports/smtp/README\\.md\\)`));
      const bad = await runImd([...args, '--mail-config', path.join(dir, 'mail.json'), '--mail-to', 'ekonomi']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--mail-to: 'ekonomi' is not a mail address/);
      assert.equal(existsSync(path.join(fresh, 'outbox')), false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
