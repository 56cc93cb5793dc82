/**
 * The demo of `npm start` (used by scripts/start.js): a simulated building behind an M-Bus TCP
 * gateway on 127.0.0.1, run in this process, and the flow that polls it into the system of
 * record (flows/demo/demo-building.json, plus flows/demo/demo-influxdb.json when INFLUX_URL is
 * set — scripts/start-influx.js).
 *
 * - First start (no flows.json): the simulator listens on 127.0.0.1:10001, else on a free port;
 *   the demo flow is written with that port and the simulator's meters (secondary addresses).
 * - Later starts never replace the user's flows. The simulator starts only while the demo
 *   gateway config node still points at it (127.0.0.1:<the port noted in <data>/demo.json>).
 *   When that port is taken, it moves to a free one and the gateway node follows; the poll
 *   node's meter list follows IMD_DEMO_APARTMENTS, unless the user has edited it.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { influxNodes, writeCredentials } = require('./start-influx');

const root = path.resolve(__dirname, '..');
const TEMPLATE = path.join(root, 'flows', 'demo', 'demo-building.json');
const PREFERRED_PORT = 10001;
const BAUD = 9600;
const DEFAULT_APARTMENTS = 10;
/** 50 apartments = 200 meters ≈ 21 s a poll at 9600 baud: still inside the 30 s cycle. */
const MAX_APARTMENTS = 50;
const HOST = '127.0.0.1';

/** The demo's number of apartments (IMD_DEMO_APARTMENTS); throws a message when it is wrong. */
function demoApartments(env) {
  const text = env.IMD_DEMO_APARTMENTS;
  if (text === undefined || text === '') return DEFAULT_APARTMENTS;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_APARTMENTS) throw new Error(`IMD_DEMO_APARTMENTS "${text}" is not 1..${MAX_APARTMENTS}`);
  return n;
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

const writeJson = (file, value) => fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');

/** A node of the demo template by type; the demo's ids are the template's. */
const ofType = (flow, type) => flow.find((n) => n.type === type);
const GATEWAY_ID = ofType(readJson(TEMPLATE), 'imd-mbus-gateway').id;
const POLL_ID = ofType(readJson(TEMPLATE), 'imd-mbus-poll').id;

/** The compiled simulator (simulator/index.ts), loaded once start.js has checked dist/ is there. */
const simulatorApi = () => require(path.join(root, 'dist', 'simulator'));

/** The simulator on the port asked for, else on a free one. */
async function startBuilding(port, apartments) {
  const { startSimulator } = simulatorApi();
  const options = { apartments, baud: BAUD };
  try {
    return await startSimulator({ ...options, port });
  } catch (err) {
    if (err.code !== 'EADDRINUSE') throw err;
    return startSimulator({ ...options, port: 0 });
  }
}

function meterList(simulator) {
  return simulatorApi().describeDevices(simulator.bus).map((d) => d.secondaryAddress).join(', ');
}

/** The demo flow for a first start, with the InfluxDB nodes when INFLUX_URL asks for them. */
function firstFlow(demo, secret, userDir, env) {
  const flow = readJson(TEMPLATE);
  Object.assign(ofType(flow, 'imd-mbus-gateway'), { host: HOST, port: demo.port });
  const poll = Object.assign(ofType(flow, 'imd-mbus-poll'), { meters: demo.meters });
  const influx = influxNodes(env);
  if (!influx) return flow;
  if (influx.credentials) writeCredentials(userDir, secret, influx.credentials);
  poll.wires[0].push(influx.input);
  return [...flow, ...influx.nodes];
}

/** The user's demo gateway node while it still points at the simulator, else null. */
function demoGatewayOf(flows, previous) {
  const gateway = Array.isArray(flows) ? flows.find((n) => n.id === GATEWAY_ID) : undefined;
  return gateway && previous && gateway.transport === 'tcp' && gateway.host === HOST && Number(gateway.port) === previous.port
    ? gateway : null;
}

/** Moves the demo nodes to the running simulator where they still hold what start.js wrote; true when changed. */
function refreshFlow(flows, gateway, previous, demo) {
  const poll = flows.find((n) => n.id === POLL_ID);
  const meters = poll && poll.meters === previous.meters && poll.meters !== demo.meters;
  if (meters) poll.meters = demo.meters;
  if (Number(gateway.port) === demo.port) return meters;
  gateway.port = demo.port;
  return true;
}

/**
 * Starts the simulator when the flows use it and writes or refreshes flows.json. Resolves to
 * { simulator | null, note } (note: one line for the console).
 */
async function prepareDemo({ dataDir, userDir, secret, env }) {
  const apartments = demoApartments(env);
  const flowsFile = path.join(userDir, 'flows.json');
  const stateFile = path.join(dataDir, 'demo.json');
  const previous = readJson(stateFile);
  const firstStart = !fs.existsSync(flowsFile);
  const flows = firstStart ? null : readJson(flowsFile);
  const gateway = firstStart ? null : demoGatewayOf(flows, previous);
  if (!firstStart && !gateway) {
    return { simulator: null, note: `demo building not started: no flow uses it (delete ${flowsFile} to get the demo flow back)` };
  }
  const simulator = await startBuilding(previous?.port ?? PREFERRED_PORT, apartments);
  const demo = { port: simulator.gateway.port, apartments, meters: meterList(simulator) };
  if (firstStart) writeJson(flowsFile, firstFlow(demo, secret, userDir, env));
  else if (refreshFlow(flows, gateway, previous, demo)) writeJson(flowsFile, flows);
  writeJson(stateFile, demo);
  const meters = demo.meters.split(', ').length;
  return { simulator, note: `demo building: ${apartments} apartments, ${meters} M-Bus meters behind a simulated gateway on ${HOST}:${demo.port}` };
}

module.exports = { prepareDemo };
