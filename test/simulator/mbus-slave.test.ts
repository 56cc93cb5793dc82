/**
 * The simulated slaves on an in-memory bus: replies our decoder reads with the device's
 * identity, FCB retry semantics, the multi-telegram readout, selection with wildcards,
 * collisions that no framer accepts, link reset, application reset, set address, and the
 * link-level faults.
 */
import assert from 'node:assert/strict';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import {
  buildApplicationReset, buildBaudRateSwitch, buildReqUd2, buildSelection, buildSetPrimaryAddress, buildSndNke,
  type SecondaryAddress,
} from '../../adapters/protocols/mbus/app/master-telegrams';
import { Building, SimulatedBus, describeDevices, parseFaults, type DeviceDescription } from '../../simulator';
import { fixedClock, frameOf, framesIn } from './sim-helpers';

const E5 = 'e5';
const hex = (b: Uint8Array | null): string | null => (b ? Buffer.from(b).toString('hex') : null);

function setup(faults = '', apartments = 3): { bus: SimulatedBus; devices: DeviceDescription[]; send(bytes: Uint8Array): Uint8Array | null } {
  const bus = new SimulatedBus(new Building({ apartments, seed: 4, clock: fixedClock().clock, faults: parseFaults(faults) }));
  return { bus, devices: describeDevices(bus), send: (bytes) => bus.transact(frameOf(bytes)) };
}

const exact = (d: DeviceDescription): SecondaryAddress => ({ id: d.id, manufacturer: d.manufacturer, version: d.version, medium: d.mediumCode });

describe('simulator: M-Bus slaves', () => {
  it('answers SND_NKE with E5 and REQ_UD2 with an RSP_UD our decoder reads, carrying its identity', () => {
    const { devices, send } = setup();
    for (const d of devices) {
      assert.equal(hex(send(buildSndNke(d.primaryAddress))), E5);
      const t = decodeTelegram(send(buildReqUd2(d.primaryAddress, true))!);
      assert.equal(t.frame.ci, 0x72);
      assert.deepEqual([t.header!.id, t.header!.manufacturer, t.header!.version, t.header!.mediumCode], [d.id, d.manufacturer, d.version, d.mediumCode]);
      const quantities = t.records.map((r) => r.quantity);
      assert.ok(quantities.includes('datetime'), `${d.kind}: ${quantities}`);
      if (d.kind.endsWith('water')) assert.deepEqual(quantities.filter((q) => q === 'volume').length, 2);
      if (d.kind === 'room-temperature') assert.ok(quantities.includes('external-temperature') && quantities.includes('relative-humidity'));
      if (d.kind === 'electricity') assert.ok(quantities.includes('energy') && t.moreRecordsFollow);
    }
  });

  it('repeats the same telegram for a retry (same FCB) and sends the next for a toggled FCB, through 3 telegrams', () => {
    const { devices, send } = setup();
    const el = devices.find((d) => d.kind === 'electricity')!;
    send(buildSndNke(el.primaryAddress));
    const first = send(buildReqUd2(el.primaryAddress, true));
    assert.equal(hex(send(buildReqUd2(el.primaryAddress, true))), hex(first), 'retry gets the same bytes');
    const second = send(buildReqUd2(el.primaryAddress, false))!;
    const third = send(buildReqUd2(el.primaryAddress, true))!;
    const [t1, t2, t3] = [first!, second, third].map((b) => decodeTelegram(b));
    assert.deepEqual([t1!.moreRecordsFollow, t2!.moreRecordsFollow, t3!.moreRecordsFollow], [true, true, false]);
    assert.deepEqual([t2!.header!.accessNumber, t3!.header!.accessNumber], [(t1!.header!.accessNumber + 1) & 0xff, (t1!.header!.accessNumber + 2) & 0xff]);
    assert.ok(t2!.records.some((r) => r.tariff === 2) && t3!.records.some((r) => r.quantity === 'voltage'));
    const again = decodeTelegram(send(buildReqUd2(el.primaryAddress, false))!);
    assert.ok(again.moreRecordsFollow && again.records[0]!.quantity === 'energy', 'after the last telegram the readout starts over');
    send(buildReqUd2(el.primaryAddress, true));
    send(buildApplicationReset(el.primaryAddress));
    assert.ok(decodeTelegram(send(buildReqUd2(el.primaryAddress, false))!).records[0]!.quantity === 'energy', 'application reset restarts it');
  });

  it('selects by secondary address with wildcards; only the selected slave answers at 253', () => {
    const { devices, send } = setup();
    const target = devices[5]!;
    const wild = { ...exact(target), id: 'FFF' + target.id.slice(3), manufacturer: null, version: null };
    assert.equal(devices.filter((d) => d.id.endsWith(target.id.slice(3))).length, 1, 'precondition: the mask matches one id');
    assert.equal(hex(send(buildSelection(wild))), E5);
    const t = decodeTelegram(send(buildReqUd2(253, true))!);
    assert.equal(t.header!.id, target.id);
    assert.equal(send(buildSelection({ ...exact(target), id: '00000000' })), null, 'no match: silence');
    assert.equal(send(buildReqUd2(253, false)), null, 'and the slave is deselected');
    send(buildSelection(exact(target)));
    assert.equal(hex(send(buildSndNke(253))), E5);
    assert.equal(send(buildReqUd2(253, true)), null, 'SND_NKE to 253 deselects');
  });

  it('several answers at once collide into bytes no framer accepts as a frame', () => {
    const { devices, send } = setup('shared-address', 4);
    const all = send(buildSelection({ id: 'FFFFFFFF', manufacturer: null, version: null, medium: null }))!;
    assert.ok(all.length > 0);
    assert.deepEqual(framesIn(all), [], `two or more E5s: ${hex(all)}`);
    const reply = send(buildReqUd2(253, true))!;
    assert.deepEqual(framesIn(reply), [], 'overlapping RSP_UDs');
    const shared = devices.filter((d) => d.faults.includes('shared-address'));
    send(buildSndNke(255));
    assert.deepEqual(framesIn(send(buildReqUd2(shared[0]!.primaryAddress, true))!), []);
  });

  it('separates two meters with the same id by manufacturer', () => {
    const { devices, send } = setup('duplicate-ids');
    const [a, b] = devices.filter((d) => d.faults.includes('duplicate-ids'));
    assert.equal(a!.id, b!.id);
    assert.deepEqual(framesIn(send(buildSelection({ id: a!.id, manufacturer: null, version: null, medium: null }))!), []);
    assert.equal(hex(send(buildSelection({ id: a!.id, manufacturer: b!.manufacturer, version: null, medium: null }))), E5);
    assert.equal(decodeTelegram(send(buildReqUd2(253, true))!).header!.manufacturer, b!.manufacturer);
  });

  it('takes a new primary address and acknowledges a baud-rate switch', () => {
    const { bus, devices, send } = setup();
    assert.equal(hex(send(buildSetPrimaryAddress(devices[0]!.primaryAddress, 200))), E5);
    assert.equal(decodeTelegram(send(buildReqUd2(200, true))!).header!.id, devices[0]!.id);
    assert.equal(hex(send(buildBaudRateSwitch(200, 9600))), E5);
    assert.equal(bus.slaves[0]!.baudRate, 9600);
  });

  it('shows the link faults: no answer, bad checksum, power low, a clock running fast', () => {
    const { devices, send } = setup('no-answer,garbled,dead-battery,clock-drift', 4);
    const withFault = (f: string): DeviceDescription => devices.find((d) => d.faults.includes(f as never))!;
    assert.equal(send(buildSndNke(withFault('no-answer').primaryAddress)), null);
    assert.throws(() => decodeTelegram(send(buildReqUd2(withFault('garbled').primaryAddress, true))!), /checksum/);
    assert.deepEqual(decodeTelegram(send(buildReqUd2(withFault('dead-battery').primaryAddress, true))!).header!.statusFlags, ['power-low']);
    const clockOf = (d: DeviceDescription): string =>
      String(decodeTelegram(send(buildReqUd2(d.primaryAddress, true))!).records.find((r) => r.quantity === 'datetime')!.value);
    const drifting = withFault('clock-drift');
    const normal = devices.find((d) => d.kind === drifting.kind && d.faults.length === 0)!;
    assert.equal(Date.parse(clockOf(drifting)) - Date.parse(clockOf(normal)), (2 * 60 + 13) * 60_000);
  });
});
