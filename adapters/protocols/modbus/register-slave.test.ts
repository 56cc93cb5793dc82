/**
 * RTU framing and the read-only register slave without a serial port: CRC-16/MODBUS check
 * value, frames cut at the silence, the PDU answers (FC03/FC04, exceptions 01/02/03), and the
 * slave over a scripted transport: bad CRC, other units and broadcasts get no answer.
 */
import { strict as assert } from 'node:assert';
import type { ByteTransport } from '../../../lib/transport';
import { RegisterRtuSlave, answerReadOnly } from './register-slave';
import { RtuFrameReader, crc16Modbus, parseRtuFrame, rtuFrame, rtuSilenceMs } from './rtu-frame';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A transport whose received bytes the test pushes and whose writes it collects. */
function scriptedTransport(): ByteTransport & { push(bytes: Uint8Array): void; written: Uint8Array[] } {
  let listener: ((chunk: Uint8Array) => void) | undefined;
  const written: Uint8Array[] = [];
  return {
    description: 'scripted', baudRate: 9600, written,
    open: async () => undefined, close: async () => undefined,
    write: async (bytes) => { written.push(bytes); },
    onData: (l) => { listener = l; return () => { listener = undefined; }; },
    onClose: () => () => undefined,
    push: (bytes) => listener?.(bytes),
  };
}

describe('modbus RTU framing and register slave', () => {
  const image = Uint16Array.from([1, 3, 100, 0xffd5]);

  it('computes CRC-16/MODBUS (check "123456789" = 0x4B37) and frames low byte first', () => {
    assert.equal(crc16Modbus(Buffer.from('123456789')), 0x4b37);
    assert.equal(hex(rtuFrame(1, Uint8Array.of(0x03, 0x00, 0x00, 0x00, 0x0a))), '01030000000ac5cd');
    assert.deepEqual(parseRtuFrame(Buffer.from('01030000000ac5cd', 'hex'))?.unit, 1);
    assert.equal(parseRtuFrame(Buffer.from('01030000000ac5ce', 'hex')), undefined, 'bad CRC');
  });

  it('takes t3.5 from the baud rate (11-bit characters), 1.75 ms above 19200, never under the timer floor', () => {
    assert.equal(rtuSilenceMs(9600, 0).toFixed(3), '4.010');
    assert.equal(rtuSilenceMs(115_200, 0), 1.75);
    assert.equal(rtuSilenceMs(115_200), 2);
  });

  it('cuts frames at the silence, whatever the chunking', async () => {
    const frames: string[] = [];
    const reader = new RtuFrameReader(5, (f) => frames.push(hex(f)));
    reader.push(Uint8Array.of(1, 2));
    reader.push(Uint8Array.of(3));
    await sleep(30);
    reader.push(Uint8Array.of(4));
    await sleep(30);
    assert.deepEqual(frames, ['010203', '04']);
  });

  it('answers FC03 and FC04 from the image; writes 01, coils and past the image 02, bad counts 03', () => {
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x03, 0, 1, 0, 3), image)), '0306' + '0003' + '0064' + 'ffd5');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x04, 0, 0, 0, 1), image)), '04020001');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x06, 0, 0, 0, 1), image)), '8601');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x10, 0, 0, 0, 1, 2, 0, 1), image)), '9001');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x01, 0, 0, 0, 1), image)), '8102');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x03, 0, 3, 0, 2), image)), '8302');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x03, 0, 0, 0, 0), image)), '8303');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x04, 0, 0, 0, 126), image)), '8403');
    assert.equal(hex(answerReadOnly(Uint8Array.of(0x03, 0, 0), image)), '8303');
  });

  it('answers only its own unit with a good CRC: not other units, broadcasts or corrupted frames', async () => {
    const transport = scriptedTransport();
    const slave = new RegisterRtuSlave({ transport, unitId: 7, registers: () => image, silenceMs: 3 });
    await slave.start();
    const request = (unit: number): Uint8Array => rtuFrame(unit, Uint8Array.of(0x03, 0, 2, 0, 1));
    for (const frame of [request(8), request(0), Buffer.concat([request(7).subarray(0, 7), Uint8Array.of(0)])]) {
      transport.push(frame);
      await sleep(20);
    }
    assert.equal(transport.written.length, 0);
    const good = request(7);
    transport.push(good.subarray(0, 3));
    transport.push(good.subarray(3));
    await sleep(20);
    assert.deepEqual(transport.written.map(hex), [hex(rtuFrame(7, Uint8Array.of(0x03, 2, 0, 100)))]);
    await slave.close();
    assert.throws(() => new RegisterRtuSlave({ transport, unitId: 0, registers: () => image }), /unit id 0/);
  });
});
