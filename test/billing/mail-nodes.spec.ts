/**
 * imd-billing-close → imd-export mailing the receipt through an imd-mail config node (STARTTLS,
 * login with the password from the node's credentials, private CA) inside the Node-RED runtime,
 * against a real SMTP server (smtp-server.ts): the file delivered, the receipt mailed to the
 * node's recipients and recorded; msg.mailTo overrides them; a refused login after the delivery
 * reaches a Catch node saying the files went out. Skipped without python3-aiosmtpd (failed in CI).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import helper = require('node-red-node-test-helper');
import closeNode = require('../../nodes/imd-billing-close/imd-billing-close');
import deliveryNode = require('../../nodes/imd-delivery/imd-delivery');
import exportNode = require('../../nodes/imd-export/imd-export');
import mailNode = require('../../nodes/imd-mail/imd-mail');
import { requirePeer } from '../support/peer-required';
import { fixtureBuilding, PROPERTY } from './fixture-building';
import { makeTestCa, smtpPeerMissing, startSmtpServer, type SmtpServer, type TestCa } from './smtp-server';

const catchNode = require('@node-red/nodes/core/common/25-catch.js');

helper.init(require.resolve('node-red'));

type Msg = Record<string, any>;
const PASSWORD = 'node-red-mail-pw';

describe('imd-export mailing the receipt through imd-mail', function () {
  let dir: string;
  let ca: TestCa;
  let smtp: SmtpServer;
  before(async function () {
    requirePeer(this, smtpPeerMissing());
    dir = mkdtempSync(path.join(tmpdir(), 'imd-mail-node-'));
    ca = makeTestCa(dir);
    smtp = await startSmtpServer({ tls: ca, user: 'imd', password: PASSWORD });
    fixtureBuilding(path.join(dir, 'imd.sqlite')).close();
  });
  afterEach(() => helper.unload());
  after(async () => {
    await smtp?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** close → export (format, delivery d1, mail m1 to `mailTo`) → out, with a Catch → caught. */
  const load = async (format: string, mailTo: string, password: string) => {
    const flow = [
      { id: 'f1', type: 'tab' },
      { id: 'close', type: 'imd-billing-close', z: 'f1', data: dir, property: PROPERTY, wires: [['export']] },
      { id: 'export', type: 'imd-export', z: 'f1', data: dir, format, delivery: 'd1', mail: 'm1', mailTo, wires: [['out']] },
      { id: 'd1', type: 'imd-delivery', kind: 'local-folder', path: path.join(dir, 'outbox') },
      { id: 'm1', type: 'imd-mail', host: '127.0.0.1', port: String(smtp.port), security: 'starttls', username: 'imd', from: 'imd@example.se', caFile: ca.caFile },
      { id: 'out', type: 'helper', z: 'f1' },
      { id: 'catcher', type: 'catch', z: 'f1', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', type: 'helper', z: 'f1' },
    ];
    await helper.load([closeNode, exportNode, deliveryNode, mailNode, catchNode], flow, { m1: { password } });
    return (id: string) => new Promise<Msg>((resolve) => helper.getNode(id).once('input', resolve));
  };

  it('delivers the file and mails the receipt to the node\'s recipients; msg.mailTo overrides them', async () => {
    const next = await load('generic-csv', 'ekonomi@example.se, forvaltare@example.se', PASSWORD);
    let out = next('out');
    helper.getNode('close').receive({ period: '2026-10' });
    const receipt = (await out).payload;
    assert.ok(receipt.deliveredAt);
    assert.deepEqual(receipt.mailedTo, ['ekonomi@example.se', 'forvaltare@example.se']);
    assert.deepEqual(readdirSync(path.join(dir, 'outbox')), ['imd_Eken_1_2026-10_v1.csv']);
    const [mail] = smtp.received();
    assert.deepEqual([mail!.rcptTos, mail!.login, mail!.subject], [['ekonomi@example.se', 'forvaltare@example.se'], 'imd', 'IMD export receipt Eken 1 2026-10 v1 generic-csv']);

    out = next('out');
    helper.getNode('close').receive({ period: '2026-10', mailTo: ['revisor@example.se'] });
    assert.deepEqual((await out).payload.mailedTo, ['ekonomi@example.se', 'forvaltare@example.se', 'revisor@example.se']);
    assert.deepEqual(smtp.received().at(-1)!.rcptTos, ['revisor@example.se']);
  });

  it('a refused login after the delivery reaches a Catch node saying the files went out', async () => {
    const next = await load('fast2', 'ekonomi@example.se', 'wrong-password');
    const caught = next('caught');
    helper.getNode('close').receive({ period: '2026-10' });
    const { message } = (await caught).error;
    assert.match(message, /^Error: the billing files were delivered to file:\/\/.+ and export receipt \d+ is stored, but the receipt was not mailed: smtp:\/\/imd@127\.0\.0\.1:\d+ \(starttls\): login as 'imd' refused: 535 .+ in the imd-mail node's credentials\) — sending the message again retries the mail only$/);
    assert.ok(!message.includes('wrong-password'));
  });
});
