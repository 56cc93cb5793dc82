/**
 * decodeWirelessTelegram: one wireless M-Bus telegram (EN 13757-4 / OMS) → the same decoded
 * telegram as the wired adapter, with `frame` describing the wireless link layer. Layers in
 * order: link-layer CRCs (format A, B or none), DLL header, then by CI: extended link layer
 * (0x8C–0x8F), authentication and fragmentation layer (0x90), transport layer and records.
 * Offsets in errors and records are byte positions in the telegram without CRCs (except CRC
 * errors, which name the byte of the input).
 */
import { DLL_SIZE, controlName, readAddress } from './link/dll';
import { stripFrame, type FrameFormat } from './link/frame-format';
import { CI_AFL, readAfl } from './layers/afl';
import { readEll } from './layers/ell';
import { readTpl } from './layers/tpl';
import type { WirelessDecodeOptions, WirelessTelegram } from './types';
import { meterError, type Walk } from './walk';

const MAX_LAYERS = 4;
const NO_OPTIONS: WirelessDecodeOptions = {};

function isEll(ci: number): boolean {
  return ci >= 0x8c && ci <= 0x8f;
}

/** The link layer of a CRC-stripped telegram as a telegram without records (layers not read yet). */
export function linkTelegram(b: Uint8Array, format: FrameFormat): WirelessTelegram {
  const dll = readAddress(b, 2);
  return {
    frame: {
      type: 'wireless', format, control: b[1]!, function: controlName(b[1]!),
      manufacturer: dll.manufacturer, id: dll.id, version: dll.version, deviceType: dll.deviceType, medium: dll.medium,
      ci: b[DLL_SIZE]!, length: b.length, security: 'none',
    },
    header: null, records: [], manufacturerData: undefined, moreRecordsFollow: false, warnings: [],
  };
}

/** Decodes one wireless M-Bus telegram. Throws DecodeError (WirelessDecodeError, with the header, once the link layer is read). */
export function decodeWirelessTelegram(input: Uint8Array, options: WirelessDecodeOptions = NO_OPTIONS): WirelessTelegram {
  const stripped = options.reassembled ? { format: 'none' as const, bytes: input, trailing: 0 } : stripFrame(input, options.format);
  const b = stripped.bytes;
  const out = linkTelegram(b, stripped.format);
  if (stripped.trailing > 0) out.warnings.push(`${stripped.trailing} bytes after the frame ignored`);
  const w: Walk = { b, owned: stripped.format !== 'none', end: b.length, dll: out.frame, out, options, ellAccess: null, afl: null };
  let at = DLL_SIZE + 1;
  let layerCi = out.frame.ci;
  for (let layer = 0; ; layer++) {
    if (isEll(layerCi)) at = readEll(w, layerCi, at);
    else if (layerCi === CI_AFL) at = readAfl(w, at);
    else break;
    if (at >= w.end) throw meterError(w, `no transport layer after the ${layerCi === CI_AFL ? 'authentication' : 'extended link'} layer`, w.end, 'truncated');
    if (layer >= MAX_LAYERS) throw meterError(w, `more than ${MAX_LAYERS} link layers`, at, 'malformed');
    layerCi = w.b[at]!;
    at++;
  }
  readTpl(w, layerCi, at);
  return out;
}
