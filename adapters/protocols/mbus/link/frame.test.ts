// Tests of link-layer frame parsing and building: documentation frames, round trips, every error with its offset.
import { strict as assert } from 'assert';
import { ConfigError, DecodeError } from '../../../../lib/errors';
import { fromHex, toHex } from '../../../../lib/hex';
import { MAX_DATA_LENGTH, buildFrame, buildLongFrame, checksum, parseFrame, type FrameErrorCode, type MBusFrame } from './frame';

/** Classic RSP_UD from the M-Bus documentation: water meter 12345678, manufacturer PAD. */
const RSP_UD = '68 1F 1F 68 08 02 72 78 56 34 12 24 40 01 07 55 00 00 00 03 13 15 31 00 DA 02 3B 13 01 8B 60 04 37 18 02 18 16';
/** m-bus.com: set primary address 8 via broadcast with reply. */
const SET_ADDRESS = '68 06 06 68 53 FE 51 01 7A 08 25 16';

function expectError(bytes: Uint8Array, offset: number, code: FrameErrorCode, at: number, message: string | RegExp): void {
  assert.throws(() => parseFrame(bytes, offset), (e: unknown) => {
    assert.ok(e instanceof DecodeError);
    assert.equal(e.code, code);
    assert.equal(e.offset, at);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

function mutate(hex: string, index: number, value: number): Uint8Array {
  const bytes = fromHex(hex);
  bytes[index] = value;
  return bytes;
}

describe('mbus link: frame', () => {
  describe('parses documentation frames', () => {
    it('single character E5', () => {
      assert.deepEqual(parseFrame(fromHex('E5')), { frame: { type: 'ack' }, length: 1 });
    });

    it('short frame REQ_UD2 to broadcast (10 5B FE 59 16)', () => {
      assert.deepEqual(parseFrame(fromHex('10 5B FE 59 16')), { frame: { type: 'short', control: 0x5b, address: 0xfe }, length: 5 });
    });

    it('short frame SND_NKE to address 1 (10 40 01 41 16)', () => {
      assert.deepEqual(parseFrame(fromHex('10 40 01 41 16')), { frame: { type: 'short', control: 0x40, address: 1 }, length: 5 });
    });

    it('long frame RSP_UD, data as a view after CI', () => {
      const bytes = fromHex(RSP_UD);
      const { frame, length } = parseFrame(bytes);
      assert.equal(length, 37);
      assert.equal(frame.type, 'long');
      if (frame.type !== 'long') return;
      assert.deepEqual([frame.control, frame.address, frame.ci], [0x08, 0x02, 0x72]);
      assert.equal(toHex(frame.data), '78563412244001075500000003131531' + '00DA023B13018B6004371802');
      assert.equal(frame.data.buffer, bytes.buffer, 'no copy');
      assert.equal(frame.data.byteOffset, bytes.byteOffset + 7);
    });

    it('long frame SND_UD set primary address', () => {
      const { frame } = parseFrame(fromHex(SET_ADDRESS));
      assert.equal(frame.type, 'long');
      if (frame.type === 'long') assert.equal(toHex(frame.data), '017A08');
    });

    it('L = 3 is a control frame', () => {
      assert.deepEqual(parseFrame(fromHex('68 03 03 68 53 FE BD 0E 16')),
        { frame: { type: 'control', control: 0x53, address: 0xfe, ci: 0xbd }, length: 9 });
    });

    it('frames one after another, by offset', () => {
      const bytes = fromHex(`E5 10 40 01 41 16 ${RSP_UD} E5`);
      const types: string[] = [];
      for (let offset = 0; offset < bytes.length;) {
        const parsed = parseFrame(bytes, offset);
        types.push(parsed.frame.type);
        offset += parsed.length;
      }
      assert.deepEqual(types, ['ack', 'short', 'long', 'ack']);
    });
  });

  describe('round-trips build → parse', () => {
    const data = new Uint8Array(MAX_DATA_LENGTH).map((_, i) => (i * 37 + 0x68) & 0xff);
    const frames: MBusFrame[] = [
      { type: 'ack' },
      { type: 'short', control: 0x7b, address: 253 },
      { type: 'control', control: 0x53, address: 0, ci: 0xb8 },
      { type: 'long', control: 0x08, address: 255, ci: 0x72, data: data.subarray(0, 1) },
      { type: 'long', control: 0x28, address: 1, ci: 0x78, data },
    ];
    for (const frame of frames) {
      it(`${frame.type}${frame.type === 'long' ? ` with ${frame.data.length} data bytes` : ''}`, () => {
        const bytes = buildFrame(frame);
        assert.deepEqual(parseFrame(bytes), { frame, length: bytes.length });
      });
    }

    it('builds the documentation frames byte for byte', () => {
      assert.equal(toHex(buildFrame({ type: 'short', control: 0x5b, address: 0xfe })), '105BFE5916');
      const rsp = fromHex(RSP_UD);
      assert.equal(toHex(buildLongFrame(0x08, 0x02, 0x72, rsp.subarray(7, 35))), toHex(rsp));
      assert.equal(toHex(buildLongFrame(0x53, 0xfe, 0x51, fromHex('01 7A 08'))), toHex(fromHex(SET_ADDRESS)));
    });

    it('a long frame without data is a control frame on the wire', () => {
      const bytes = buildLongFrame(0x53, 1, 0x50, new Uint8Array(0));
      assert.equal(toHex(bytes), '68030368530150A416');
      assert.equal(parseFrame(bytes).frame.type, 'control');
    });

    it('rejects more than 252 data bytes and fields that are not bytes', () => {
      assert.throws(() => buildLongFrame(0x53, 1, 0x51, new Uint8Array(253)),
        (e: unknown) => e instanceof ConfigError && /253 data bytes do not fit, at most 252/.test(e.message));
      assert.throws(() => buildFrame({ type: 'short', control: 0x40, address: 256 }),
        (e: unknown) => e instanceof ConfigError && e.message === 'address 256: must be an integer 0–255');
      assert.throws(() => buildLongFrame(0x53, 1, -1, new Uint8Array(1)), ConfigError);
      assert.throws(() => buildFrame({ type: 'control', control: 1.5, address: 1, ci: 0x50 }), ConfigError);
    });
  });

  describe('rejects bad frames naming the byte', () => {
    it('checksum', () => {
      expectError(mutate(RSP_UD, 35, 0x19), 0, 'checksum', 35, 'long frame: checksum 0x19 at byte 35 does not match computed 0x18');
      expectError(fromHex('10 5B FE 58 16'), 0, 'checksum', 3, 'short frame: checksum 0x58 at byte 3 does not match computed 0x59');
      expectError(fromHex('68 03 03 68 53 FE BD 0F 16'), 0, 'checksum', 7, /^control frame: checksum 0x0F at byte 7/);
    });

    it('length fields differ', () => {
      expectError(mutate(RSP_UD, 2, 0x20), 0, 'length', 2, 'long frame: length fields differ (0x1F at byte 1, 0x20 at byte 2)');
    });

    it('L below 3', () => {
      expectError(fromHex('68 02 02 68 53 FE 51 16'), 0, 'length', 1, /^long frame: L field 0x02 at byte 1 is below 3/);
    });

    it('truncated', () => {
      expectError(fromHex(RSP_UD).subarray(0, 20), 0, 'truncated', 20, 'long frame: truncated at byte 20, needs 37 bytes, got 20');
      expectError(fromHex('10 5B'), 0, 'truncated', 2, 'short frame: truncated at byte 2, needs 5 bytes, got 2');
      expectError(fromHex('68 1F'), 0, 'truncated', 2, /^long frame: truncated at byte 2/);
      expectError(new Uint8Array(0), 0, 'truncated', 0, 'frame: truncated at byte 0, needs 1 byte, got 0');
    });

    it('reports a bad header before asking for more bytes', () => {
      expectError(fromHex('68 1F 1E'), 0, 'length', 2, /length fields differ/);
      expectError(fromHex('68 1F 1F 67'), 0, 'start', 3, 'long frame: second start byte 0x67 at byte 3 is not 0x68');
    });

    it('unknown start byte', () => {
      expectError(fromHex('0D 0A'), 0, 'start', 0, 'frame: unknown start byte 0x0D at byte 0');
    });

    it('stop byte', () => {
      expectError(mutate(RSP_UD, 36, 0x17), 0, 'stop', 36, 'long frame: stop byte 0x17 at byte 36 is not 0x16');
      expectError(fromHex('10 40 01 41 00'), 0, 'stop', 4, 'short frame: stop byte 0x00 at byte 4 is not 0x16');
    });

    it('offsets are absolute when parsing from an offset', () => {
      const bytes = fromHex(`00 00 00 ${RSP_UD}`);
      bytes[3 + 35] = 0;
      expectError(bytes, 3, 'checksum', 38, /checksum 0x00 at byte 38/);
      expectError(bytes.subarray(0, 20), 3, 'truncated', 20, 'long frame: truncated at byte 20, needs 37 bytes, got 17');
    });
  });

  it('checksum is the 8-bit sum of [start, end)', () => {
    const bytes = fromHex('FF FF 02 10');
    assert.equal(checksum(bytes, 0, 3), 0x00);
    assert.equal(checksum(bytes, 1, 4), 0x11);
    assert.equal(checksum(bytes, 2, 2), 0);
  });
});
