/**
 * Types of a decoded wireless M-Bus telegram: the link-layer description (`frame`), the
 * extended link layer and authentication layer fields, decode options, and the error that
 * carries the unencrypted header. The application layer (header, records) is the wired
 * adapter's EN 13757-3 types, unchanged.
 */
import { DecodeError } from '../../../lib/errors';
import type { DecodedTelegram, TelegramHeader } from '../mbus/app/types';
import type { CompactFormats } from './compact';
import type { KeyStore } from './keys';
import type { FrameFormat } from './link/frame-format';

/** Extended link layer (CI 0x8C–0x8F). */
export interface EllInfo {
  ci: number;
  communicationControl: number;
  accessNumber: number;
  /** ELL III/IV: the second address (e.g. the meter behind a radio converter). */
  address2?: { manufacturer: string; id: string; version: number; deviceType: number };
  /** ELL II/IV session number; `encrypted` when its ENC bits announce AES-CTR. */
  sessionNumber?: number;
  encrypted?: boolean;
}

/** Authentication and fragmentation layer (CI 0x90). */
export interface AflInfo {
  fragmentControl: number;
  messageControl?: number;
  keyInformation?: number;
  messageCounter?: number;
  /** The MAC as sent (hex) and whether it was verified with the key. */
  mac?: string;
  macVerified?: boolean;
  messageLength?: number;
}

/** The wireless link layer as `imd decode` prints it in `frame`. */
export interface WirelessFrameInfo {
  type: 'wireless';
  /** Link-layer CRC format the input carried: A, B, or none (already stripped by the receiver). */
  format: FrameFormat;
  control: number;
  /** C-field function, e.g. SND_NR. */
  function: string;
  manufacturer: string;
  id: string;
  version: number;
  deviceType: number;
  medium: string;
  /** CI right after the link layer. */
  ci: number;
  /** Bytes of the telegram without CRCs (L + 1). */
  length: number;
  ell?: EllInfo;
  afl?: AflInfo;
  /** CI of the transport/application layer (0x72, 0x7A, 0x78, 0x79 …). */
  tplCi?: number;
  /** Security applied: none, stored-decrypted (announced but sent in clear), or what decrypted it. */
  security: 'none' | 'stored-decrypted' | 'aes-cbc-iv' | 'aes-cbc-kdf' | 'aes-ctr' | 'aes-ctr+aes-cbc-iv' | 'aes-ctr+aes-cbc-kdf';
}

export interface WirelessTelegram extends Omit<DecodedTelegram, 'frame'> {
  frame: WirelessFrameInfo;
}

export interface WirelessDecodeOptions {
  keys?: KeyStore;
  /** Compact-frame format cache; pass the same one for a stream of telegrams. */
  formats?: CompactFormats;
  /** Force a frame format instead of detecting it. */
  format?: FrameFormat | 'auto';
  /** A message rebuilt from AFL fragments (fragments.ts): no CRCs, its length is its byte count, not L. */
  reassembled?: boolean;
}

/** A failure after the link layer was read: names the meter and carries the unencrypted header. */
export class WirelessDecodeError extends DecodeError {
  constructor(message: string, offset: number, code: string, readonly header: TelegramHeader) {
    super(message, offset, code);
  }
}
