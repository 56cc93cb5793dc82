/**
 * Raw hex lines: one telegram per line as hex text, L field first, with or without the
 * link-layer CRCs (as an MQTT bridge, a log file or `imd simulate` writes them). Spaces, ':'
 * and '-' between bytes and a '0x' prefix are allowed; blank lines and '#' comments are skipped.
 */
import { describeError } from '../../../lib/errors';
import { fromHex } from '../../../lib/hex';
import { LineFramer, skippedLine } from '../framing';
import type { FramerEvent } from '../receiver';

export class RawHexFramer extends LineFramer {
  protected line(text: string): FramerEvent[] {
    if (text.startsWith('#')) return [];
    try {
      return [{ kind: 'telegram', telegram: fromHex(text) }];
    } catch (err) {
      return skippedLine(text, describeError(err));
    }
  }
}
