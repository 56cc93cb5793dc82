// Tests of the master-to-slave telegram builders and the secondary-address text form.
import { strict as assert } from 'assert';
import { ConfigError } from '../../../../lib/errors';
import { fromHex, toHex } from '../../../../lib/hex';
import { parseFrame } from '../link/frame';
import {
  BAUD_RATES, buildApplicationReset, buildBaudRateSwitch, buildDataSend, buildReqUd2, buildSelection,
  buildSetPrimaryAddress, buildSndNke, parseSecondaryAddress, secondaryAddressHex, type BaudRate, type SecondaryAddress,
} from './master-telegrams';

const hex = (bytes: Uint8Array) => toHex(bytes);
const wire = (text: string) => toHex(fromHex(text));
const ANY: SecondaryAddress = { id: 'FFFFFFFF', manufacturer: null, version: null, medium: null };

function rejects(build: () => unknown, message: RegExp): void {
  assert.throws(build, (e: unknown) => e instanceof ConfigError && message.test(e.message));
}

describe('mbus app: master telegrams', () => {
  it('SND_NKE and REQ_UD2 short frames', () => {
    assert.equal(hex(buildSndNke(1)), wire('10 40 01 41 16'));
    assert.equal(hex(buildReqUd2(0xfe, false)), wire('10 5B FE 59 16'));
    assert.equal(hex(buildReqUd2(0xfd, true)), wire('10 7B FD 78 16'));
  });

  it('set primary address (m-bus.com example: address 8 via FE)', () => {
    assert.equal(hex(buildSetPrimaryAddress(0xfe, 8)), wire('68 06 06 68 53 FE 51 01 7A 08 25 16'));
    assert.equal(hex(buildSetPrimaryAddress(0xfd, 0, true)), wire('68 06 06 68 73 FD 51 01 7A 00 3C 16'));
  });

  it('selection by secondary address, full and with wildcards', () => {
    assert.equal(hex(buildSelection({ id: '12345678', manufacturer: 'KAM', version: 1, medium: 7 })),
      wire('68 0B 0B 68 53 FD 52 78 56 34 12 2D 2C 01 07 17 16'));
    assert.equal(hex(buildSelection({ id: '12345678', manufacturer: null, version: null, medium: null })),
      wire('68 0B 0B 68 53 FD 52 78 56 34 12 FF FF FF FF B2 16'));
    assert.equal(hex(buildSelection({ id: '1f34ffff', manufacturer: 0x8001, version: null, medium: 0x0e })).slice(14, 30),
      'FFFF341F0180FF0E');
  });

  it('application reset, with and without subcode', () => {
    assert.equal(hex(buildApplicationReset(5)), wire('68 03 03 68 53 05 50 A8 16'));
    assert.equal(hex(buildApplicationReset(5, 0x10)), wire('68 04 04 68 53 05 50 10 B8 16'));
  });

  it('baud rate switch: CI 0xB8–0xBF for 300–38400', () => {
    assert.equal(hex(buildBaudRateSwitch(0xfe, 9600)), wire('68 03 03 68 53 FE BD 0E 16'));
    const cis = BAUD_RATES.map((rate) => {
      const { frame } = parseFrame(buildBaudRateSwitch(1, rate));
      assert.equal(frame.type, 'control');
      return frame.type === 'control' ? frame.ci : -1;
    });
    assert.deepEqual(cis, [0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf]);
  });

  it('generic data send (CI 0x51)', () => {
    const { frame } = parseFrame(buildDataSend(3, fromHex('01 FD 1B 05'), true));
    assert.equal(frame.type, 'long');
    if (frame.type === 'long') {
      assert.deepEqual([frame.control, frame.address, frame.ci, hex(frame.data)], [0x73, 3, 0x51, '01FD1B05']);
    }
  });

  describe('secondary address string (libmbus order)', () => {
    it('is the ID digits, then manufacturer, version, medium bytes in wire order', () => {
      const address: SecondaryAddress = { id: '12345678', manufacturer: 'KAM', version: 1, medium: 7 };
      assert.equal(secondaryAddressHex(address), '123456782D2C0107');
      assert.deepEqual(parseSecondaryAddress('123456782D2C0107'), address);
    });

    it('reads wildcards as null and spaces are allowed', () => {
      assert.deepEqual(parseSecondaryAddress('FFFFFFFF FFFF FF FF'), ANY);
      assert.equal(secondaryAddressHex(ANY), 'FFFFFFFFFFFFFFFF');
    });

    it('keeps manufacturer values that are not three letters A–Z as numbers', () => {
      const parsed = parseSecondaryAddress('0000000100000000');
      assert.deepEqual(parsed, { id: '00000001', manufacturer: 0, version: 0, medium: 0 });
      assert.equal(secondaryAddressHex(parsed), '0000000100000000');
      assert.equal(parseSecondaryAddress('000000012DAC0107').manufacturer, 0xac2d);
    });

    it('rejects malformed strings', () => {
      rejects(() => parseSecondaryAddress('12345678'), /must be 16 hex digits/);
      rejects(() => parseSecondaryAddress('123456782D2C01GG'), /must be 16 hex digits/);
    });
  });

  it('rejects invalid arguments with ConfigError', () => {
    rejects(() => buildSelection({ ...ANY, id: '1234567' }), /id "1234567": must be 8 hex digits/);
    rejects(() => buildSelection({ ...ANY, manufacturer: 'kam' }), /manufacturer "kam"/);
    rejects(() => buildSelection({ ...ANY, manufacturer: 0x10000 }), /manufacturer 65536/);
    rejects(() => buildSelection({ ...ANY, version: 256 }), /version 256: must be an integer 0–255/);
    rejects(() => buildSelection({ ...ANY, medium: -1 }), /medium -1/);
    rejects(() => buildSetPrimaryAddress(0xfe, 251), /new primary address 251: must be an integer 0–250/);
    rejects(() => buildBaudRateSwitch(1, 1234 as BaudRate), /baud rate 1234: must be one of 300, 600/);
    rejects(() => buildApplicationReset(1, 300), /subcode 300/);
    rejects(() => buildSndNke(256), /address 256/);
    rejects(() => buildDataSend(1, new Uint8Array(253)), /at most 252/);
  });
});
