/**
 * Sums of a close's lines: per medium (billed lines: count, quantity per unit, net, VAT,
 * gross) and in total, the same apart for information lines (model 3: priced, not charged),
 * plus a count of lines per status — the figures the receipt carries and the schedule warns
 * on. Sums of already-rounded öre amounts, never rounded again. `Summariser` takes lines one
 * at a time, so a close of any size is summed while it streams.
 */
import { addDecimal, dec, formatDecimal, parseDecimal, type Decimal } from './exact';
import type { CloseLine, LineStatus } from './close';

export interface MediumSum { lines: number; quantity: string; unit: string; net: string; vat: string; gross: string }

export interface Total { net: string; vat: string; gross: string }

/** Sums per medium and in total of one kind of line. */
export interface Sums { byMedium: Record<string, MediumSum>; total: Total }

export interface CloseSummary extends Sums {
  lines: number;
  byStatus: Partial<Record<LineStatus, number>>;
  /** The information lines' sums (what the use corresponds to in kr; never part of `total`); only when there are some. */
  information?: Sums;
}

/** A line as summed: the charged quantity and amounts. */
export type SummedLine = Pick<CloseLine, 'medium' | 'unit' | 'billedQuantity' | 'net' | 'vat' | 'gross' | 'status'>;

interface Running { lines: number; quantity: Decimal; unit: string; net: Decimal; vat: Decimal; gross: Decimal }

const zero = (unit: string): Running => ({ lines: 0, quantity: dec('0'), unit, net: dec('0.00'), vat: dec('0.00'), gross: dec('0.00') });

/** Running sums of one kind of line, per medium and in total. */
class KindSums {
  readonly media = new Map<string, Running>();
  private readonly total = zero('');

  add(l: SummedLine): void {
    let m = this.media.get(l.medium);
    if (!m) this.media.set(l.medium, m = zero(l.unit));
    const [net, vat, gross] = [parseDecimal(l.net), parseDecimal(l.vat), parseDecimal(l.gross)];
    if (l.billedQuantity !== null && l.unit === m.unit) m.quantity = addDecimal(m.quantity, parseDecimal(l.billedQuantity));
    for (const s of [m, this.total]) {
      s.lines++;
      s.net = addDecimal(s.net, net); s.vat = addDecimal(s.vat, vat); s.gross = addDecimal(s.gross, gross);
    }
  }

  result(): Sums {
    const byMedium: Record<string, MediumSum> = {};
    for (const [medium, m] of [...this.media].sort(([a], [b]) => (a < b ? -1 : 1))) {
      byMedium[medium] = { lines: m.lines, quantity: formatDecimal(m.quantity), unit: m.unit, net: formatDecimal(m.net), vat: formatDecimal(m.vat), gross: formatDecimal(m.gross) };
    }
    const t = this.total;
    return { byMedium, total: { net: formatDecimal(t.net), vat: formatDecimal(t.vat), gross: formatDecimal(t.gross) } };
  }
}

export class Summariser {
  private count = 0;
  private readonly byStatus: Partial<Record<LineStatus, number>> = {};
  private readonly billed = new KindSums();
  private readonly information = new KindSums();

  add(l: SummedLine): void {
    this.count++;
    this.byStatus[l.status] = (this.byStatus[l.status] ?? 0) + 1;
    if (l.status === 'billed') this.billed.add(l);
    else if (l.status === 'information') this.information.add(l);
  }

  result(): CloseSummary {
    const information = this.information.media.size ? { information: this.information.result() } : {};
    return { lines: this.count, byStatus: { ...this.byStatus }, ...this.billed.result(), ...information };
  }
}

export function summarise(lines: Iterable<SummedLine>): CloseSummary {
  const s = new Summariser();
  for (const l of lines) s.add(l);
  return s.result();
}
