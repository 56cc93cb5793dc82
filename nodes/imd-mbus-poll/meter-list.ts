/**
 * Which meters an imd-mbus-poll node reads: the configured list, or the one a message gives in
 * msg.payload. A list holds primary addresses (0–250, or ranges like "1-20") and secondary
 * addresses (16 hex digits, libmbus order), separated by commas, spaces or new lines, or as a
 * JSON-style array; "all" means: scan the bus by secondary address first, then read every
 * device found. No Node-RED import.
 */
import { parsePrimary, parseSecondary, type MeterAddress } from '../../adapters/protocols/mbus/master';
import { ConfigError } from '../../lib/errors';

export type MeterSelection = MeterAddress[] | 'all';

const RANGE = /^(\d{1,3})\s*-\s*(\d{1,3})$/;

function entry(item: unknown): MeterAddress[] {
  if (typeof item === 'number') return [parsePrimary(item)];
  if (typeof item !== 'string') throw new ConfigError(`meter ${JSON.stringify(item)}: expected a primary address (0–250) or a secondary address (16 hex digits)`);
  const text = item.trim();
  const range = RANGE.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from > to) throw new ConfigError(`meter range "${text}": the first address must not be above the last`);
    return Array.from({ length: to - from + 1 }, (_, i) => parsePrimary(from + i));
  }
  return [/^\d{1,3}$/.test(text) ? parsePrimary(text) : parseSecondary(text)];
}

/** A list as text ("1-5, 12, 12345678FFFFFFFF", "all") or an array; throws ConfigError naming the bad entry. */
export function parseMeterList(list: string | unknown[]): MeterSelection {
  const items = typeof list === 'string' ? list.split(/[\s,;]+/).filter((t) => t !== '') : list;
  if (items.length === 1 && typeof items[0] === 'string' && items[0].trim().toLowerCase() === 'all') return 'all';
  const meters = items.flatMap(entry);
  if (meters.length === 0) throw new ConfigError('no meters to read: give addresses or "all"');
  return meters;
}

/**
 * The meters a message asks for: msg.payload as an array or a non-empty text list; anything
 * else (an inject's timestamp, an empty string, an object) means the configured list.
 */
export function selectionOf(payload: unknown, configured: MeterSelection): MeterSelection {
  if (Array.isArray(payload)) return parseMeterList(payload);
  if (typeof payload === 'string' && payload.trim() !== '') return parseMeterList(payload);
  return configured;
}
