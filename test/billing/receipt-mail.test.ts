/**
 * The export receipt mailed over SMTP to a real server (aiosmtpd, smtp-server.ts): plain SMTP
 * with the readable text and the receipt JSON attached (parsed back by Python's email package,
 * equal to the stored receipt); mailing recorded on the receipt and idempotent per address;
 * STARTTLS + AUTH with the password from an environment variable and a private CA from caFile;
 * implicit TLS; and the failures — wrong password, untrusted certificate, STARTTLS not offered,
 * server down, refused recipients — each a clear error without the password. Skipped with a
 * message when python3-aiosmtpd is not installed (failed in CI).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exporterById } from '../../adapters/exporters';
import { mailerFromConfig, readMailConfig, SmtpMailer, type MailConfig, type SmtpMailerOptions } from '../../adapters/transports/smtp';
import { closeMonth, exportClose, mailReceipt, ReceiptMailError, receiptFileName, Receipts, type ExportFile, type ExportReceipt } from '../../lib/billing';
import { ConfigError } from '../../lib/errors';
import type { SystemOfRecord } from '../../lib/store';
import { freePort } from '../support/free-port';
import { requirePeer } from '../support/peer-required';
import { fixtureBuilding, PROPERTY } from './fixture-building';
import { attachmentBytes, makeTestCa, smtpPeerMissing, startSmtpServer, type SmtpServer, type TestCa } from './smtp-server';

const PASSWORD = 'correct horse 7!';
const FROM = 'IMD hub <imd@example.se>';

/** The fixture building's October closed and exported in generic CSV, in a store of its own. */
async function exported(): Promise<{ store: SystemOfRecord; receipt: ExportReceipt; files: ExportFile[] }> {
  const store = fixtureBuilding();
  const { close } = closeMonth(store, { property: PROPERTY, period: '2026-10' });
  const exporter = exporterById('generic-csv');
  const { receipt, files } = await exportClose(store, close, exporter, exporter.profile());
  return { store, receipt, files };
}

/** The receipt as it was when mailed: the stored one without the record of that mailing. */
const withoutMailing = ({ mailedAt: _at, mailedTo: _to, ...r }: ExportReceipt) => r;

describe('billing: receipt mail over SMTP to a real server', function () {
  let dir: string;
  let ca: TestCa;
  let plain: SmtpServer;
  let secure: SmtpServer;
  let implicit: SmtpServer;
  const stores: SystemOfRecord[] = [];
  const receiptOf = async () => { const e = await exported(); stores.push(e.store); return e; };

  before(async function () {
    requirePeer(this, smtpPeerMissing());
    dir = mkdtempSync(path.join(tmpdir(), 'imd-mail-'));
    ca = makeTestCa(dir);
    [plain, secure, implicit] = await Promise.all([
      startSmtpServer({ refuse: ['nobody@example.se'] }),
      startSmtpServer({ tls: ca, user: 'imd', password: PASSWORD }),
      startSmtpServer({ tls: ca, implicitTls: true }),
    ]);
  });
  after(async () => {
    for (const s of stores) s.close();
    await Promise.all([plain, secure, implicit].map((s) => s?.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const relay = (over: Partial<SmtpMailerOptions> = {}) => new SmtpMailer({ host: '127.0.0.1', port: plain.port, security: 'none', from: FROM, ...over });
  const submission = (over: Partial<MailConfig> = {}, env: NodeJS.ProcessEnv = { IMD_TEST_SMTP_PASSWORD: PASSWORD }) =>
    mailerFromConfig({ host: '127.0.0.1', port: secure.port, username: 'imd', passwordEnv: 'IMD_TEST_SMTP_PASSWORD', from: FROM, caFile: ca.caFile, ...over }, {}, env);

  it('mails the receipt over plain SMTP: readable text, the receipt JSON attached equal to the stored receipt, the mailing recorded', async () => {
    const { store, receipt } = await receiptOf();
    const mailed = await mailReceipt(store, receipt.receiptId, relay(), { to: ['ekonomi@example.se'] });
    assert.deepEqual(mailed.mailedTo, ['ekonomi@example.se']);
    assert.ok(Date.parse(mailed.mailedAt!) >= Date.parse(receipt.createdAt));
    assert.deepEqual(new Receipts(store.db).byId(receipt.receiptId), mailed);
    const [mail] = plain.received();
    assert.deepEqual([mail!.subject, mail!.from, mail!.to, mail!.rcptTos, mail!.tls], [
      'IMD export receipt Eken 1 2026-10 v1 generic-csv', 'IMD hub <imd@example.se>', ['ekonomi@example.se'], ['ekonomi@example.se'], false]);
    for (const line of ['Property:     Eken 1', 'Period:       2026-10', 'Version:      1, close', 'Profile:      generic-csv',
      `  ${receipt.files[0]!.name}: 9 lines, ${receipt.files[0]!.bytes} bytes`, `    SHA-256 ${receipt.files[0]!.sha256}`,
      'Delivered at: not delivered by the hub (files written to a folder)', 'Close lines by status:    billed 9, vacant 1']) {
      assert.ok(mail!.text.split('\n').some((l) => l.startsWith(line)), `the text has "${line}":\n${mail!.text}`);
    }
    assert.match(mail!.text, /^ {2}total +9 +584\.64 +146\.18 +730\.82$/m);
    assert.match(mail!.text, /^Created at: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Swedish time \(\d{4}-.+Z\)$/m);
    assert.deepEqual(mail!.attachments.map((a) => [a.filename, a.contentType]), [[receiptFileName(receipt), 'application/json']]);
    assert.equal(receiptFileName(receipt), 'receipt-Eken_1-2026-10-v1-generic-csv.json');
    assert.deepEqual(JSON.parse(attachmentBytes(mail!.attachments[0]!).toString('utf8')), withoutMailing(mailed));
  });

  it('mails an address once: a second run sends nothing, a new address gets it and is recorded, force mails again', async () => {
    const { store, receipt } = await receiptOf();
    const before = plain.received().length;
    const first = await mailReceipt(store, receipt.receiptId, relay(), { to: ['a@example.se'] });
    assert.deepEqual(await mailReceipt(store, receipt.receiptId, relay(), { to: ['A@example.se '] }), first);
    assert.equal(plain.received().length, before + 1);
    const second = await mailReceipt(store, receipt.receiptId, relay(), { to: ['a@example.se', 'b@example.se'] });
    assert.deepEqual(plain.received().at(-1)!.rcptTos, ['b@example.se']);
    assert.deepEqual(second.mailedTo, ['a@example.se', 'b@example.se']);
    await mailReceipt(store, receipt.receiptId, relay(), { to: ['a@example.se'], force: true });
    assert.deepEqual(plain.received().at(-1)!.rcptTos, ['a@example.se']);
    assert.equal(plain.received().length, before + 3);
  });

  it('STARTTLS and AUTH: password from an environment variable, the certificate verified against caFile, billing files attached', async () => {
    const { store, receipt, files } = await receiptOf();
    await mailReceipt(store, receipt.receiptId, submission(), { to: ['ekonomi@example.se'], files });
    const [mail] = secure.received();
    assert.deepEqual([mail!.tls, mail!.login], [true, 'imd']);
    assert.deepEqual(mail!.attachments.map((a) => a.filename), [receiptFileName(receipt), files[0]!.name]);
    assert.ok(attachmentBytes(mail!.attachments[1]!).equals(files[0]!.bytes));
  });

  it('implicit TLS (security "tls", as on port 465)', async () => {
    const { store, receipt } = await receiptOf();
    await mailReceipt(store, receipt.receiptId, relay({ port: implicit.port, security: 'tls', ca: readFileSync(ca.caFile) }), { to: ['x@example.se'] });
    assert.equal(implicit.received()[0]!.tls, true);
  });

  it('a wrong password: the login is refused with a clear error that never contains the password', async () => {
    const { store, receipt } = await receiptOf();
    const wrong = 'WrongPassword-123';
    const base64 = Buffer.from(`\0imd\0${wrong}`).toString('base64');
    const count = secure.received().length;
    await assert.rejects(mailReceipt(store, receipt.receiptId, submission({}, { IMD_TEST_SMTP_PASSWORD: wrong }), { to: ['ekonomi@example.se'] }), (err: Error) => {
      assert.ok(err instanceof ReceiptMailError && err.failure === 'auth', err.message);
      assert.match(err.message, /^smtp:\/\/imd@127\.0\.0\.1:\d+ \(starttls\): login as 'imd' refused: 535 5\.7\.8 Authentication credentials invalid \(check the user name and the password in environment variable IMD_TEST_SMTP_PASSWORD\)$/);
      assert.ok(!err.message.includes(wrong) && !err.message.includes(base64) && !(err.stack ?? '').includes(wrong));
      return true;
    });
    assert.equal(secure.received().length, count);
    assert.equal(new Receipts(store.db).byId(receipt.receiptId).mailedAt, undefined);
  });

  it('a certificate no trusted CA signed (no caFile) fails TLS with a clear error', async () => {
    const { store, receipt } = await receiptOf();
    await assert.rejects(mailReceipt(store, receipt.receiptId, submission({ caFile: undefined }), { to: ['ekonomi@example.se'] }),
      (err: Error) => err instanceof ReceiptMailError && err.failure === 'tls' && /certificate is not trusted: .+ \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); for a private CA set caFile/.test(err.message));
  });

  it('STARTTLS is required by default: a server that does not offer it gets nothing, not even the login', async () => {
    const { store, receipt } = await receiptOf();
    const count = plain.received().length;
    await assert.rejects(mailReceipt(store, receipt.receiptId, submission({ port: plain.port }), { to: ['ekonomi@example.se'] }),
      (err: Error) => err instanceof ReceiptMailError && err.failure === 'tls' && /\(starttls\): the server does not offer STARTTLS \(454 TLS not available\); nothing was sent/.test(err.message));
    assert.equal(plain.received().length, count);
  });

  it('server down: a clear error after the retries', async () => {
    const { store, receipt } = await receiptOf();
    const port = await freePort();
    await assert.rejects(mailReceipt(store, receipt.receiptId, relay({ port, retry: { attempts: 2, initialDelayMs: 20 } }), { to: ['ekonomi@example.se'] }),
      (err: Error) => err instanceof ReceiptMailError && err.failure === 'unreachable'
        && err.message === `smtp://127.0.0.1:${port} (none): cannot reach the SMTP server: connection refused (is it running, and are host and port right?)`);
  });

  it('refused recipients: the accepted ones get it and are recorded, the error names the refused one', async () => {
    const { store, receipt } = await receiptOf();
    await assert.rejects(mailReceipt(store, receipt.receiptId, relay(), { to: ['nobody@example.se'] }),
      (err: Error) => err instanceof ReceiptMailError && err.failure === 'recipient' && /recipient refused: 550 5\.1\.1 <nobody@example\.se>/.test(err.message));
    await assert.rejects(mailReceipt(store, receipt.receiptId, relay(), { to: ['ok@example.se', 'nobody@example.se'] }),
      /mailed to ok@example\.se, but refused nobody@example\.se \(550 5\.1\.1 <nobody@example\.se>: recipient address rejected: no such user\)/);
    assert.deepEqual(new Receipts(store.db).byId(receipt.receiptId).mailedTo, ['ok@example.se']);
  });

  it('refuses configurations that would leak: a login without TLS to another host, a password in the file, an unset password variable', () => {
    assert.throws(() => new SmtpMailer({ host: 'mail.example.se', security: 'none', username: 'imd', password: 'x', from: FROM }), /without TLS would send the password in clear/);
    const file = path.join(dir, 'mail.json');
    writeFileSync(file, JSON.stringify({ host: 'h', from: FROM, username: 'imd', password: 'x' }));
    assert.throws(() => readMailConfig(file), /never put the password in the file; name an environment variable in "passwordEnv"/);
    assert.throws(() => readMailConfig(path.join(dir, 'none.json')), /mail config .*none\.json is missing \(see adapters\/transports\/smtp\/README\.md\)/);
    assert.throws(() => submission({}, {}), (err: Error) => err instanceof ConfigError && /environment variable IMD_TEST_SMTP_PASSWORD \("passwordEnv"\) is not set/.test(err.message));
    assert.throws(() => mailerFromConfig({ host: 'h', from: FROM, username: 'imd' }), /needs a password/);
  });
});
