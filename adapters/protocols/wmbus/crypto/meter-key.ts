/**
 * One meter's AES-128 key, expanded once and reused for every telegram of that meter: CBC
 * decryption (security mode 5), CTR (extended link layer) and the one-block CMACs of the mode-7
 * key derivation. The key bytes never leave this object (not in messages, not in JSON).
 */
import { Aes128 } from './aes128';
import { BLOCK, subkey1 } from './cmac';

export class MeterKey {
  private readonly aes: Aes128;
  private readonly k1: Uint8Array;

  constructor(key: Uint8Array) {
    this.aes = new Aes128(key);
    this.k1 = subkey1(this.aes);
  }

  /** AES-128-CBC decryption of the whole blocks b[start, start + 16·blocks) with `iv`. */
  cbcDecrypt(b: Uint8Array, start: number, blocks: number, iv: Uint8Array): Uint8Array {
    return cbcDecrypt(this.aes, b, start, blocks, iv);
  }

  /** AES-128-CTR of b[start, end) from the initial counter block `iv` (big-endian counter). */
  ctr(b: Uint8Array, start: number, end: number, iv: Uint8Array): Uint8Array {
    const out = new Uint8Array(end - start);
    const counter = Uint8Array.from(iv);
    const stream = new Uint8Array(BLOCK);
    for (let at = 0; at < out.length; at += BLOCK) {
      this.aes.encrypt(counter, 0, stream, 0);
      for (let i = 0; i < BLOCK && at + i < out.length; i++) out[at + i] = b[start + at + i]! ^ stream[i]!;
      for (let i = BLOCK - 1; i >= 0 && ++counter[i]! === 0x100; i--) counter[i] = 0;
    }
    return out;
  }

  /** CMAC of one complete 16-byte block: AES(M ⊕ K1) (the OMS mode-7 key derivation). */
  cmacBlock(message: Uint8Array): Uint8Array {
    const x = new Uint8Array(BLOCK);
    for (let i = 0; i < BLOCK; i++) x[i] = message[i]! ^ this.k1[i]!;
    this.aes.encrypt(x, 0, x, 0);
    return x;
  }
}

/** AES-128-CBC decryption with an expanded key. */
export function cbcDecrypt(aes: Aes128, b: Uint8Array, start: number, blocks: number, iv: Uint8Array): Uint8Array {
  const out = new Uint8Array(blocks * BLOCK);
  for (let k = 0; k < blocks; k++) {
    const at = k * BLOCK;
    aes.decrypt(b, start + at, out, at);
    for (let i = 0; i < BLOCK; i++) out[at + i]! ^= k === 0 ? iv[i]! : b[start + at - BLOCK + i]!;
  }
  return out;
}
