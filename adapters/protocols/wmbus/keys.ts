/**
 * Per-meter AES-128 keys: meter id (8 digits as printed) → key. From `--key <id>=<hex>`, a keys
 * file, or Node-RED credentials. Key files are either JSON (`{"12345678": "<32 hex>", …}`) or
 * text, one `id=hex` per line (blank lines and `#` comments skipped). Keys never appear in
 * errors or output: messages name the meter id and the line, never the key text.
 */
import { ConfigError } from '../../../lib/errors';
import { MeterKey } from './crypto/meter-key';

const ID = /^[0-9A-Fa-f]{8}$/;
const KEY = /^[0-9A-Fa-f]{32}$/;

export class KeyStore {
  private readonly keys = new Map<string, MeterKey>();

  /** Adds a key; `where` names the source in errors (e.g. "--key", "keys.txt line 3"). */
  set(id: string, hex: string, where = 'key'): void {
    if (!ID.test(id)) throw new ConfigError(`${where}: meter id "${id}" must be 8 digits`);
    if (!KEY.test(hex)) throw new ConfigError(`${where}: the key for meter ${id} must be 32 hex digits (AES-128)`);
    this.keys.set(id.toUpperCase(), new MeterKey(Buffer.from(hex, 'hex')));
  }

  get(id: string): MeterKey | undefined {
    return this.keys.get(id);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Parses `id=hex`. */
  addAssignment(text: string, where = '--key'): void {
    const eq = text.indexOf('=');
    if (eq < 0) throw new ConfigError(`${where}: expected <meter id>=<32 hex digits>`);
    this.set(text.slice(0, eq).trim(), text.slice(eq + 1).trim(), where);
  }

  /** Adds every key of a keys file's text (JSON object or `id=hex` lines). */
  addFile(text: string, name: string): void {
    if (text.trimStart().startsWith('{')) {
      let parsed: unknown;
      try { parsed = JSON.parse(text); } catch { throw new ConfigError(`${name}: not valid JSON`); }
      for (const [id, hex] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof hex !== 'string') throw new ConfigError(`${name}: the key of meter ${id} must be a string`);
        this.set(id, hex, name);
      }
      return;
    }
    text.split(/\r?\n/).forEach((line, i) => {
      const t = line.trim();
      if (t !== '' && !t.startsWith('#')) this.addAssignment(t, `${name} line ${i + 1}`);
    });
  }
}
