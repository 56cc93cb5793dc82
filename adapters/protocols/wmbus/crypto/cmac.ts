/**
 * AES-128-CMAC (RFC 4493) over the Aes128 block cipher: subkeys K1/K2 from L = AES(K, 0) by
 * doubling in GF(2^128), the last block padded (10*) and XORed with K1 (complete) or K2.
 */
import { Aes128 } from './aes128';

export const BLOCK = 16;
export const ZERO_BLOCK = new Uint8Array(BLOCK);

/** The RFC 4493 doubling: shift left one bit, XOR 0x87 into the last byte on carry. */
export function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = ((block[i]! << 1) | (i < BLOCK - 1 ? block[i + 1]! >> 7 : 0)) & 0xff;
  if (block[0]! & 0x80) out[BLOCK - 1]! ^= 0x87;
  return out;
}

/** K1 of a key (RFC 4493 §2.3). */
export function subkey1(aes: Aes128): Uint8Array {
  const l = new Uint8Array(BLOCK);
  aes.encrypt(ZERO_BLOCK, 0, l, 0);
  return double(l);
}

/** AES-128-CMAC of `message` under `key` (16 bytes, or an expanded key). */
export function cmac(key: Uint8Array | Aes128, message: Uint8Array): Uint8Array {
  const aes = key instanceof Aes128 ? key : new Aes128(key);
  const k1 = subkey1(aes);
  const complete = message.length > 0 && message.length % BLOCK === 0;
  const k = complete ? k1 : double(k1);
  const n = Math.max(1, Math.ceil(message.length / BLOCK));
  const x = new Uint8Array(BLOCK);
  for (let blockAt = 0, b = 0; b < n; b++, blockAt += BLOCK) {
    for (let i = 0; i < BLOCK; i++) {
      const at = blockAt + i;
      let v = at < message.length ? message[at]! : at === message.length ? 0x80 : 0;
      if (b === n - 1) v ^= k[i]!;
      x[i]! ^= v;
    }
    aes.encrypt(x, 0, x, 0);
  }
  return x;
}
