/**
 * The TCP gateway over real sockets on 127.0.0.1: requests split into single bytes or several
 * per segment, one bus for every connection, and byte timing at 2400 baud (kept short).
 */
import assert from 'node:assert/strict';
import { decodeTelegram } from '../../adapters/protocols/mbus';
import { buildReqUd2, buildSndNke } from '../../adapters/protocols/mbus/app/master-telegrams';
import { startSimulator, wireTimeMs, type Simulator } from '../../simulator';
import { TcpMaster, fixedClock, framesIn } from './sim-helpers';

describe('simulator: TCP gateway', () => {
  let sim: Simulator;
  afterEach(async () => { await sim?.close(); });

  it('answers requests that arrive byte by byte and several in one segment', async () => {
    sim = await startSimulator({ apartments: 2, baud: 0, clock: fixedClock().clock });
    const master = await TcpMaster.connect(sim.gateway.port);
    for (const b of buildSndNke(1)) master.send(Uint8Array.of(b));
    assert.equal((await master.take(1)).toString('hex'), 'e5');
    master.send(Buffer.concat([buildSndNke(2), buildReqUd2(2, true)]));
    const bytes = await master.takeFrames(2);
    const frames = framesIn(bytes);
    assert.deepEqual(frames.map((f) => f.frame.type), ['ack', 'long']);
    assert.equal(decodeTelegram(frames[1]!.raw).header!.id, sim.building.meters[1]!.identityAt(0).id);
    master.close();
  });

  it('serves several connections on one bus, each getting its own replies', async () => {
    sim = await startSimulator({ apartments: 1, baud: 0, clock: fixedClock().clock });
    const [a, b] = await Promise.all([TcpMaster.connect(sim.gateway.port), TcpMaster.connect(sim.gateway.port)]);
    a.send(buildReqUd2(1, true));
    b.send(buildReqUd2(4, true));
    const [ra, rb] = await Promise.all([a.takeFrames(1), b.takeFrames(1)]);
    assert.equal(decodeTelegram(ra).header!.mediumCode, 0x16);
    assert.equal(decodeTelegram(rb).header!.mediumCode, 0x1b);
    assert.equal(sim.gateway.wire.transactions, 2);
    a.close(); b.close();
  });

  it('sends a reply at 2400 baud byte by byte: 11 bits a byte, after the request and the reply delay', async () => {
    sim = await startSimulator({ apartments: 1, baud: 2400, clock: fixedClock().clock, multiTelegram: false });
    const master = await TcpMaster.connect(sim.gateway.port);
    const started = performance.now();
    let firstByteAt = 0;
    master.socket.once('data', () => { firstByteAt = performance.now() - started; });
    master.send(buildReqUd2(3, true)); // the electricity meter, all records in one telegram
    const reply = await master.takeFrames(1);
    const elapsed = performance.now() - started;
    assert.ok(reply.length >= 70, `reply of ${reply.length} bytes`);
    const expected = wireTimeMs({ baud: 2400 }, 5 + reply.length);
    assert.ok(elapsed >= expected && elapsed < expected + 250, `${reply.length} bytes in ${elapsed.toFixed(0)} ms, wire time ${expected.toFixed(0)} ms`);
    assert.ok(elapsed >= 4.58 * reply.length, 'a 100-byte reply would take ≥ 458 ms');
    assert.ok(firstByteAt < elapsed - 300, 'bytes arrive spread over the reply time, not at once');
    assert.equal(decodeTelegram(reply).records.length, 9);
    master.close();
  });
});
