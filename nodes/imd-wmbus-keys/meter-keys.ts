/**
 * The work of the imd-wmbus-keys config node, without Node-RED: the per-meter AES keys from
 * the node's credentials text into a KeyStore. One meter per line, `<meter id>=<32 hex>` (or
 * `:` or a space between), `#` comments; or a JSON object `{"<id>": "<key>"}`. Errors name the
 * line and the meter id — never the key, even when the two were swapped.
 */
import { KeyStore } from '../../adapters/protocols/wmbus';
import { ConfigError } from '../../lib/errors';

const ID = /^[0-9A-Fa-f]{8}$/;
const KEY = /^[0-9A-Fa-f]{32}$/;
const WHERE = 'wireless M-Bus keys';

function add(store: KeyStore, id: string, key: string, where: string): void {
  if (!ID.test(id)) {
    const hint = KEY.test(id) ? ' (that looks like a key: write <meter id>=<key>)' : '';
    throw new ConfigError(`${where}: the meter id must be 8 digits as printed on the meter${hint}`);
  }
  if (!KEY.test(key)) throw new ConfigError(`${where}: the key of meter ${id} must be 32 hex digits (AES-128), got ${key.length} characters`);
  store.set(id, key, where);
}

function addJson(store: KeyStore, text: string): void {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { throw new ConfigError(`${WHERE}: not valid JSON`); }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`${WHERE}: JSON must be an object {"<meter id>": "<key>"}`);
  for (const [id, key] of Object.entries(parsed)) {
    if (typeof key !== 'string') throw new ConfigError(`${WHERE}: the key of meter ${ID.test(id) ? id : '?'} must be a string`);
    add(store, id, key, WHERE);
  }
}

/** Parses the credentials text; ConfigError on the first bad line. Empty text gives an empty store. */
export function parseMeterKeys(text: string | undefined): KeyStore {
  const store = new KeyStore();
  const body = (text ?? '').trim();
  if (body.startsWith('{')) {
    addJson(store, body);
    return store;
  }
  body.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const parts = t.split(/\s*[=:\s]\s*/).filter((p) => p !== '');
    if (parts.length !== 2) throw new ConfigError(`${WHERE} line ${i + 1}: expected <meter id>=<32 hex digits>`);
    add(store, parts[0]!, parts[1]!, `${WHERE} line ${i + 1}`);
  });
  return store;
}
