/**
 * The receiver plugin interface: a receiver dongle (or a program like rtl_wmbus) passes the
 * wireless M-Bus telegrams it hears to the hub over a byte stream (serial port or TCP). A
 * receiver plugin knows that stream's framing (a pure, chunk-boundary-safe parser) and the
 * commands that set the dongle's link mode. The runtime around it is dongle.ts.
 */
import type { PluginDescriptor } from '../../lib/plugin';

/** Link modes a receiver can be set to listen on (EN 13757-4; "C1+T1" = both at once). */
export const LINK_MODES = ['T1', 'C1', 'S1', 'C1+T1'] as const;
export type LinkMode = (typeof LINK_MODES)[number];

/** One telegram as the dongle gave it. */
export interface ReceivedTelegram {
  /** L field first; with or without the link-layer CRCs, as the dongle delivers it. */
  telegram: Uint8Array;
  /** Signal strength in dBm, when the dongle reports it. */
  rssi?: number;
  receivedAt: Date;
  /** The receiver's name (kept on the readings as source.via). */
  receiver: string;
}

/** What a framer finds in the byte stream. */
export type FramerEvent =
  /** A telegram (L field first) and its RSSI in dBm when reported. */
  | { kind: 'telegram'; telegram: Uint8Array; rssi?: number }
  /** A reply to a command or a status line of the dongle, e.g. "TMODE" or "SET_MODE ok". */
  | { kind: 'response'; text: string }
  /** Bytes skipped: noise, a frame with a bad checksum, a line that is not a telegram. */
  | { kind: 'skipped'; bytes: number; reason: string };

/** A framing parser: bytes go in as they arrive, in chunks of any size; complete items come out. */
export interface Framer {
  push(chunk: Uint8Array): FramerEvent[];
}

export interface ReceiverPlugin {
  descriptor: PluginDescriptor;
  /** Serial baud rate the dongle uses by default (8N1). */
  defaultBaudRate: number;
  /** Link modes the plugin can set; empty when the mode is set outside the hub. */
  modes: readonly LinkMode[];
  createFramer(): Framer;
  /** Commands to send after opening, to listen on `mode` (empty: nothing to send). */
  initCommands(mode: LinkMode | undefined): Uint8Array[];
}
