/**
 * One M-Bus segment: the slaves of a building on one pair of wires. `transact` takes a frame
 * from the master and gives back what the master hears: nothing, one slave's reply, or — when
 * several slaves answer (the same primary address, a wildcard selection, address 254) — their
 * collision (collision.ts), which no framer accepts as a frame.
 *
 *   address 255      every slave, no reply      address 253   the selected slave(s)
 *   address 254      every slave replies        0–250         the slave(s) with that primary address
 *   CI 0x52 to 253   every slave checks the mask: a match is selected and answers E5, the rest deselect
 */
import { CI_SELECTION } from '../adapters/protocols/mbus/app/master-telegrams';
import { ADDRESS_BROADCAST_NO_REPLY, ADDRESS_BROADCAST_REPLY, ADDRESS_NETWORK_LAYER } from '../adapters/protocols/mbus/link/control-field';
import type { MBusFrame } from '../adapters/protocols/mbus/link/frame';
import type { Building } from './building';
import { collide } from './collision';
import { MBusSlave } from './mbus-slave';

export class SimulatedBus {
  readonly slaves: MBusSlave[];

  constructor(readonly building: Building) {
    this.slaves = building.meters.map((meter) => new MBusSlave(meter, building.clock));
  }

  /** What the master hears after sending `frame` (null: silence). */
  transact(frame: MBusFrame): Uint8Array | null {
    const listening = this.slaves.filter((s) => !s.silent);
    if (frame.type === 'long' && frame.ci === CI_SELECTION && frame.address === ADDRESS_NETWORK_LAYER) {
      return heard(listening.map((s) => s.select(frame.data)));
    }
    if (frame.type === 'ack') return null;
    const address = frame.address;
    const targets = listening.filter((s) =>
      address === ADDRESS_BROADCAST_NO_REPLY || address === ADDRESS_BROADCAST_REPLY ? true
        : address === ADDRESS_NETWORK_LAYER ? s.selected
          : s.primaryAddress === address);
    const replies = targets.map((s) => s.handle(frame));
    return address === ADDRESS_BROADCAST_NO_REPLY ? null : heard(replies);
  }
}

function heard(replies: Array<Uint8Array | null>): Uint8Array | null {
  const sent = replies.filter((r): r is Uint8Array => r !== null);
  if (sent.length === 0) return null;
  return sent.length === 1 ? sent[0]! : collide(sent);
}
