// Tests of the M-Bus C-field and address helpers (EN 13757-2).
import { strict as assert } from 'assert';
import { ConfigError } from '../../../../lib/errors';
import {
  REQ_UD1, REQ_UD2, RSP_UD, SND_NKE, SND_UD, describeAddress, describeControl, isAssignableAddress, reqUd1, reqUd2,
  rspUd, sndUd,
} from './control-field';

describe('mbus link: control field', () => {
  it('has the EN 13757-2 C field values', () => {
    assert.deepEqual([SND_NKE, SND_UD, REQ_UD1, REQ_UD2, RSP_UD], [0x40, 0x53, 0x5a, 0x5b, 0x08]);
    assert.deepEqual([sndUd(false), sndUd(true)], [0x53, 0x73]);
    assert.deepEqual([reqUd1(false), reqUd1(true)], [0x5a, 0x7a]);
    assert.deepEqual([reqUd2(false), reqUd2(true)], [0x5b, 0x7b]);
    assert.deepEqual(
      [rspUd(false, false), rspUd(false, true), rspUd(true, false), rspUd(true, true)], [0x08, 0x18, 0x28, 0x38]);
  });

  const master = { direction: 'master-to-slave', acd: false, dfc: false } as const;
  const slave = { direction: 'slave-to-master', fcb: false, fcv: false } as const;
  const cases: Array<[number, object]> = [
    [0x40, { name: 'SND_NKE', fcb: false, fcv: false, ...master }],
    [0x53, { name: 'SND_UD', fcb: false, fcv: true, ...master }],
    [0x73, { name: 'SND_UD', fcb: true, fcv: true, ...master }],
    [0x5a, { name: 'REQ_UD1', fcb: false, fcv: true, ...master }],
    [0x7a, { name: 'REQ_UD1', fcb: true, fcv: true, ...master }],
    [0x5b, { name: 'REQ_UD2', fcb: false, fcv: true, ...master }],
    [0x7b, { name: 'REQ_UD2', fcb: true, fcv: true, ...master }],
    [0x08, { name: 'RSP_UD', acd: false, dfc: false, ...slave }],
    [0x18, { name: 'RSP_UD', acd: false, dfc: true, ...slave }],
    [0x28, { name: 'RSP_UD', acd: true, dfc: false, ...slave }],
    [0x38, { name: 'RSP_UD', acd: true, dfc: true, ...slave }],
    [0x49, { name: 'unknown', fcb: false, fcv: false, ...master }],
    [0x0b, { name: 'unknown', acd: false, dfc: false, ...slave }],
  ];
  for (const [control, expected] of cases) {
    it(`describes C field 0x${control.toString(16).padStart(2, '0')}`, () => {
      assert.deepEqual(describeControl(control), expected);
    });
  }
});

describe('mbus link: address field', () => {
  it('names every address range', () => {
    const kinds = [0, 1, 250, 251, 252, 253, 254, 255].map(describeAddress);
    assert.deepEqual(kinds, [
      'unconfigured', 'primary', 'primary', 'reserved', 'reserved', 'network-layer', 'broadcast-with-reply',
      'broadcast-no-reply',
    ]);
  });

  it('rejects values that are not a byte', () => {
    for (const bad of [-1, 256, 1.5, NaN]) {
      assert.throws(() => describeAddress(bad), (e: unknown) => e instanceof ConfigError && /must be an integer 0–255/.test(e.message));
    }
  });

  it('allows assigning 0–250 only', () => {
    assert.deepEqual([0, 1, 250, 251, 253, -1, 2.5].map(isAssignableAddress), [true, true, true, false, false, false, false]);
  });
});
