/**
 * rtl_wmbus output lines (an RTL-SDR stick decoded by rtl_wmbus, piped to a TCP port or a pty):
 * `MODE;CRC_OK;3OUTOF6OK;TIMESTAMP;PACKET_RSSI;CURRENT_RSSI;LINK_LAYER_IDENT_NO;0x<hex>`, e.g.
 * `T1;1;1;2019-04-03 19:00:42.000;97;148;33225544;0x1844AE4C…`. The hex is L field first with
 * the link-layer CRCs already removed. Only lines whose CRC and 3-out-of-6 flags are both 1
 * are telegrams; a second `0x…` field on the line is passed on too (the dedup drops a repeat).
 * rtl_wmbus's RSSI fields are in the SDR's own uncalibrated scale, not dBm: no rssi is given.
 */
import { describeError } from '../../../lib/errors';
import { fromHex } from '../../../lib/hex';
import { LineFramer, skippedLine } from '../framing';
import type { FramerEvent } from '../receiver';

const MODE = /^[A-Z][0-9]?[ab]?$/;
const FIRST_HEX_FIELD = 7;

export class RtlWmbusFramer extends LineFramer {
  protected line(text: string): FramerEvent[] {
    const fields = text.split(';');
    if (fields.length <= FIRST_HEX_FIELD || !MODE.test(fields[0]!)) return skippedLine(text, 'not an rtl_wmbus telegram line');
    if (fields[1] !== '1' || fields[2] !== '1') return skippedLine(text, `rtl_wmbus ${fields[0]}: CRC_OK ${fields[1]}, 3OUTOF6OK ${fields[2]}`);
    const hexFields = fields.slice(FIRST_HEX_FIELD).filter((f) => /^0x/i.test(f));
    if (hexFields.length === 0) return skippedLine(text, 'rtl_wmbus line without a 0x… telegram');
    try {
      return hexFields.map((hex) => ({ kind: 'telegram', telegram: fromHex(hex) }));
    } catch (err) {
      return skippedLine(text, describeError(err));
    }
  }
}
