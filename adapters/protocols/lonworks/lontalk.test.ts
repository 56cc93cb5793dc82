/**
 * LonTalk packets and NV APDUs written byte by byte from the ISO/IEC 14908-1 layout (the
 * comment above each vector spells out every byte): the parser must read them, the builder
 * must reproduce them exactly.
 */
import { strict as assert } from 'node:assert';
import { DecodeError } from '../../../lib/errors';
import { fromHex, toHex } from '../../../lib/hex';
import { buildLonTalkPacket, type LonTalkPacketSpec } from './lontalk-build';
import { parseLonTalkPacket } from './lontalk-packet';
import { buildNvMessage, parseNvMessage } from './nv-message';

interface PacketVector { name: string; hex: string; spec: LonTalkPacketSpec; expect: Record<string, unknown> }

const VECTORS: PacketVector[] = [
  {
    // PPDU 00 · NPDU 39 = version 0, APDU (3<<4), subnet/node (2<<2), domain 1 byte (1)
    // · src subnet 01, selfield|node 8C (node 12) · dst subnet 02, node 83 (3) · domain 4C
    // · APDU 80 10 = NV, direction 0, selector 0x0010 · data 0001E240 (SNVT_elec_kwh_l 12345.6)
    name: 'unacknowledged NV update, subnet/node, 1-byte domain',
    hex: '0039018C02834C80100001E240',
    spec: { source: { subnet: 1, node: 12 }, destination: { format: 'subnet-node', subnet: 2, node: 3 }, domain: '4C', apdu: fromHex('80100001E240') },
    expect: { pduFormat: 'apdu', service: 'unackd', domain: '4C', destination: { format: 'subnet-node', subnet: 2, node: 3 } },
  },
  {
    // PPDU 80 (priority) · NPDU 04 = TPDU (0), group (1<<2), no domain · src 03 85 (node 5)
    // · group 07 · TPDU 05 = ACKD (0<<4), transaction 5 · APDU C1 23 = NV, direction 1,
    // selector 0x0123 · data 0866 (SNVT_temp_p 21.50)
    name: 'acknowledged NV update to a group, priority, no domain',
    hex: '800403850705C1230866',
    spec: { source: { subnet: 3, node: 5 }, destination: { format: 'group', group: 7 }, service: 'ackd', transaction: 5, priority: true, apdu: fromHex('C1230866') },
    expect: { priority: true, pduFormat: 'tpdu', service: 'ackd', transaction: 5, domain: '', destination: { format: 'group', group: 7 } },
  },
  {
    // PPDU 00 · NPDU 1F = SPDU (1<<4), Neuron ID (3<<2), 6-byte domain (3) · src 0A 81 (node 1)
    // · dst subnet 0B, Neuron ID 010203040506 · domain AABBCCDDEEFF · SPDU 21 = RESPONSE (2<<4),
    // transaction 1 · APDU 80 05 1234
    name: 'poll response (SPDU) addressed by Neuron ID, 6-byte domain',
    hex: '001F0A810B010203040506AABBCCDDEEFF2180051234',
    spec: { source: { subnet: 10, node: 1 }, destination: { format: 'neuron-id', subnet: 11, neuronId: '010203040506' }, domain: 'AABBCCDDEEFF', service: 'response', transaction: 1, apdu: fromHex('80051234') },
    expect: { pduFormat: 'spdu', service: 'response', domain: 'AABBCCDDEEFF', destination: { format: 'neuron-id', subnet: 11, neuronId: '010203040506' } },
  },
  {
    // PPDU 00 · NPDU 31 = APDU, broadcast (0), 1-byte domain · src 01 8C · dst subnet 00
    // (whole domain) · domain 4C · APDU 3F 00 (application message code 0x3F, not an NV)
    name: 'broadcast application message',
    hex: '0031018C004C3F00',
    spec: { source: { subnet: 1, node: 12 }, destination: { format: 'broadcast', subnet: 0 }, domain: '4C', apdu: fromHex('3F00') },
    expect: { pduFormat: 'apdu', service: 'unackd', destination: { format: 'broadcast', subnet: 0 } },
  },
];

describe('lonworks LonTalk packets', () => {
  for (const t of VECTORS) {
    it(`parses and builds: ${t.name}`, () => {
      const p = parseLonTalkPacket(fromHex(t.hex));
      for (const [key, value] of Object.entries(t.expect)) assert.deepEqual((p as unknown as Record<string, unknown>)[key], value, key);
      assert.deepEqual(p.source, t.spec.source);
      assert.equal(toHex(p.apdu!), toHex(t.spec.apdu));
      assert.equal(toHex(buildLonTalkPacket(t.spec)), t.hex);
    });
  }

  it('parses a group acknowledgement (format 2b, selfield 0) as a TPDU ACK without APDU', () => {
    // NPDU 09 = TPDU, format 2, domain 1 · src 01 0C (selfield 0 → 2b, node 12) · dst 02 83
    // · group 07 member 02 · domain 4C · TPDU 23 = ACK (2<<4), transaction 3
    const p = parseLonTalkPacket(fromHex('0009010C028307024C23'));
    assert.deepEqual(p.destination, { format: 'group-ack', subnet: 2, node: 3, group: 7, member: 2 });
    assert.deepEqual([p.service, p.transaction, p.apdu], ['ack', 3, null]);
  });

  it('reports truncation with the byte count it needed', () => {
    assert.throws(() => parseLonTalkPacket(fromHex('001F0A810B0102')),
      (e: unknown) => e instanceof DecodeError && e.code === 'truncated' && /Neuron ID address, needs 11 bytes, got 7/.test(e.message));
    assert.throws(() => parseLonTalkPacket(fromHex('0039018C0283')), /domain, needs 7 bytes/);
  });
});

describe('lonworks NV APDU', () => {
  it('splits 1 d ssssss ssssssss + data', () => {
    // C1 23 → 1 1 000001 00100011: direction 1, selector 0x0123
    assert.deepEqual(parseNvMessage(fromHex('C1230866')), { selector: 0x0123, direction: 1, data: fromHex('0866') });
    // BF FF → selector 0x3FFF, direction 0, no data (a poll)
    const poll = parseNvMessage(fromHex('BFFF'));
    assert.deepEqual([poll.selector, poll.direction, poll.data.length], [0x3fff, 0, 0]);
    assert.equal(toHex(buildNvMessage(0x0123, fromHex('0866'), 1)), 'C1230866');
  });

  it('rejects non-NV codes, a missing selector byte and data over 31 bytes', () => {
    assert.throws(() => parseNvMessage(fromHex('3F00')), (e: unknown) => e instanceof DecodeError && e.code === 'not-nv' && /0x3f/.test(e.message));
    assert.throws(() => parseNvMessage(fromHex('80')), (e: unknown) => e instanceof DecodeError && e.code === 'truncated');
    assert.throws(() => parseNvMessage(new Uint8Array(34).fill(0x80)), (e: unknown) => e instanceof DecodeError && e.code === 'length');
    assert.throws(() => buildNvMessage(0x4000, new Uint8Array(1)), RangeError);
  });
});
