/**
 * BusReader for wired M-Bus behind a transparent TCP gateway: the project's M-Bus master
 * (multi-telegram readout, retries, FCB) over the TCP transport, one connection per poll.
 * MBusMasterError codes map to the scheduler's failure kinds: 'connection' → unreachable,
 * 'no-answer' → silent, anything else → failed.
 */
import { MBusMaster, type MBusMasterOptions } from './mbus-master';
import { MBusMasterError } from './errors';
import { readMeter } from './readout';
import type { MeterAddress } from './meter-address';
import { TcpTransport, type TcpTransportOptions } from '../../../transports/tcp';
import { ReadFailure, type BusReader } from '../../../../lib/collection/bus-reader';

export interface MBusTcpGateway {
  tcp: TcpTransportOptions;
  master?: MBusMasterOptions;
}

export function mbusTcpBusReader(gateway: MBusTcpGateway): BusReader<MeterAddress> {
  const transport = new TcpTransport(gateway.tcp);
  const master = new MBusMaster(transport, gateway.master);
  return {
    async open(signal) {
      try {
        await transport.open(signal);
      } catch (err) {
        throw new ReadFailure('unreachable', err instanceof Error ? err.message : String(err));
      }
    },
    async read(meter, signal) {
      try {
        return (await readMeter(master, meter, signal)).readings;
      } catch (err) {
        if (!(err instanceof MBusMasterError) || err.code === 'aborted') throw err;
        throw new ReadFailure(err.code === 'connection' ? 'unreachable' : err.code === 'no-answer' ? 'silent' : 'failed', err.message);
      }
    },
    close: () => master.close(),
  };
}
