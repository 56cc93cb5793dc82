/**
 * The InfluxDB part of the demo flow (used by scripts/start-demo.js on the first start):
 * flows/demo/demo-influxdb.json — an imd-influxdb config node and an imd-influxdb-out node fed by
 * the demo's poll node — when INFLUX_URL is set and this package has the imd-influxdb-out node.
 *
 * Environment: INFLUX_URL; INFLUX_VERSION (1 or 2; default 2 when INFLUX_TOKEN is set, else 1);
 * 1.x: INFLUX_DB (default imd), INFLUX_USER, INFLUX_PASSWORD; 2.x: INFLUX_ORG, INFLUX_BUCKET,
 * INFLUX_TOKEN. The user name, password and token go into Node-RED's credentials file
 * (flows_cred.json), encrypted as Node-RED does it (aes-256-ctr, key = SHA-256 of the
 * credential secret), never into flows.json.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const TEMPLATE = path.join(root, 'flows', 'demo', 'demo-influxdb.json');

function available() {
  const file = pkg['node-red'].nodes['imd-influxdb-out'];
  return file !== undefined && fs.existsSync(path.join(root, file));
}

/** Only the credentials that are given, or null when there are none. */
function credentialsOf(env, version) {
  const given = version === '2' ? { token: env.INFLUX_TOKEN } : { username: env.INFLUX_USER, password: env.INFLUX_PASSWORD };
  const set = Object.entries(given).filter(([, value]) => value);
  return set.length > 0 ? Object.fromEntries(set) : null;
}

/** { nodes, input: the out node's id, credentials: { <config node id>: {...} } | null }, or null. */
function influxNodes(env) {
  if (!env.INFLUX_URL) return null;
  if (!available()) {
    console.error('imd start: INFLUX_URL is set, but this build has no imd-influxdb-out node; the demo flow goes without InfluxDB');
    return null;
  }
  const nodes = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
  const server = nodes.find((n) => n.type === 'imd-influxdb');
  const version = env.INFLUX_VERSION || (env.INFLUX_TOKEN ? '2' : '1');
  Object.assign(server, { version, url: env.INFLUX_URL, database: env.INFLUX_DB || server.database,
    org: env.INFLUX_ORG || '', bucket: env.INFLUX_BUCKET || '' });
  const credentials = credentialsOf(env, version);
  return {
    nodes,
    input: nodes.find((n) => n.type === 'imd-influxdb-out').id,
    credentials: credentials && { [server.id]: credentials },
  };
}

/** Writes Node-RED's flows_cred.json (first start only: there is none yet). */
function writeCredentials(userDir, secret, credentials) {
  const key = crypto.createHash('sha256').update(secret).digest();
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-ctr', key, iv);
  const text = iv.toString('hex') + cipher.update(JSON.stringify(credentials), 'utf8', 'base64') + cipher.final('base64');
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify({ $: text }) + '\n', { mode: 0o600 });
}

module.exports = { influxNodes, writeCredentials };
