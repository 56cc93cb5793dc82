/**
 * Node-RED node `imd-influxdb-out`: msg.payload (Reading[]) into InfluxDB through the sink's
 * disk buffer. The message is passed on and done() called once its readings are durably in
 * the buffer (not yet in InfluxDB): from then on they survive a crash or an outage. Wiring
 * only: settings and status text are in influxdb-out.ts, the sink in adapters/sinks/influxdb.
 */
import type { Node, NodeAPI, NodeDef } from 'node-red';
import { InfluxSink } from '../../adapters/sinks/influxdb';
import { describeError } from '../../lib/errors';
import type { InfluxConfigNode } from '../imd-influxdb/influxdb-config';
import { asReadings, registryTagging, sinkOptions, statusOf, type InfluxOutConfig } from './influxdb-out';

type InfluxOutNodeDef = NodeDef & InfluxOutConfig;
/** Node-RED gives a node 15 s to close; the sink gets 10 s of it to send what is buffered. */
const CLOSE_FLUSH_MS = 10_000;

export = function registerInfluxdbOut(RED: NodeAPI): void {
  function InfluxdbOutNode(this: Node, config: InfluxOutNodeDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.influxdb ?? '') as (Node & InfluxConfigNode) | null;
    let opened: Promise<InfluxSink> | undefined;
    const tagging = registryTagging(config, (message) => this.warn(message));
    try {
      if (!server?.connection) throw new Error(server?.problem ?? 'no imd-influxdb server configured');
      const userDir = (RED.settings as { userDir?: string }).userDir ?? process.cwd();
      let shown = '';
      opened = InfluxSink.open({
        ...sinkOptions(config, server.connection, userDir, this.id),
        ...(tagging ? { lookup: tagging.lookup } : {}),
        onStats: (stats) => {
          const status = statusOf(stats);
          if (status.text !== shown) { shown = status.text; this.status(status); }
        },
        onEvent: (event) => {
          if (event.kind === 'down') this.warn(`InfluxDB unreachable, buffering on disk: ${event.error}`);
          if (event.kind === 'up') this.log(`InfluxDB reachable again, ${event.pendingBatches} batch(es) still buffered`);
          if (event.kind === 'dead-letter') this.error(`${event.lines + event.readings} point(s) refused, kept in ${event.file}: ${event.error}`);
          if (event.kind === 'corrupt') this.warn(`disk buffer: ${event.message}`);
        },
      });
      opened.catch((err: unknown) => {
        this.status({ fill: 'red', shape: 'ring', text: 'buffer failed' });
        this.error(`cannot open the disk buffer: ${describeError(err)}`);
      });
    } catch (err) {
      this.status({ fill: 'red', shape: 'ring', text: 'config error' });
      this.error(describeError(err));
    }

    this.on('input', (msg, send, done) => {
      if (!opened) { done(new Error('imd-influxdb-out is not configured')); return; }
      let readings;
      try { readings = asReadings(msg.payload); } catch (err) { done(err as Error); return; }
      opened.then((sink) => sink.write(readings)).then(() => { send(msg); done(); }, (err: unknown) => done(err as Error));
    });

    this.on('close', (_removed: boolean, done: () => void) => {
      if (!opened) { tagging?.close(); done(); return; }
      opened.then((sink) => sink.close(CLOSE_FLUSH_MS)).catch(() => undefined).finally(() => { tagging?.close(); done(); });
    });
  }

  RED.nodes.registerType('imd-influxdb-out', InfluxdbOutNode);
};
