/**
 * Modbus register values, exactly: the words of one value (as read, in wire order) → the value's
 * bytes in big-endian order (undoing the device's word and byte order) → the integer as a decimal
 * string, or the float as its shortest round-trip text. No binary float is involved for
 * integers, so a 64-bit energy register passes through unchanged (lib/reading.ts RawValue).
 */
import { real32Text } from '../mbus/app/data-types';

export type RegisterType = 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64' | 'float32' | 'float64';
/** Which 16-bit register carries the most significant word: 'high-first' (ABCD) or 'low-first' (CDAB). */
export type WordOrder = 'high-first' | 'low-first';
/** Byte order inside each register: 'big' (Modbus standard, AB) or 'little' (swapped, BA). */
export type ByteOrder = 'big' | 'little';

export const REGISTER_TYPES: readonly RegisterType[] = ['u16', 's16', 'u32', 's32', 'u64', 's64', 'float32', 'float64'];
export const WORD_ORDERS: readonly WordOrder[] = ['high-first', 'low-first'];
export const BYTE_ORDERS: readonly ByteOrder[] = ['big', 'little'];

/** Registers (16-bit words) one value of the type occupies. */
export function registerCount(type: RegisterType): number {
  return type.endsWith('16') ? 1 : type.endsWith('32') ? 2 : 4;
}

export interface DecodedRegister {
  /** The exact value: integer digits (with '-') or the float's shortest round-trip text ('NaN', 'Infinity'). */
  text: string;
  encoding: 'int' | 'real';
  /** The value's bytes, most significant first (after undoing word and byte order). */
  valueBytes: Uint8Array;
}

/** Value bytes, most significant first, from the bytes as sent (2 per register, in register order). */
export function toValueBytes(wire: Uint8Array, wordOrder: WordOrder, byteOrder: ByteOrder): Uint8Array {
  const words = wire.length / 2;
  const out = new Uint8Array(wire.length);
  for (let w = 0; w < words; w++) {
    const from = (wordOrder === 'high-first' ? w : words - 1 - w) * 2;
    out[w * 2] = byteOrder === 'big' ? wire[from]! : wire[from + 1]!;
    out[w * 2 + 1] = byteOrder === 'big' ? wire[from + 1]! : wire[from]!;
  }
  return out;
}

/** The inverse of toValueBytes (it is its own inverse: a permutation that undoes itself). */
export const toWireBytes = toValueBytes;

/** Decodes one value from the bytes as sent. */
export function decodeRegister(wire: Uint8Array, type: RegisterType, wordOrder: WordOrder, byteOrder: ByteOrder): DecodedRegister {
  if (wire.length !== registerCount(type) * 2) throw new RangeError(`${type} needs ${registerCount(type) * 2} bytes, got ${wire.length}`);
  const valueBytes = toValueBytes(wire, wordOrder, byteOrder);
  const view = new DataView(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength);
  switch (type) {
    case 'float32': return { text: real32Text(view.getFloat32(0)), encoding: 'real', valueBytes };
    case 'float64': return { text: String(view.getFloat64(0)), encoding: 'real', valueBytes };
    default: {
      const unsigned = BigInt(`0x${Buffer.from(valueBytes).toString('hex')}`);
      const bits = BigInt(valueBytes.length * 8);
      const signed = type.startsWith('s') && unsigned >> (bits - 1n) === 1n ? unsigned - (1n << bits) : unsigned;
      return { text: signed.toString(), encoding: 'int', valueBytes };
    }
  }
}

/** Encodes a value (decimal text for integers, a number for floats) into the bytes as sent. */
export function encodeRegister(value: string | number, type: RegisterType, wordOrder: WordOrder, byteOrder: ByteOrder): Uint8Array {
  const size = registerCount(type) * 2;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  if (type === 'float32') view.setFloat32(0, Number(value));
  else if (type === 'float64') view.setFloat64(0, Number(value));
  else {
    const bits = BigInt(size * 8);
    const n = BigInt(value);
    const min = type.startsWith('s') ? -(1n << (bits - 1n)) : 0n;
    const max = type.startsWith('s') ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
    if (n < min || n > max) throw new RangeError(`${value} does not fit ${type}`);
    const u = n < 0n ? n + (1n << bits) : n;
    bytes.set(Buffer.from(u.toString(16).padStart(size * 2, '0'), 'hex'));
  }
  return toWireBytes(bytes, wordOrder, byteOrder);
}
