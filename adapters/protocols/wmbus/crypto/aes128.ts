/**
 * AES-128 block cipher (FIPS 197) with 32-bit T-tables, for the telegram hot path. Node's
 * OpenSSL binding costs 2–3 µs per call (context creation or update), several calls per mode-7
 * telegram; a key schedule here costs about as much as one block there. Checked against Node's
 * aes-128-ecb in crypto.test.ts. Not constant-time: it decrypts meter data on the hub, it does
 * not protect a key against an attacker timing the hub.
 */
const S = new Uint8Array(256), INV_S = new Uint8Array(256);
const TE = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
const TD = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];

const xtime = (a: number): number => ((a << 1) ^ (a & 0x80 ? 0x11b : 0)) & 0xff;
function mul(a: number, b: number): number {
  let r = 0;
  for (; b > 0; b >>= 1, a = xtime(a)) if (b & 1) r ^= a;
  return r;
}
const rotr8 = (w: number): number => ((w >>> 8) | (w << 24)) >>> 0;

(function tables(): void {
  let p = 1, q = 1;
  do {
    p = p ^ xtime(p);                                    // p · 3
    q ^= q << 1; q ^= q << 2; q ^= q << 4; q &= 0xff;    // q / 3
    if (q & 0x80) q ^= 0x09;
    const x = q ^ (((q << 1) | (q >> 7)) & 0xff) ^ (((q << 2) | (q >> 6)) & 0xff) ^ (((q << 3) | (q >> 5)) & 0xff) ^ (((q << 4) | (q >> 4)) & 0xff);
    S[p] = x ^ 0x63;
  } while (p !== 1);
  S[0] = 0x63;
  for (let i = 0; i < 256; i++) INV_S[S[i]!] = i;
  for (let i = 0; i < 256; i++) {
    const s = S[i]!, v = INV_S[i]!;
    let te = ((mul(s, 2) << 24) | (s << 16) | (s << 8) | mul(s, 3)) >>> 0;
    let td = ((mul(v, 14) << 24) | (mul(v, 9) << 16) | (mul(v, 13) << 8) | mul(v, 11)) >>> 0;
    for (let t = 0; t < 4; t++) { TE[t]![i] = te; TD[t]![i] = td; te = rotr8(te); td = rotr8(td); }
  }
})();

const [E0, E1, E2, E3] = TE as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
const [D0, D1, D2, D3] = TD as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
const RCON = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36];

const word = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
function put(b: Uint8Array, i: number, w: number): void {
  b[i] = w >>> 24; b[i + 1] = (w >>> 16) & 0xff; b[i + 2] = (w >>> 8) & 0xff; b[i + 3] = w & 0xff;
}
const subWord = (w: number): number => ((S[w >>> 24]! << 24) | (S[(w >>> 16) & 0xff]! << 16) | (S[(w >>> 8) & 0xff]! << 8) | S[w & 0xff]!) >>> 0;

/** One AES-128 key, expanded for encryption and decryption. */
export class Aes128 {
  private readonly ek = new Uint32Array(44);
  private readonly dk = new Uint32Array(44);

  constructor(key: Uint8Array) {
    this.setKey(key);
  }

  /** Re-keys this object (scratch objects for per-telegram keys avoid allocating schedules). */
  setKey(key: Uint8Array, keyAt = 0): void {
    const ek = this.ek, dk = this.dk;
    for (let i = 0; i < 4; i++) ek[i] = word(key, keyAt + 4 * i);
    for (let i = 4; i < 44; i++) {
      let t = ek[i - 1]!;
      if (i % 4 === 0) t = (subWord(((t << 8) | (t >>> 24)) >>> 0) ^ (RCON[i / 4 - 1]! << 24)) >>> 0;
      ek[i] = (ek[i - 4]! ^ t) >>> 0;
    }
    for (let r = 0; r <= 10; r++) {
      for (let j = 0; j < 4; j++) {
        const w = ek[4 * (10 - r) + j]!;
        dk[4 * r + j] = r === 0 || r === 10 ? w : (D0[S[w >>> 24]!]! ^ D1[S[(w >>> 16) & 0xff]!]! ^ D2[S[(w >>> 8) & 0xff]!]! ^ D3[S[w & 0xff]!]!) >>> 0;
      }
    }
  }

  /** Encrypts the block src[at..at+16) into dst[to..to+16) (may be the same place). */
  encrypt(src: Uint8Array, at: number, dst: Uint8Array, to: number): void {
    const k = this.ek;
    let s0 = word(src, at) ^ k[0]!, s1 = word(src, at + 4) ^ k[1]!, s2 = word(src, at + 8) ^ k[2]!, s3 = word(src, at + 12) ^ k[3]!;
    for (let r = 4; r < 40; r += 4) {
      const t0 = E0[s0 >>> 24]! ^ E1[(s1 >>> 16) & 0xff]! ^ E2[(s2 >>> 8) & 0xff]! ^ E3[s3 & 0xff]! ^ k[r]!;
      const t1 = E0[s1 >>> 24]! ^ E1[(s2 >>> 16) & 0xff]! ^ E2[(s3 >>> 8) & 0xff]! ^ E3[s0 & 0xff]! ^ k[r + 1]!;
      const t2 = E0[s2 >>> 24]! ^ E1[(s3 >>> 16) & 0xff]! ^ E2[(s0 >>> 8) & 0xff]! ^ E3[s1 & 0xff]! ^ k[r + 2]!;
      const t3 = E0[s3 >>> 24]! ^ E1[(s0 >>> 16) & 0xff]! ^ E2[(s1 >>> 8) & 0xff]! ^ E3[s2 & 0xff]! ^ k[r + 3]!;
      s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    }
    put(dst, to, ((S[s0 >>> 24]! << 24) | (S[(s1 >>> 16) & 0xff]! << 16) | (S[(s2 >>> 8) & 0xff]! << 8) | S[s3 & 0xff]!) ^ k[40]!);
    put(dst, to + 4, ((S[s1 >>> 24]! << 24) | (S[(s2 >>> 16) & 0xff]! << 16) | (S[(s3 >>> 8) & 0xff]! << 8) | S[s0 & 0xff]!) ^ k[41]!);
    put(dst, to + 8, ((S[s2 >>> 24]! << 24) | (S[(s3 >>> 16) & 0xff]! << 16) | (S[(s0 >>> 8) & 0xff]! << 8) | S[s1 & 0xff]!) ^ k[42]!);
    put(dst, to + 12, ((S[s3 >>> 24]! << 24) | (S[(s0 >>> 16) & 0xff]! << 16) | (S[(s1 >>> 8) & 0xff]! << 8) | S[s2 & 0xff]!) ^ k[43]!);
  }

  /** Decrypts the block src[at..at+16) into dst[to..to+16) (may be the same place). */
  decrypt(src: Uint8Array, at: number, dst: Uint8Array, to: number): void {
    const k = this.dk;
    let s0 = word(src, at) ^ k[0]!, s1 = word(src, at + 4) ^ k[1]!, s2 = word(src, at + 8) ^ k[2]!, s3 = word(src, at + 12) ^ k[3]!;
    for (let r = 4; r < 40; r += 4) {
      const t0 = D0[s0 >>> 24]! ^ D1[(s3 >>> 16) & 0xff]! ^ D2[(s2 >>> 8) & 0xff]! ^ D3[s1 & 0xff]! ^ k[r]!;
      const t1 = D0[s1 >>> 24]! ^ D1[(s0 >>> 16) & 0xff]! ^ D2[(s3 >>> 8) & 0xff]! ^ D3[s2 & 0xff]! ^ k[r + 1]!;
      const t2 = D0[s2 >>> 24]! ^ D1[(s1 >>> 16) & 0xff]! ^ D2[(s0 >>> 8) & 0xff]! ^ D3[s3 & 0xff]! ^ k[r + 2]!;
      const t3 = D0[s3 >>> 24]! ^ D1[(s2 >>> 16) & 0xff]! ^ D2[(s1 >>> 8) & 0xff]! ^ D3[s0 & 0xff]! ^ k[r + 3]!;
      s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    }
    put(dst, to, ((INV_S[s0 >>> 24]! << 24) | (INV_S[(s3 >>> 16) & 0xff]! << 16) | (INV_S[(s2 >>> 8) & 0xff]! << 8) | INV_S[s1 & 0xff]!) ^ k[40]!);
    put(dst, to + 4, ((INV_S[s1 >>> 24]! << 24) | (INV_S[(s0 >>> 16) & 0xff]! << 16) | (INV_S[(s3 >>> 8) & 0xff]! << 8) | INV_S[s2 & 0xff]!) ^ k[41]!);
    put(dst, to + 8, ((INV_S[s2 >>> 24]! << 24) | (INV_S[(s1 >>> 16) & 0xff]! << 16) | (INV_S[(s0 >>> 8) & 0xff]! << 8) | INV_S[s3 & 0xff]!) ^ k[42]!);
    put(dst, to + 12, ((INV_S[s3 >>> 24]! << 24) | (INV_S[(s2 >>> 16) & 0xff]! << 16) | (INV_S[(s1 >>> 8) & 0xff]! << 8) | INV_S[s0 & 0xff]!) ^ k[43]!);
  }
}
