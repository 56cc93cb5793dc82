#!/usr/bin/env node
/**
 * The README's run command (`npm start` builds, then runs this): Node-RED with the IMD hub
 * nodes, editor on http://127.0.0.1:1880/.
 *
 * - Node-RED's userDir is <IMD_DATA>/node-red (IMD_DATA defaults to ./data of the repo). This
 *   package is linked into userDir/node_modules, so Node-RED loads it like an installed
 *   package and its examples show under Import > Examples.
 * - settings.js is written there on first start (yours to edit afterwards; delete it to get
 *   the default back): 127.0.0.1 only, no telemetry or diagnostics, no palette installs. The
 *   credential secret comes from IMD_CREDENTIAL_SECRET, else from a secret generated once into
 *   <IMD_DATA>/credential-secret (mode 600). It is never printed.
 * - On first start (no flows.json yet) the demo flow is deployed: the decode example with its
 *   telegrams injected every few seconds, so the debug sidebar shows readings at once.
 *
 * Environment: IMD_PORT or PORT (default 1880), IMD_DATA, IMD_CREDENTIAL_SECRET, IMD_NODE_RED
 * (the node-red package folder to run; default this package's node-red devDependency).
 * SIGINT / SIGTERM stop Node-RED cleanly (it closes its nodes), then this process exits.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const DEMO_SOURCE = path.join(root, 'flows', 'examples', 'Decode M-Bus telegrams.json');
const DEMO_REPEAT_SECONDS = '5';
const READY_TIMEOUT_MS = 60000;
const STOP_TIMEOUT_MS = 15000;

const SETTINGS = `// Node-RED settings of the IMD hub, written once by scripts/start.js (npm start).
// Yours to edit; delete this file to get the default back. The port is set by start.js
// (IMD_PORT / PORT); the credential secret is read here, never stored in this file.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = {
  uiHost: '127.0.0.1',
  flowFile: 'flows.json',
  credentialSecret: process.env.IMD_CREDENTIAL_SECRET
    || fs.readFileSync(path.join(__dirname, '..', 'credential-secret'), 'utf8').trim(),
  editorTheme: { tours: false, projects: { enabled: false } },
  diagnostics: { enabled: false, ui: false },
  telemetry: { enabled: false },
  externalModules: {
    autoInstall: false,
    palette: { allowInstall: false, allowUpload: false },
    modules: { allowInstall: false },
  },
  functionExternalModules: false,
  logging: { console: { level: 'info', metrics: false, audit: false } },
};
`;

function fail(message) {
  console.error(`imd start: ${message}`);
  process.exit(1);
}

/** userDir/node_modules/<our package> → the repo, replaced when it points elsewhere. */
function linkPackage(userDir) {
  const link = path.join(userDir, 'node_modules', pkg.name);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  let current = null;
  try { current = fs.readlinkSync(link); } catch { /* no link yet */ }
  if (current === root) return;
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(root, link, 'dir');
}

function ensureCredentialSecret(dataDir) {
  const file = path.join(dataDir, 'credential-secret');
  if (process.env.IMD_CREDENTIAL_SECRET || fs.existsSync(file)) return;
  fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
}

function writeOnce(file, text) {
  if (!fs.existsSync(file)) fs.writeFileSync(file, text);
}

/** The decode example, its valid-telegram injects repeating (the broken frame stays manual). */
function demoFlow() {
  const example = JSON.parse(fs.readFileSync(DEMO_SOURCE, 'utf8'));
  return example.map((node) => (node.type === 'inject' && !/broken/i.test(node.name)
    ? { ...node, repeat: DEMO_REPEAT_SECONDS, once: true, onceDelay: 1 }
    : node));
}

async function announceWhenReady(url, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      await fetch(url + 'settings');
      console.log(`\nimd start: IMD hub running, open the Node-RED editor at ${url}\n`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  if (child.exitCode === null) console.error(`imd start: no answer from ${url} after ${READY_TIMEOUT_MS / 1000} s`);
}

function main() {
  if (!fs.existsSync(path.join(root, pkg['node-red'].nodes['imd-mbus-decode']))) {
    fail('dist/ is missing; run "npm run build" first ("npm start" does both)');
  }
  const port = Number(process.env.IMD_PORT || process.env.PORT || 1880);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`port "${process.env.IMD_PORT || process.env.PORT}" is not 1..65535`);
  const dataDir = path.resolve(process.env.IMD_DATA || path.join(root, 'data'));
  const userDir = path.join(dataDir, 'node-red');
  const nodeRedDir = path.resolve(process.env.IMD_NODE_RED || path.dirname(require.resolve('node-red/package.json')));

  fs.mkdirSync(userDir, { recursive: true });
  linkPackage(userDir);
  ensureCredentialSecret(dataDir);
  const settingsFile = path.join(userDir, 'settings.js');
  writeOnce(settingsFile, SETTINGS);
  writeOnce(path.join(userDir, 'flows.json'), JSON.stringify(demoFlow(), null, 2) + '\n');

  const args = [path.join(nodeRedDir, 'red.js'), '--settings', settingsFile, '--userDir', userDir, '--port', String(port)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  child.on('error', (err) => fail(`cannot start Node-RED: ${err.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
    setTimeout(() => { console.error('imd start: Node-RED did not stop in time, killing it'); child.kill('SIGKILL'); },
      STOP_TIMEOUT_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  announceWhenReady(`http://127.0.0.1:${port}/`, child);
}

main();
