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
 * - The demo (scripts/start-demo.js): a simulated building of M-Bus meters runs in this process
 *   behind a TCP gateway on 127.0.0.1; on the first start (no flows.json yet) the demo flow is
 *   deployed: it polls the building every 30 s into the system of record
 *   (<IMD_DATA>/imd.sqlite), shows a summary in the debug sidebar, and writes to InfluxDB too
 *   when INFLUX_URL is set (scripts/start-influx.js).
 * - Node-RED runs as a child with IMD_DATA set (so imd-store writes <IMD_DATA>/imd.sqlite) and
 *   with scripts/exit-with-parent.js preloaded, so it stops when this process is killed.
 *
 * Environment: IMD_PORT or PORT (default 1880), IMD_DATA, IMD_CREDENTIAL_SECRET, IMD_NODE_RED
 * (the node-red package folder to run; default this package's node-red devDependency),
 * IMD_DEMO_APARTMENTS (default 10), INFLUX_* (scripts/start-influx.js).
 * SIGINT / SIGTERM stop Node-RED cleanly (it closes its nodes), then the simulator; this
 * process exits with Node-RED's exit code (1 when Node-RED was killed).
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { prepareDemo } = require('./start-demo');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
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

/** IMD_CREDENTIAL_SECRET, else the one in <data>/credential-secret (generated once). */
function credentialSecret(dataDir) {
  if (process.env.IMD_CREDENTIAL_SECRET) return process.env.IMD_CREDENTIAL_SECRET;
  const file = path.join(dataDir, 'credential-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

function writeOnce(file, text) {
  if (!fs.existsSync(file)) fs.writeFileSync(file, text);
}

async function announceWhenReady(url, child, lines) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (child.exitCode === null && Date.now() < deadline) {
    try {
      await fetch(url + 'settings');
      const text = [`IMD hub running, open the Node-RED editor at ${url}`, ...lines].map((line) => `imd start: ${line}`);
      console.log(`\n${text.join('\n')}\n`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  if (child.exitCode === null) console.error(`imd start: no answer from ${url} after ${READY_TIMEOUT_MS / 1000} s`);
}

async function main() {
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
  const secret = credentialSecret(dataDir);
  const settingsFile = path.join(userDir, 'settings.js');
  writeOnce(settingsFile, SETTINGS);
  const demo = await prepareDemo({ dataDir, userDir, secret, env: process.env }).catch((err) => fail(`demo: ${err.message}`));

  const args = ['--require', path.join(__dirname, 'exit-with-parent.js'), path.join(nodeRedDir, 'red.js'),
    '--settings', settingsFile, '--userDir', userDir, '--port', String(port)];
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, IMD_DATA: dataDir } });
  child.on('error', (err) => fail(`cannot start Node-RED: ${err.message}`));
  child.on('exit', (code, signal) => {
    const exit = () => process.exit(code ?? (signal ? 1 : 0));
    if (demo.simulator) demo.simulator.close().finally(exit);
    else exit();
  });

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

  announceWhenReady(`http://127.0.0.1:${port}/`, child, [demo.note,
    'readings: the Debug sidebar of the editor (bug icon, top right); stored rows: npx imd stats --data ' + dataDir]);
}

main();
