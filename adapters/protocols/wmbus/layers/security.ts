/**
 * TPL security modes 5 and 7 (EN 13757-7 / OMS Vol. 2 security profiles A and B).
 *  - Mode 5: AES-128-CBC, IV = M(2) ‖ A(6: id, version, device type) ‖ access number × 8, the
 *    address of the TPL long header when there is one, else of the link layer.
 *  - Mode 7: Kenc / Kmac = AES-CMAC(K, 0x00 / 0x01 ‖ AFL message counter ‖ id ‖ 0x07 × 7);
 *    the AFL MAC = CMAC(Kmac, MCL ‖ MCR ‖ [ML] ‖ TPL from its CI to the end), truncated, is
 *    verified before the payload is decrypted by AES-128-CBC with IV 0 under Kenc.
 * Only the announced N 16-byte blocks are encrypted; bytes after them are plain. Plaintext
 * starting 2F 2F proves the key. Data announced as encrypted that already starts 2F 2F (and no
 * key, or a key that does not decrypt it) was stored decrypted and is decoded as it is.
 */
import type { TelegramHeader } from '../../mbus/app/types';
import { Aes128 } from '../crypto/aes128';
import { BLOCK, ZERO_BLOCK, cmac } from '../crypto/cmac';
import { cbcDecrypt, type MeterKey } from '../crypto/meter-key';
import { keyFor, meterError, writable, type Walk } from '../walk';

const KDF_PAD = 0x07;
const kdfInput = new Uint8Array(BLOCK);
/** Scratch ciphers for the per-telegram mode-7 keys (re-keyed per telegram, never kept). */
const macCipher = new Aes128(ZERO_BLOCK);
const encCipher = new Aes128(ZERO_BLOCK);

function startsPlain(b: Uint8Array, at: number): boolean {
  return b[at] === 0x2f && b[at + 1] === 0x2f;
}

function mode5Iv(w: Walk, h: TelegramHeader, longHeaderAt: number): Buffer {
  const b = w.b;
  const iv = Buffer.alloc(BLOCK, h.accessNumber);
  if (longHeaderAt >= 0) {
    iv[0] = b[longHeaderAt + 4]!; iv[1] = b[longHeaderAt + 5]!;
    iv.set(b.subarray(longHeaderAt, longHeaderAt + 4), 2);
    iv[6] = b[longHeaderAt + 6]!; iv[7] = b[longHeaderAt + 7]!;
  } else iv.set(b.subarray(2, 10));
  return iv;
}

function mode7Decrypt(w: Walk, key: MeterKey, tplCiAt: number, dataAt: number, blocks: number, longHeaderAt: number): Uint8Array {
  const afl = w.afl;
  if (!afl || afl.mcrAt < 0) throw meterError(w, 'security mode 7 needs the message counter of an authentication layer (CI 0x90), none was sent', tplCiAt, 'encrypted');
  const b = w.b;
  const idAt = longHeaderAt >= 0 ? longHeaderAt : 4;
  kdfInput.set(b.subarray(afl.mcrAt, afl.mcrAt + 4), 1);
  kdfInput.set(b.subarray(idAt, idAt + 4), 5);
  kdfInput.fill(KDF_PAD, 9);
  kdfInput[0] = 0;
  const kenc = key.cmacBlock(kdfInput);
  if (afl.macAt >= 0) {
    kdfInput[0] = 1;
    const parts: Uint8Array[] = afl.mcl >= 0 ? [Uint8Array.of(afl.mcl)] : [];
    parts.push(b.subarray(afl.mcrAt, afl.mcrAt + 4));
    if (afl.mlAt >= 0) parts.push(b.subarray(afl.mlAt, afl.mlAt + 2));
    parts.push(b.subarray(tplCiAt, w.end));
    macCipher.setKey(key.cmacBlock(kdfInput));
    const mac = cmac(macCipher, Buffer.concat(parts));
    for (let i = 0; i < afl.macLength; i++) if (mac[i] !== b[afl.macAt + i]) return new Uint8Array(0);
    w.out.frame.afl!.macVerified = true;
  }
  encCipher.setKey(kenc);
  return cbcDecrypt(encCipher, b, dataAt, blocks, ZERO_BLOCK);
}

/**
 * Decrypts the TPL data at `dataAt` in place when the header announces mode 5 or 7 (the caller
 * calls it for modes 0, 5 and 7 only).
 * `longHeaderAt` is the position of the TPL long header (−1 for short header / link address).
 */
export function decryptTpl(w: Walk, h: TelegramHeader, tplCiAt: number, dataAt: number, longHeaderAt: number): void {
  const mode = h.encryptionMode;
  if (mode === 0) return;
  const available = Math.floor((w.end - dataAt) / BLOCK);
  let blocks = h.encryptedBlocks === 0 ? available : h.encryptedBlocks;
  if (blocks > available) {
    w.out.warnings.push(`${h.encryptedBlocks} encrypted blocks announced, only ${available} whole blocks sent; decrypted ${available}`);
    blocks = available;
  }
  const key = keyFor(w);
  const b = w.b;
  if (key) {
    const plain = mode === 5 ? key.cbcDecrypt(b, dataAt, blocks, mode5Iv(w, h, longHeaderAt)) : mode7Decrypt(w, key, tplCiAt, dataAt, blocks, longHeaderAt);
    if (plain.length > 0 && startsPlain(plain, 0)) {
      writable(w).set(plain, dataAt);
      const tpl = mode === 5 ? 'aes-cbc-iv' : 'aes-cbc-kdf';
      w.out.frame.security = w.out.frame.security === 'aes-ctr' ? `aes-ctr+${tpl}` : tpl;
      return;
    }
    if (!startsPlain(b, dataAt)) {
      const why = plain.length === 0 ? 'the authentication layer MAC does not match' : 'the decrypted data does not start with 2F 2F';
      throw meterError(w, `wrong key for security mode ${mode}: ${why}`, dataAt, 'wrong-key', h);
    }
  } else if (!startsPlain(b, dataAt)) {
    throw meterError(w, `telegram is encrypted (security mode ${mode}, ${blocks} blocks) and no key was given`, dataAt, 'encrypted', h);
  }
  w.out.frame.security = 'stored-decrypted';
}
