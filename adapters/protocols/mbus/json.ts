/** STUB — being written. The `imd decode` JSON shape of a decoded telegram. */
import type { DecodedTelegram } from './app/types';

export function telegramToJson(t: DecodedTelegram): Record<string, unknown> {
  return { ok: true, frame: t.frame, header: t.header, records: t.records };
}
