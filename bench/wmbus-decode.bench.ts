/**
 * Wireless M-Bus decode throughput on one core: the OMS Annex N example telegrams (frame format
 * A CRCs; security mode 5 AES-CBC, mode 7 CMAC key derivation + MAC + AES-CBC, the radio-adapter
 * form) and, when ../shared is present, the wmbusmeters corpus telegrams that decode without a
 * key (plain, stored decrypted, compact). Baseline in the same run: a CRC-16 pass over the same
 * bytes. Target (issue 7): ≥ 100 000 telegrams/s with AES.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompactFormats, KeyStore, decodeWirelessTelegram } from '../adapters/protocols/wmbus';
import { OMS_MODE_5, OMS_MODE_7, OMS_PARTIAL, OMS_RADIO_ADAPTER } from '../adapters/protocols/wmbus/fixtures/oms-examples';
import { crc16 } from '../adapters/protocols/wmbus/link/crc';
import { fromHex } from '../lib/hex';
import { conformanceDir } from '../test/support/conformance-data';
import { formatRate, measure, memoryLine } from './measure';

function corpusTelegrams(): Uint8Array[] {
  const file = path.join(conformanceDir(), 'wmbus', 'cases.json');
  if (!existsSync(file)) return [];
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: { frame: string; key: string | null; telegram_hex: string }[] }).cases;
  const formats = new CompactFormats();
  return cases.filter((c) => c.frame === 'wireless' && !c.key).map((c) => fromHex(c.telegram_hex)).filter((b) => {
    try { decodeWirelessTelegram(b, { formats }); return true; } catch { return false; }
  });
}

export function run(seconds: number): void {
  const keys = new KeyStore();
  keys.set(OMS_MODE_5.keyId, OMS_MODE_5.key);
  const mode7Keys = new KeyStore();
  mode7Keys.set(OMS_MODE_7.keyId, OMS_MODE_7.key);
  mode7Keys.set(OMS_PARTIAL.keyId, OMS_PARTIAL.key);
  const mode5 = [fromHex(OMS_MODE_5.hex)];
  const mode7 = [fromHex(OMS_MODE_7.hex), fromHex(OMS_RADIO_ADAPTER.hex)];
  const partial = [fromHex(OMS_PARTIAL.hex)];
  const corpus = corpusTelegrams();
  const formats = new CompactFormats();
  const all = [...mode5, ...mode7, ...partial, ...corpus];
  console.log(`wmbus-decode: ${all.length} telegrams (${corpus.length} from the wmbusmeters corpus, without key), ${seconds} s per figure`);
  let sink = 0;
  const pass = (name: string, telegrams: Uint8Array[], k: KeyStore | undefined) => measure(name, telegrams.length, seconds, () => {
    for (const t of telegrams) sink += decodeWirelessTelegram(t, { keys: k, formats }).records.length;
  });
  const results = [
    measure('CRC-16 over every byte (baseline)', all.length, seconds, () => { for (const t of all) sink += crc16(t); }),
    ...(corpus.length ? [pass('corpus: plain / stored decrypted / compact', corpus, undefined)] : []),
    pass('mode 5 (AES-CBC, frame A CRCs)', mode5, keys),
    pass('mode 5 partial encryption', partial, mode7Keys),
    pass('mode 7 (CMAC KDF + MAC + AES-CBC)', mode7, mode7Keys),
  ];
  for (const m of results) console.log(`  ${m.name.padEnd(44)} ${formatRate(m.perSecond).padStart(9)} telegrams/s`);
  const slowest = Math.min(...results.slice(1).map((m) => m.perSecond));
  console.log(`  slowest decode / baseline ratio: ${(slowest / results[0]!.perSecond).toFixed(3)}; target ≥ 100 k telegrams/s (slowest pass): ${slowest >= 100_000 ? 'met' : 'NOT met'}`);
  console.log(`  memory after: ${memoryLine()} (checksum ${sink & 1})`);
}
