/**
 * The building model: deterministic by seed, monotonic registers, realistic yearly use and
 * room climate, and faults placed where the plan says with the effect it describes.
 */
import assert from 'node:assert/strict';
import { Building, FAULT_KINDS, SimulatedBus, describeDevices, parseFaults } from '../../simulator';
import { buildReqUd2, buildSndNke } from '../../adapters/protocols/mbus/app/master-telegrams';
import { ConfigError } from '../../lib/errors';
import { T0, fixedClock, frameOf } from './sim-helpers';

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2024, 0, 1);

/** Every device's first reply, as hex, after a link reset. */
function firstReplies(building: Building): string[] {
  const bus = new SimulatedBus(building);
  return bus.slaves.map((s) => {
    bus.transact(frameOf(buildSndNke(s.primaryAddress)));
    return Buffer.from(s.handle(frameOf(buildReqUd2(s.primaryAddress, true)))!).toString('hex');
  });
}

describe('simulator: building', () => {
  it('is deterministic: the same seed and clock give the same devices and bytes', () => {
    const make = (seed: number): Building => new Building({ apartments: 5, seed, clock: fixedClock().clock, faults: FAULT_KINDS });
    assert.deepEqual(firstReplies(make(7)), firstReplies(make(7)));
    assert.deepEqual(make(7).faultPlan(), make(7).faultPlan());
    assert.notDeepEqual(describeDevices(new SimulatedBus(make(7))), describeDevices(new SimulatedBus(make(8))));
  });

  it('has 4 devices per apartment (5 with two room sensors), unique ids and primary addresses 1–250', () => {
    const b = new Building({ apartments: 70, clock: fixedClock().clock });
    const devices = describeDevices(new SimulatedBus(b));
    assert.equal(devices.length, 280);
    assert.equal(new Set(devices.map((d) => d.id)).size, 280);
    assert.deepEqual([...new Set(devices.slice(0, 4).map((d) => d.mediumCode))], [0x16, 0x06, 0x02, 0x1b]);
    assert.ok(devices.every((d) => /^\d{8}$/.test(d.id) && d.primaryAddress >= 1 && d.primaryAddress <= 250));
    assert.equal(new Building({ apartments: 3, roomSensors: 2 }).meters.length, 15);
  });

  it('registers never go back over a year, and a second read at the same time gives the same value', () => {
    const b = new Building({ apartments: 2, seed: 3 });
    for (const meter of b.meters.filter((m) => m.spec.kind !== 'room-temperature')) {
      let last = -1;
      for (let t = YEAR_START; t < YEAR_START + 365 * DAY; t += 7 * 3_600_000) {
        const v = meter.registerAt(t);
        assert.ok(v >= last, `${meter.spec.kind} went back at ${new Date(t).toISOString()}`);
        last = v;
      }
      assert.equal(meter.registerAt(YEAR_START + 100 * DAY), meter.registerAt(YEAR_START + 100 * DAY));
    }
  });

  it('uses water and electricity as Swedish apartments do', () => {
    const b = new Building({ apartments: 20, seed: 11 });
    const yearly = (i: number): number => b.meters[i]!.registerAt(YEAR_START + 365 * DAY) - b.meters[i]!.registerAt(YEAR_START);
    let hot = 0, cold = 0, electricity = 0;
    for (let a = 0; a < 20; a++) { cold += yearly(4 * a); hot += yearly(4 * a + 1); electricity += yearly(4 * a + 2); }
    const share = hot / (hot + cold);
    assert.ok(share > 0.4 && share < 0.5, `hot water share ${share}`);
    assert.ok(hot / 20 > 20 && hot / 20 < 70, `hot water ${hot / 20} m3 per apartment and year`);
    assert.ok(electricity / 20 > 1500 && electricity / 20 < 2600, `electricity ${electricity / 20} kWh per apartment and year`);
    const water = b.meters[0]!;
    const at = (h: number): number => water.registerAt(Date.UTC(2024, 2, 6, h) + 3_600_000) - water.registerAt(Date.UTC(2024, 2, 6, h));
    assert.ok(at(6) > 3 * at(2), 'the morning peak is well above the night');
  });

  it('keeps rooms at room temperature in winter and warmer in summer', () => {
    const b = new Building({ apartments: 10, seed: 5 });
    const rooms = b.meters.filter((m) => m.spec.kind === 'room-temperature');
    const winter = rooms.map((m) => m.climateAt(Date.UTC(2024, 0, 20, 12)).temperature);
    const summer = rooms.map((m) => m.climateAt(Date.UTC(2024, 6, 20, 15)).temperature);
    assert.ok(winter.every((t) => t > 19 && t < 24), `winter ${winter}`);
    assert.ok(summer.reduce((a, b2) => a + b2) / summer.length > winter.reduce((a, b2) => a + b2) / winter.length + 1);
  });

  it('places every fault kind as planned, with its effect', () => {
    const b = new Building({ apartments: 6, seed: 2, clock: fixedClock().clock, faults: parseFaults('all') });
    const plan = b.faultPlan();
    assert.deepEqual(plan.map((p) => p.kind), [...FAULT_KINDS]);
    const meter = (kind: string) => b.meters[plan.find((p) => p.kind === kind)!.meters[0]!.index]!;
    const from = b.faultsFrom;
    assert.ok(from < T0 && T0 - from < 3 * DAY);
    assert.equal(meter('stuck').registerAt(T0), meter('stuck').registerAt(from));
    assert.ok(meter('counter-reset').registerAt(T0) < 20);
    assert.notEqual(meter('meter-swap').identityAt(T0).id, meter('meter-swap').identityAt(from - 1).id);
    const spiked = meter('spike');
    assert.ok(spiked.registerAt(from + 3_600_000) - spiked.registerAt(from) > 0.3, 'a week of water within an hour');
    const [cw, el] = plan.find((p) => p.kind === 'duplicate-ids')!.meters;
    assert.equal(cw!.id, el!.id);
    assert.notEqual(cw!.manufacturer, el!.manufacturer);
    const shared = plan.find((p) => p.kind === 'shared-address')!.meters;
    assert.equal(new Set(shared.map((m) => m.primaryAddress)).size, 1);
    assert.equal(shared.length, 3);
  });

  it('rejects bad options', () => {
    assert.throws(() => new Building({ apartments: 0 }), ConfigError);
    assert.throws(() => new Building({ apartments: 1, roomSensors: 3 }), ConfigError);
    assert.throws(() => parseFaults('stuck,melted'), /melted/);
  });
});
