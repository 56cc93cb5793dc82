/**
 * Manufacturer-specific transport layers (CI 0xA0–0xB7): the payload is kept as
 * `manufacturerData` (hex, from the byte after the CI) for meter definitions to read. One such
 * payload is decrypted here because its scheme was worked out from keyed telegrams:
 * Apator NA-1 (manufacturer APA, CI 0xA0 / 0xA1): byte 0 plays the access number, byte 1 is
 * sent in clear, bytes 2–17 are one AES-128-CBC block under the meter key with the security
 * mode 5 IV (M ‖ A of the link layer ‖ byte 0 × 8); the plaintext starts 0x2F. Bytes after the
 * block are kept as sent. Other manufacturer payloads (Diehl IZAR PRIOS, Techem …) are kept as
 * they are.
 */
import { toHex } from '../../../../lib/hex';
import { BLOCK } from '../crypto/cmac';
import { keyFor, linkHeader, meterError, writable, type Walk } from '../walk';

const IDLE = 0x2f;

function apatorNa1(w: Walk, ci: number, at: number): boolean {
  return w.dll.manufacturer === 'APA' && (ci === 0xa0 || ci === 0xa1) && w.end - at >= 2 + BLOCK;
}

/** Reads a manufacturer-specific CI's payload at `at` (the byte after the CI). */
export function readManufacturerTpl(w: Walk, ci: number, at: number): void {
  w.out.header = linkHeader(w);
  const name = `CI 0x${ci.toString(16).toUpperCase()}`;
  if (apatorNa1(w, ci, at)) {
    const key = keyFor(w);
    if (key) {
      const iv = new Uint8Array(BLOCK).fill(w.b[at]!);
      iv.set(w.b.subarray(2, 10));
      const plain = key.cbcDecrypt(w.b, at + 2, 1, iv);
      if (plain[0] !== IDLE) throw meterError(w, `wrong key for the Apator NA-1 payload (${name}): the decrypted block does not start with 2F`, at + 2, 'wrong-key');
      writable(w).set(plain, at + 2);
      w.out.frame.security = 'aes-cbc-iv';
    } else w.out.warnings.push(`${name}: Apator NA-1 payload is encrypted (AES-CBC) and no key was given`);
  }
  w.out.manufacturerData = toHex(w.b, at, w.end);
  w.out.warnings.push(`${name} is manufacturer specific: payload kept as manufacturerData${w.out.frame.security === 'none' ? '' : ' (decrypted)'}; only a meter definition names its values`);
}
