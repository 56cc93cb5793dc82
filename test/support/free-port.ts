/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for servers that cannot be told to pick
 * one themselves (Node-RED, influxd, sshd).
 */
import * as net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
