/**
 * Modbus RTU framing (Modbus over Serial Line V1.02 §2.5): a frame is unit id, PDU and
 * CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF, sent low byte first), delimited by at
 * least 3.5 character times of silence. `RtuFrameReader` cuts received bytes into frames at
 * that silence; the CRC check is the caller's (a frame with a bad CRC is dropped unanswered).
 */

/** CRC-16/MODBUS; check("123456789") = 0x4B37. */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

/** unit id + PDU + CRC (low byte first). */
export function rtuFrame(unit: number, pdu: Uint8Array): Uint8Array {
  const frame = new Uint8Array(pdu.length + 3);
  frame[0] = unit;
  frame.set(pdu, 1);
  const crc = crc16Modbus(frame.subarray(0, pdu.length + 1));
  frame[pdu.length + 1] = crc & 0xff;
  frame[pdu.length + 2] = crc >>> 8;
  return frame;
}

/** The frame's unit id and PDU when its CRC is right; undefined for a short or corrupted frame. */
export function parseRtuFrame(frame: Uint8Array): { unit: number; pdu: Uint8Array } | undefined {
  if (frame.length < 4) return undefined;
  const crc = frame[frame.length - 2]! | (frame[frame.length - 1]! << 8);
  if (crc !== crc16Modbus(frame.subarray(0, frame.length - 2))) return undefined;
  return { unit: frame[0]!, pdu: frame.subarray(1, frame.length - 2) };
}

/**
 * The inter-frame silence t3.5 in ms: 3.5 characters of 11 bits (8 data, parity or a second
 * stop bit, start, stop); above 19200 baud the fixed 1.75 ms the specification recommends.
 * Timers under ~2 ms are not reliable in Node.js, hence the floor (`minMs`).
 */
export function rtuSilenceMs(baudRate: number, minMs = 2): number {
  const t35 = baudRate > 19_200 ? 1.75 : (3.5 * 11 * 1000) / baudRate;
  return Math.max(minMs, t35);
}

/** Cuts a byte stream into RTU frames at each silence of `silenceMs`. */
export class RtuFrameReader {
  private chunks: Uint8Array[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly silenceMs: number, private readonly onFrame: (frame: Uint8Array) => void, private readonly maxBytes = 256) {}

  push(chunk: Uint8Array): void {
    clearTimeout(this.timer);
    this.chunks.push(chunk);
    this.timer = setTimeout(() => this.flush(), this.silenceMs);
  }

  /** Drops a partial frame (on close). */
  reset(): void {
    clearTimeout(this.timer);
    this.chunks = [];
  }

  private flush(): void {
    const frame = Buffer.concat(this.chunks);
    this.chunks = [];
    if (frame.length <= this.maxBytes) this.onFrame(frame); // longer than any RTU frame: line noise
  }
}
