/**
 * The work of the imd-validate node, without Node-RED: keep a rolling window of each meter's
 * history (columnar), run the validation rules on every batch, split the batch's readings into
 * valid and flagged (a reading is flagged when a finding of its meter covers its time; it gets
 * the flag "validation:<rule>"), optionally hold blocking findings in the store's review queue,
 * and say what the status should be.
 */
import { RULES } from '../../adapters/validators';
import { ConfigError } from '../../lib/errors';
import type { Reading } from '../../lib/reading';
import { databasePath, SystemOfRecord } from '../../lib/store';
import { loadSettings, RegistryView, ReviewQueue, RuleSettings, SeriesBuilder, validate, type Finding } from '../../lib/validation';

export interface ValidateConfig {
  /** Data folder of the system of record (registry, special rules, review queue); empty: none, or with hold IMD_DATA, else ./data. */
  data?: string;
  /** Hold blocking findings in the review queue of the system of record. */
  hold?: boolean;
  /** Days of history kept per meter for learning and silence (default 35). */
  historyDays?: number | string;
}

export interface ValidateResult { valid: Reading[]; flagged: Reading[]; findings: Finding[] }

const DAY_MS = 86_400_000;

export class ValidateController {
  private readonly builder = new SeriesBuilder();
  private readonly historyMs: number;
  /** The system of record's file, when the node uses one (a data folder given, or hold on). */
  readonly file: string | undefined;
  private store: SystemOfRecord | undefined;
  private readonly counts = { valid: 0, flagged: 0, block: 0 };

  constructor(private readonly config: ValidateConfig, env: NodeJS.ProcessEnv = process.env) {
    this.historyMs = (Number(config.historyDays) || 35) * DAY_MS;
    const data = config.data?.trim();
    this.file = data || config.hold ? databasePath(data || undefined, env) : undefined;
  }

  validate(payload: unknown): ValidateResult {
    if (!Array.isArray(payload)) throw new ConfigError('msg.payload must be an array of readings (Reading[])');
    const readings = payload as Reading[];
    let first = Infinity, last = -Infinity;
    for (const r of readings) {
      this.builder.addReading(r);
      const t = Date.parse(r.timestamp);
      if (Number.isFinite(t)) { first = Math.min(first, t); last = Math.max(last, t); }
    }
    this.builder.dropBefore(last - this.historyMs);
    if (this.file) this.store ??= SystemOfRecord.open(this.file);
    const registry = this.store ? RegistryView.fromStore(this.store) : RegistryView.empty();
    const settings = this.store ? loadSettings(this.store) : new RuleSettings();
    const findings = validate({ series: this.builder.finish(), registry }, RULES, settings)
      .filter((f) => Date.parse(f.to) >= first && Date.parse(f.from) <= last);
    if (this.store && this.config.hold) new ReviewQueue(this.store).hold(findings, 'imd-validate');
    const byMeter = new Map<string, Finding[]>();
    for (const f of findings) byMeter.set(f.meter, [...(byMeter.get(f.meter) ?? []), f]);
    const valid: Reading[] = [], flagged: Reading[] = [];
    for (const r of readings) {
      const t = Date.parse(r.timestamp);
      const hits = (byMeter.get(r.meter?.id) ?? []).filter((f) => Date.parse(f.from) <= t && Date.parse(f.to) >= t);
      if (hits.length === 0) valid.push(r);
      else flagged.push({ ...r, flags: [...r.flags, ...new Set(hits.map((f) => `validation:${f.rule}`))] });
    }
    this.counts.valid += valid.length;
    this.counts.flagged += flagged.length;
    this.counts.block += findings.filter((f) => f.severity === 'block').length;
    return { valid, flagged, findings };
  }

  status(): { fill: 'green' | 'yellow' | 'red'; shape: 'dot'; text: string } {
    const { valid, flagged, block } = this.counts;
    return { fill: block > 0 ? 'red' : flagged > 0 ? 'yellow' : 'green', shape: 'dot', text: `${valid} ok · ${flagged} flagged · ${block} block` };
  }

  close(): void {
    this.store?.close();
    this.store = undefined;
  }
}
