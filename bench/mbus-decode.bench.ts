/**
 * Wired M-Bus decode throughput: the libmbus conformance frames (or, without ../shared, our own
 * golden fixtures) decoded repeatedly on one core. Baseline in the same run: a checksum-only
 * pass over the same bytes. Target (issue 2): ≥ 200 000 frames/s for decodeTelegram.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeTelegram, telegramToJson, toReadings } from '../adapters/protocols/mbus';
import { checksum } from '../adapters/protocols/mbus/link/frame';
import { fromHex } from '../lib/hex';
import { conformanceDir } from '../test/support/conformance-data';
import { repoRoot } from '../test/support/repo-root';
import { formatRate, measure, memoryLine } from './measure';

function loadFrames(): { source: string; frames: Uint8Array[] } {
  const corpus = path.join(conformanceDir(), 'libmbus', 'cases.json');
  if (existsSync(corpus)) {
    const cases = (JSON.parse(readFileSync(corpus, 'utf8')) as { cases: { set: string; hex: string }[] }).cases;
    return { source: 'libmbus conformance test frames', frames: cases.filter((c) => c.set === 'test-frames').map((c) => fromHex(c.hex)) };
  }
  const dir = path.join(repoRoot(), 'adapters', 'protocols', 'mbus', 'fixtures', 'frames');
  const frames = readdirSync(dir).filter((f) => f.endsWith('.hex')).map((f) => fromHex(readFileSync(path.join(dir, f), 'utf8')));
  return { source: 'golden fixtures (../shared absent)', frames };
}

export function run(seconds: number): void {
  const { source, frames } = loadFrames();
  const bytes = frames.reduce((n, f) => n + f.length, 0);
  console.log(`mbus-decode: ${frames.length} frames from ${source}, ${(bytes / frames.length).toFixed(0)} bytes/frame avg, ${seconds} s per figure`);
  let sink = 0;
  const baseline = measure('checksum only (baseline)', frames.length, seconds, () => {
    for (const f of frames) sink += checksum(f, 4, f.length - 2);
  });
  const decode = measure('decodeTelegram', frames.length, seconds, () => {
    for (const f of frames) sink += decodeTelegram(f).records.length;
  });
  const receivedAt = new Date();
  const readings = measure('decodeTelegram + toReadings', frames.length, seconds, () => {
    for (const f of frames) sink += toReadings(decodeTelegram(f), { receivedAt, frameRef: 'bench' }).length;
  });
  const json = measure('decodeTelegram + JSON text (imd decode)', frames.length, seconds, () => {
    for (const f of frames) sink += JSON.stringify(telegramToJson(decodeTelegram(f))).length;
  });
  for (const m of [baseline, decode, readings, json]) {
    const mbps = (m.perSecond * bytes / frames.length) / 2 ** 20;
    console.log(`  ${m.name.padEnd(42)} ${formatRate(m.perSecond).padStart(9)} frames/s  ${mbps.toFixed(1).padStart(6)} MiB/s`);
  }
  console.log(`  decode / baseline ratio: ${(decode.perSecond / baseline.perSecond).toFixed(3)}; target ≥ 200 k frames/s: ${decode.perSecond >= 200_000 ? 'met' : 'NOT met'}`);
  console.log(`  memory after: ${memoryLine()} (checksum ${sink & 1})`);
}
