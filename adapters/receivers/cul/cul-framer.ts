/**
 * CUL / nanoCUL (culfw on a CC1101) wireless M-Bus output, 38400 baud ASCII lines:
 * `b<hex>` is a frame-A telegram with its CRCs, `bY<hex>` a frame-B telegram (L counts the
 * CRCs); with RSSI reporting on (`X21`) one more byte follows the frame: the CC1101 RSSI. The
 * frame's own length (from L) tells whether that byte is there. Other lines (`TMODE`, the
 * version, `X21` echoes) are responses. Commands: `X21`, then `brt` (T), `brs` (S) or `brc`
 * (C, which also hears T).
 */
import { fromHex } from '../../../lib/hex';
import { LineFramer, cc1101Dbm, skippedLine, textCommand } from '../framing';
import type { FramerEvent, LinkMode } from '../receiver';

const FIRST_BLOCK = 10;
const BLOCK = 16;
const HEX_LINE = /^b(Y?)((?:[0-9A-Fa-f]{2})+)$/;

/** Bytes of a frame-A telegram with CRCs for an L field (EN 13757-4: 10-byte first block, then 16-byte blocks, 2 CRC bytes each). */
export function frameALength(l: number): number {
  const rest = l - (FIRST_BLOCK - 1);
  return FIRST_BLOCK + 2 + rest + 2 * Math.ceil(rest / BLOCK);
}

export class CulFramer extends LineFramer {
  protected line(text: string): FramerEvent[] {
    if (!text.startsWith('b') || /^b[rst]/.test(text)) return [{ kind: 'response', text }];
    const m = HEX_LINE.exec(text);
    if (!m) return skippedLine(text, `CUL: '${text.slice(0, 12)}…' is not b<hex> with whole bytes (culfw cuts long telegrams)`);
    const bytes = fromHex(m[2]!);
    const frameLength = m[1] === 'Y' ? bytes[0]! + 1 : frameALength(bytes[0]!);
    if (bytes.length === frameLength) return [{ kind: 'telegram', telegram: bytes }];
    if (bytes.length === frameLength + 1) {
      return [{ kind: 'telegram', telegram: bytes.subarray(0, frameLength), rssi: cc1101Dbm(bytes[frameLength]!) }];
    }
    return skippedLine(text, `CUL: frame ${m[1] === 'Y' ? 'B' : 'A'} with L ${bytes[0]} needs ${frameLength} bytes, the line has ${bytes.length}`);
  }
}

const MODE_COMMAND: Record<LinkMode, string> = { T1: 'brt', S1: 'brs', C1: 'brc', 'C1+T1': 'brc' };

/** RSSI reporting on, then the receive mode. */
export function culCommands(mode: LinkMode | undefined): Uint8Array[] {
  return mode ? [textCommand('X21'), textCommand(MODE_COMMAND[mode])] : [textCommand('X21')];
}
