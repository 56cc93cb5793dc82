/**
 * Move-in / move-out splits: the days of a billing range cut into pieces, one per tenancy
 * (clipped to the range) and one per vacant stretch between them. Two ways to share the
 * metering point's consumption between the pieces (the close's `split` option):
 * - 'readings' (default): each piece gets the consumption between the register values at its
 *   own edges (00:00 Swedish time of its first day and of the day after its last), each edge
 *   by the boundary rule of month-end.ts — what the meter actually counted while the tenant
 *   lived there;
 * - 'days': the range's consumption pro rata by days, each piece rounded (half away from zero)
 *   to the consumption's resolution and the last piece taking the remainder, so the pieces
 *   always add up to the total exactly.
 */
import type { Tenancy } from '../store/tenancies';
import { daysInclusive, nextDate } from './calendar';
import { divide, multiply, subtractDecimal, sum, decimalsOf, type Decimal } from './exact';

export type SplitMethod = 'readings' | 'days';

export interface Piece {
  /** The contract, or null for days without a tenant (vacancy: the owner's cost). */
  contractId: string | null;
  /** First and last day (inclusive), YYYY-MM-DD. */
  from: string;
  to: string;
}

const previousDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The tenancy and vacancy pieces of the days `from` … `to`, in order; tenancies must not overlap. */
export function pieces(tenancies: readonly Tenancy[], from: string, to: string): Piece[] {
  const out: Piece[] = [];
  let cursor = from;
  for (const t of [...tenancies].sort((a, b) => (a.moveIn < b.moveIn ? -1 : 1))) {
    const start = t.moveIn > cursor ? t.moveIn : cursor;
    const end = t.moveOut === null || t.moveOut > to ? to : t.moveOut;
    if (start > end) continue;
    if (start > cursor) out.push({ contractId: null, from: cursor, to: previousDate(start) });
    out.push({ contractId: t.contractId, from: start, to: end });
    cursor = nextDate(end);
  }
  if (cursor <= to) out.push({ contractId: null, from: cursor, to });
  return out;
}

/** `total` shared by the pieces' day counts; the last piece takes the remainder. */
export function shareByDays(total: Decimal, parts: readonly Piece[]): Decimal[] {
  const allDays = { digits: BigInt(parts.reduce((n, p) => n + daysInclusive(p.from, p.to), 0)), exponent: 0 };
  const decimals = decimalsOf(total);
  const shares = parts.slice(0, -1).map((p) => divide(multiply(total, { digits: BigInt(daysInclusive(p.from, p.to)), exponent: 0 }), allDays, decimals));
  return [...shares, subtractDecimal(total, sum(shares))];
}
