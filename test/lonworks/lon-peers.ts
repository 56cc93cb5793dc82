/**
 * Peers and packet helpers for the LonWorks suites: IP-852 NV update datagrams built with the
 * plugin's builders, a UDP sender, an in-process aedes MQTT broker with a login, and a poll
 * helper that waits for a condition.
 */
import { createSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { buildIp852Packet, buildLonTalkPacket, buildNvMessage, encodeSnvt, snvtDefinition } from '../../adapters/protocols/lonworks';

/** An IP-852 data packet with an unacknowledged NV update from subnet 1 node 12 (domain 4C). */
export function nvUpdateDatagram(selector: number, type: string, value: number, sequence: number, authenticated = false): Uint8Array {
  const apdu = buildNvMessage(selector, encodeSnvt(snvtDefinition(type), value));
  const payload = buildLonTalkPacket({ source: { subnet: 1, node: 12 }, destination: { format: 'group', group: 1 }, domain: '4C', apdu });
  return buildIp852Packet({ sequence, payload, authenticated });
}

export async function sendUdp(port: number, datagrams: Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  for (const d of datagrams) await new Promise<void>((resolve, reject) => socket.send(d, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  socket.close();
}

/** A UDP port of 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Waits until `check` holds (polling every 10 ms), failing after `ms`. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface Broker { url: string; close(): Promise<void> }

/** An aedes broker on a free port of 127.0.0.1, accepting only user "imd" / "secret". */
export async function startBroker(): Promise<Broker> {
  const aedes = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => done(null, username === 'imd' && password?.toString() === 'secret'),
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

