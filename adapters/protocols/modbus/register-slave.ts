/**
 * A read-only Modbus RTU slave over a byte transport (a serial port; a pty in tests): frames
 * cut at the t3.5 silence (rtu-frame.ts), CRC checked (bad frames dropped unanswered), only
 * its own unit id answered (broadcasts, unit 0, never are), and FC03/FC04 served from a
 * register image. Writes (FC05/06/15/16) and any other function answer exception 01, coil and
 * discrete reads and reads past the image exception 02, a malformed request exception 03.
 */
import type { ByteTransport } from '../../../lib/transport';
import { RtuFrameReader, parseRtuFrame, rtuFrame, rtuSilenceMs } from './rtu-frame';

const REOPEN_MS = 5000;
const READ_FUNCTIONS = new Set([0x03, 0x04]);
const NO_SUCH_DATA = new Set([0x01, 0x02]);

function exception(fn: number, code: number): Uint8Array {
  return Uint8Array.of(fn | 0x80, code);
}

/** The response PDU to a request PDU, served from `image` (register address = index). */
export function answerReadOnly(pdu: Uint8Array, image: Uint16Array): Uint8Array {
  const fn = pdu[0]!;
  if (NO_SUCH_DATA.has(fn)) return exception(fn, 0x02);
  if (!READ_FUNCTIONS.has(fn)) return exception(fn, 0x01);
  if (pdu.length !== 5) return exception(fn, 0x03);
  const address = (pdu[1]! << 8) | pdu[2]!;
  const count = (pdu[3]! << 8) | pdu[4]!;
  if (count < 1 || count > 125) return exception(fn, 0x03);
  if (address + count > image.length) return exception(fn, 0x02);
  const out = Buffer.alloc(2 + 2 * count);
  out[0] = fn;
  out[1] = 2 * count;
  for (let i = 0; i < count; i++) out.writeUInt16BE(image[address + i]!, 2 + 2 * i);
  return out;
}

export interface RegisterSlaveOptions {
  transport: ByteTransport;
  /** This slave's address, 1–247. */
  unitId: number;
  /** The register image at the moment of a request. */
  registers(): Uint16Array;
  /** Inter-frame silence (default t3.5 at the transport's baud rate, at least 2 ms). */
  silenceMs?: number;
}

export class RegisterRtuSlave {
  private readonly reader: RtuFrameReader;
  private stop: Array<() => void> = [];
  private reopenTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RegisterSlaveOptions) {
    if (!Number.isInteger(options.unitId) || options.unitId < 1 || options.unitId > 247) throw new RangeError(`unit id ${options.unitId}: must be 1–247`);
    this.reader = new RtuFrameReader(options.silenceMs ?? rtuSilenceMs(options.transport.baudRate), (frame) => this.answer(frame));
  }

  get description(): string {
    return `${this.options.transport.description} unit ${this.options.unitId}`;
  }

  /** Opens the port; resolves once requests are answered. A port that drops later (a USB adapter re-plugged) is reopened every `REOPEN_MS`. */
  async start(): Promise<void> {
    const transport = this.options.transport;
    await transport.open();
    this.stop = [transport.onData((chunk) => this.reader.push(chunk)), transport.onClose(() => this.reopen())];
  }

  async close(): Promise<void> {
    for (const stop of this.stop) stop();
    this.stop = [];
    clearTimeout(this.reopenTimer);
    this.reader.reset();
    await this.options.transport.close();
  }

  private reopen(): void {
    this.reader.reset();
    this.reopenTimer = setTimeout(() => {
      if (this.stop.length > 0) this.options.transport.open().catch(() => this.reopen());
    }, REOPEN_MS);
  }

  private answer(frame: Uint8Array): void {
    const request = parseRtuFrame(frame);
    if (!request || request.unit !== this.options.unitId) return; // corrupted, another slave's, or a broadcast
    const response = answerReadOnly(request.pdu, this.options.registers());
    this.options.transport.write(rtuFrame(request.unit, response)).catch(() => undefined); // a lost answer is the master's timeout
  }
}
