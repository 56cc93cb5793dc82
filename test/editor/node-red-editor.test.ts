/**
 * The Node-RED editor in a real browser (Debian's headless Chromium, driven by playwright-core)
 * against a real Node-RED started as users start it (scripts/start.js, temporary data folder,
 * free 127.0.0.1 port). For every node type package.json declares: in the palette under IMD
 * with its label from locales/en-US; its edit dialog (config nodes through the config-node
 * editor) shows no raw i18n key, its help button shows the help of locales/en-US/<type>.html,
 * and nothing in the page throws or logs an error. Then what an integrator does: the Modbus
 * meter's device list comes from GET /imd-modbus/devices, and a flow deployed with the Deploy
 * button runs (GET /flows has it; the inject button makes the decode node's status and a debug
 * message appear). Screenshots of every dialog go to a temporary folder, printed at the end.
 * Skipped with a message without /usr/bin/chromium, except in CI (CI set), where that fails.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { NodeRedProcess } from '../support/node-red-process';
import { repoRoot } from '../support/repo-root';
import { WATER_METER } from '../node-red/telegrams';
import { CHROMIUM, chromiumInstalled, closeChromium, launchChromium } from './chromium';
import { EditorPage } from './editor-page';
import { requirePeer } from '../support/peer-required';

const root = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { 'node-red': { nodes: Record<string, string> } };
const ourTypes = Object.keys(pkg['node-red'].nodes).sort();
const START_TIMEOUT_MS = 45_000;
const TEST_TIMEOUT_MS = 15_000;

/** One of our i18n keys shown as it is instead of its text, e.g. "imd-export.paletteLabel". */
const RAW_KEY = /(?:imd-[a-z0-9-]+|node-red:[\w-]+)(?:\.[A-Za-z][\w-]*)+/g;
const rawKeys = (texts: string[]) => texts.flatMap((text) => text.match(RAW_KEY) ?? []);

const localeFile = (type: string, ext: string) => path.join(root, 'nodes', type, 'locales', 'en-US', `${type}.${ext}`);
const paletteLabelOf = (type: string): string | undefined =>
  (JSON.parse(fs.readFileSync(localeFile(type, 'json'), 'utf8')) as Record<string, { paletteLabel?: string }>)[type]?.paletteLabel;
/** The help HTML in locales/en-US/<type>.html: what its <script data-help-name="<type>"> holds. */
function helpOf(type: string): string {
  const help = /<script type="text\/html" data-help-name="([^"]+)">([\s\S]*?)<\/script>/.exec(fs.readFileSync(localeFile(type, 'html'), 'utf8'));
  assert.equal(help?.[1], type, `locales/en-US/${type}.html has the help of ${type}`);
  return help![2]!;
}

interface FlowNode { id: string; type: string; z?: string; [key: string]: unknown }

describe('Node-RED editor in Chromium (palette, edit dialogs, help, deploy)', function () {
  this.timeout(TEST_TIMEOUT_MS);
  let dataDir = '';
  let failed = false;
  let shots = '';
  let nodeRed: NodeRedProcess | undefined;
  let browser: Browser | undefined;
  let editor: EditorPage;
  /** The config node types (their `category` in the editor), read once the editor is up. */
  let configTypes = new Set<string>();

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    requirePeer(this, chromiumInstalled() ? undefined : `${CHROMIUM} is missing (apt-get install --no-install-recommends chromium)`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-editor-'));
    shots = fs.mkdtempSync(path.join(os.tmpdir(), 'imd-editor-screenshots-'));
    // Both at once (the slow parts of the suite), each settled before going on, so that when one
    // fails the after hook still stops the other.
    const starting = await Promise.allSettled([
      NodeRedProcess.start(dataDir).then((started) => { nodeRed = started; }),
      launchChromium().then((launched) => { browser = launched; }),
    ]);
    for (const result of starting) if (result.status === 'rejected') throw result.reason;
    editor = await EditorPage.open(browser!, nodeRed!.base, ourTypes);
    configTypes = await editor.configTypes(ourTypes);
  });

  afterEach(async function () {
    failed ||= this.currentTest?.state === 'failed';
    if (failed) await editor?.cancelAll();
  });

  after(async function () {
    this.timeout(START_TIMEOUT_MS);
    await closeChromium(browser);
    await nodeRed?.stop();
    if (failed) console.log(`--- Node-RED log (tail) ---\n${nodeRed?.log.slice(-4000)}`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (shots) console.log(`    editor screenshots: ${shots}`);
  });

  it('loads without page or console errors and shows every node type of package.json under IMD with its label from locales/en-US', async function () {
    const palette = new Map((await editor.palette()).map((entry) => [entry.type, entry]));
    const expected = ourTypes.filter((type) => !configTypes.has(type)).map((type) => ({ type, category: 'IMD', label: paletteLabelOf(type) }));
    assert.deepEqual(expected.map(({ type }) => palette.get(type)), expected);
    assert.deepEqual(ourTypes.filter((type) => configTypes.has(type) && palette.has(type)), [], 'config nodes have no palette entry');
    assert.deepEqual(editor.errors.take(), []);
  });

  it('deploys a flow with the Deploy button: the runtime has it, the inject button runs it, status and debug show in the editor', async function () {
    const tab = 'ed17000000000001';
    const [inject, decode, debug] = ['ed17000000000002', 'ed17000000000003', 'ed17000000000004'];
    await editor.importNodes([
      { id: tab, type: 'tab', label: 'editor deploy test' },
      { id: inject, type: 'inject', z: tab, name: 'water meter telegram', props: [{ p: 'payload' }], payload: WATER_METER,
        payloadType: 'str', repeat: '', once: false, topic: '', x: 160, y: 80, wires: [[decode]] },
      { id: decode, type: 'imd-mbus-decode', z: tab, name: '', x: 380, y: 80, wires: [[debug]] },
      { id: debug, type: 'debug', z: tab, name: 'decoded readings', active: true, complete: 'payload', x: 600, y: 80, wires: [] },
    ], tab);
    await editor.deploy();

    const res = await fetch(`${nodeRed!.base}flows`, { headers: { Accept: 'application/json' } });
    const deployed = new Map(((await res.json()) as FlowNode[]).map((node) => [node.id, node]));
    assert.deepEqual([inject, decode, debug].map((id) => [deployed.get(id)?.type, deployed.get(id)?.z]),
      [['inject', tab], ['imd-mbus-decode', tab], ['debug', tab]]);
    assert.equal(deployed.get(decode)!.output, 'readings', 'the editor filled in the default of output');

    await editor.pressInject(inject);
    await editor.waitForStatus(decode, '3 rec · 1 tg');
    assert.match(await editor.debugMessage('decoded readings'), /array\[3\]/);
    await editor.screenshot(path.join(shots, 'deployed-flow.png'));
    await editor.dismissNotifications();
    assert.deepEqual(editor.errors.take(), []);
  });

  describe('edit dialogs', function () {
    /** The id of the node of each type, all on one tab (never deployed), config nodes global. */
    let ids: Record<string, string> = {};

    before(async function () {
      ids = await editor.addEveryType(ourTypes, 'ed17000000000010');
      await editor.screenshot(path.join(shots, 'every-type.png'));
    });

    for (const type of ourTypes) {
      it(`${type}: no raw i18n key in the dialog or labels, help from locales/en-US/${type}.html, no errors`, async function () {
        await editor.edit(ids[type]!);
        const dialog = await editor.dialogText();
        assert.deepEqual(dialog.unresolved, [], 'data-i18n keys without text');
        assert.deepEqual(rawKeys(dialog.texts), [], 'i18n keys shown as they are in the dialog');
        assert.deepEqual(rawKeys(await editor.nodeLabels(ids[type]!)), [], 'i18n keys in the node or port labels');

        const help = await editor.help();
        assert.equal(help.title, configTypes.has(type) ? type : paletteLabelOf(type), 'help title');
        const intro = await editor.introOf(helpOf(type));
        assert.ok(intro.length > 20, `locales/en-US/${type}.html starts with a paragraph`);
        assert.equal(help.intro, intro, 'the help sidebar shows the help of locales/en-US');

        await editor.screenshot(path.join(shots, `${type}.png`));
        await editor.cancel();
        assert.deepEqual(editor.errors.take(), []);
      });
    }

    it('imd-modbus-meter: the device list comes from GET /imd-modbus/devices, the Kamstrup map marked as a template', async function () {
      const devices = editor.page.waitForResponse((res) => res.url().endsWith('/imd-modbus/devices'));
      await editor.edit(ids['imd-modbus-meter']!);
      assert.equal((await devices).status(), 200);
      await editor.page.locator('#node-input-device option[value="eastron-sdm630"]').waitFor({ state: 'attached' });
      const options = await editor.options('#node-input-device');
      assert.ok(options.some((o) => o.value === 'eastron-sdm630'), JSON.stringify(options));
      const kamstrup = options.filter((o) => /kamstrup/i.test(o.value));
      assert.ok(kamstrup.length > 0 && kamstrup.every((o) => /template/.test(o.text)), JSON.stringify(kamstrup));
      assert.equal(await editor.page.locator('#node-input-device').inputValue(), 'eastron-sdm630', 'the node\'s device is selected');
      await editor.cancel();
      assert.deepEqual(editor.errors.take(), []);
    });
  });
});
