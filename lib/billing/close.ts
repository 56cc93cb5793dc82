/**
 * The monthly close of one property (pure: reads only through a CloseSource): for every
 * apartment, metering point and tenancy piece of the month, the consumption by the boundary
 * rule (month-end.ts) across meter swaps (point-consumption.ts), split at move-in/move-out
 * (split.ts), priced by the tariff in force (tariff.ts, money.ts) under the tariff's model.
 * Values held by validation, unread boundaries, vacancies and unpriced media give lines that
 * are not billed; a held or unread point's consumption is carried to the next close.
 */
import { billedQuantityOf, CANONICAL_UNIT } from '../store/billed-quantity';
import { dayStart, daysInclusive, daysInYear, firstDay, lastDay, nextDate, parsePeriod } from './calendar';
import type { ApartmentInfo, BilledQuantity, CloseSource, PointInfo } from './close-source';
import { addDecimal, dec, divide, fixed, formatDecimal, multiply, plain, subtractDecimal, ZERO, type Decimal } from './exact';
import { NOTHING_HELD, type HeldSpan, type HeldValues, type ReviewAdjustment } from './held';
import { DEFAULT_MAX_GAP_HOURS } from './month-end';
import { lineAmount, NO_AMOUNT, type Amount } from './money';
import { pointConsumption, type PointConsumption } from './point-consumption';
import { pieces, shareByDays, type Piece, type SplitMethod } from './split';
import { DEFAULT_CHARGE_CODES, modelOf, quotaOf, unitPrices, vatRateOf, type Tariff, type UnitPrice } from './tariff';

export type LineStatus = 'billed' | 'information' | 'held' | 'unread' | 'vacant' | 'unpriced';

/** One line of a close: a tenancy (or vacancy) piece × metering point × priced quantity. Decimals as exact text. */
export interface CloseLine {
  objectId: string; apartment: string; building: string; livingArea: string | null;
  contractId: string | null;
  /** Days covered, inclusive. */
  from: string; to: string;
  meteringPointId: number; medium: string; placement: string; meters: string[];
  quantity: BilledQuantity; unit: 'm3' | 'kWh';
  startRegister: string | null; endRegister: string | null;
  consumption: string | null;
  /** Model 1: the quota included in the rent for these days. */
  quota: string | null;
  /** Consumption − quota: what is charged (negative = credited). */
  billedQuantity: string | null;
  unitPrice: string | null; chargeCode: string; vatRate: string;
  net: string; vat: string; gross: string;
  status: LineStatus;
  flags: string[];
}

/** Every field of a line, in the order the store keeps them (close-store.ts). */
export const LINE_KEYS = [
  'objectId', 'apartment', 'building', 'livingArea', 'contractId', 'from', 'to', 'meteringPointId', 'medium', 'placement', 'meters',
  'quantity', 'unit', 'startRegister', 'endRegister', 'consumption', 'quota', 'billedQuantity', 'unitPrice', 'chargeCode', 'vatRate',
  'net', 'vat', 'gross', 'status', 'flags',
] as const satisfies ReadonlyArray<keyof CloseLine>;

export interface CloseOptions {
  property: string;
  /** YYYY-MM. */
  period: string;
  tariff: Tariff;
  held?: HeldValues;
  split?: SplitMethod;
  maxGapHours?: number;
  /** Metering point id → first unbilled day, carried from the previous close's held or unread lines. */
  carriedFrom?: ReadonlyMap<number, string>;
  /** Points a later close already billed from a day in this month (carried forward): held here, never billed twice. */
  carriedForward?: ReadonlySet<number>;
}

const QUOTA_DECIMALS = 3;

/** The close's lines, in apartment, metering point, piece order. */
export function computeClose(source: CloseSource, o: CloseOptions): CloseLine[] {
  return [...closeLines(source, o)];
}

/** The close's lines one apartment at a time (a close of any size streams into the store). */
export function* closeLines(source: CloseSource, o: CloseOptions): Generator<CloseLine> {
  const period = parsePeriod(o.period);
  const [first, last] = [firstDay(period), lastDay(period)];
  const doc = o.tariff.document;
  const prices = unitPrices(doc);
  const ctx = {
    source, o, prices, model: modelOf(doc), vatRate: vatRateOf(doc), includesVat: doc.pricesIncludeVat === true,
    held: spansByMeter((o.held ?? NOTHING_HELD).heldSpans(o.property, o.period)), yearDays: daysInYear(period.year),
    maxGap: o.maxGapHours ?? DEFAULT_MAX_GAP_HOURS, first, last, vatText: plain(vatRateOf(doc)),
    adjustments: (o.held ?? NOTHING_HELD).adjustments?.(o.property, o.period) ?? [],
    priceText: new Map(prices.map((u) => [u, plain(u.price)])),
  };
  for (const a of source.apartments(o.property)) {
    const lines: CloseLine[] = [];
    const carried = a.points.map((p) => o.carriedFrom?.get(p.id)).filter((d): d is string => d !== undefined && d < first);
    const earliest = carried.length ? carried.sort()[0]! : first;
    const tenancies = a.points.length ? source.tenancies(a.objectId, earliest, last) : [];
    const partsFrom = new Map<string, Piece[]>();
    for (const p of a.points) {
      const carriedFrom = o.carriedFrom?.get(p.id);
      const from = carriedFrom && carriedFrom < first ? carriedFrom : first;
      let parts = partsFrom.get(from);
      if (!parts) partsFrom.set(from, parts = pieces(tenancies, from, last));
      closePoint(ctx, a, p, parts, lines);
    }
    yield* lines;
  }
}

/** The instants [start, end) the pieces cover. */
const rangeOf = (parts: Piece[]): [number, number] => [dayStart(parts[0]!.from), dayStart(nextDate(parts[parts.length - 1]!.to))];

function spansByMeter(spans: HeldSpan[]): Map<string, HeldSpan[]> {
  const byMeter = new Map<string, HeldSpan[]>();
  for (const h of spans) {
    const list = byMeter.get(h.meter);
    if (list) list.push(h); else byMeter.set(h.meter, [h]);
  }
  return byMeter;
}

type Context = {
  source: CloseSource; o: CloseOptions; prices: UnitPrice[]; model: 1 | 2 | 3; vatRate: Decimal; includesVat: boolean;
  held: ReadonlyMap<string, HeldSpan[]>; yearDays: number; maxGap: number; first: string; last: string;
  vatText: string; priceText: ReadonlyMap<UnitPrice, string>; adjustments: ReviewAdjustment[];
};

function closePoint(ctx: Context, a: ApartmentInfo, p: PointInfo, parts: Piece[], lines: CloseLine[]): void {
  const quantity = billedQuantityOf(p.medium);
  if (!quantity || parts.length === 0) return;
  const priced = ctx.prices.filter((u) => u.medium === p.medium);
  const components: Array<{ quantity: BilledQuantity; price?: UnitPrice }> = priced.length ? priced.map((u) => ({ quantity: u.quantity, price: u })) : [{ quantity }];
  const forward = ctx.o.carriedForward?.has(p.id) === true;
  const [rangeStart, rangeEnd] = rangeOf(parts);
  const held = forward || p.segments.some((s) => ctx.held.get(s.serial)?.some((h) => h.from < rangeEnd && h.to >= rangeStart));
  for (const c of components) {
    const read = consumptionOfPieces(ctx, p, c.quantity, parts, ctx.o.split ?? 'readings');
    const measured = c.quantity === quantity ? adjusted(ctx, p, c.quantity, parts, read) : read;
    const flagged = forward ? measured.map((m) => ({ ...m, flags: [...m.flags, 'carried-forward'] })) : measured;
    parts.forEach((piece, i) => lines.push(line(ctx, a, p, piece, c.quantity, c.price, flagged[i]!, held)));
  }
}

function consumptionOfPieces(ctx: Context, p: PointInfo, q: BilledQuantity, parts: Piece[], split: SplitMethod): PointConsumption[] {
  const over = (from: string, to: string) => pointConsumption(ctx.source, p.segments, q, dayStart(from), dayStart(nextDate(to)), ctx.maxGap);
  if (split === 'readings' || parts.length === 1) return parts.map((x) => over(x.from, x.to));
  const whole = over(parts[0]!.from, parts[parts.length - 1]!.to);
  if (!whole.value) return parts.map(() => whole);
  return shareByDays(whole.value, parts).map((value) => ({ ...whole, value, flags: [...whole.flags, 'split-by-days'] }));
}

/**
 * Review decisions over a span inside this close's range: the piece holding the span's end gets
 * (corrected value, or 0 when excluded) − the registers' difference over the span.
 */
function adjusted(ctx: Context, p: PointInfo, q: BilledQuantity, parts: Piece[], measured: PointConsumption[]): PointConsumption[] {
  if (ctx.adjustments.length === 0) return measured;
  const serials = new Set(p.segments.map((s) => s.serial));
  const [start, end] = rangeOf(parts);
  let out = measured;
  for (const a of ctx.adjustments) {
    if (!serials.has(a.meter) || a.from < start || a.to > end) continue;
    const over = pointConsumption(ctx.source, p.segments, q, a.from, a.to, ctx.maxGap).value;
    const i = parts.findIndex((x) => a.to <= dayStart(nextDate(x.to)));
    if (!over || !out[i]?.value) continue;
    const delta = subtractDecimal(a.value ?? ZERO, over);
    const flag = a.value ? 'review-correction' : 'review-exclusion';
    out = out.map((m, k) => (k === i ? { ...m, value: addDecimal(m.value!, delta), flags: [...m.flags, flag] } : m));
  }
  return out;
}

function statusOf(ctx: Context, piece: Piece, price: UnitPrice | undefined, c: PointConsumption, held: boolean): LineStatus {
  if (held) return 'held';
  if (!c.value) return 'unread';
  if (piece.contractId === null) return 'vacant';
  if (!price) return 'unpriced';
  return ctx.model === 3 ? 'information' : 'billed';
}

function quotaFor(ctx: Context, a: ApartmentInfo, medium: string, piece: Piece, flags: string[]): Decimal | undefined {
  if (ctx.model !== 1) return undefined;
  const rate = quotaOf(ctx.o.tariff.document, medium);
  if (!rate) return undefined;
  if (a.livingArea === null) { flags.push('no-living-area'); return dec('0.000'); }
  const perYear = multiply(rate, dec(a.livingArea));
  return divide(multiply(perYear, dec(daysInclusive(piece.from, piece.to))), dec(ctx.yearDays), QUOTA_DECIMALS);
}

function line(ctx: Context, a: ApartmentInfo, p: PointInfo, piece: Piece, q: BilledQuantity, price: UnitPrice | undefined,
  c: PointConsumption, held: boolean): CloseLine {
  const flags = [...c.flags];
  const status = statusOf(ctx, piece, price, c, held);
  const quota = c.value && price && q === billedQuantityOf(p.medium) ? quotaFor(ctx, a, p.medium, piece, flags) : undefined;
  const billed = c.value && (quota ? subtractDecimal(c.value, quota) : c.value);
  const amount: Amount = billed && price && (status === 'billed' || status === 'information')
    ? lineAmount(billed, price.price, ctx.vatRate, ctx.includesVat) : NO_AMOUNT;
  const text = (d: Decimal | undefined) => (d ? formatDecimal(d) : null);
  return {
    objectId: a.objectId, apartment: a.number, building: a.building, livingArea: a.livingArea, contractId: piece.contractId,
    from: piece.from, to: piece.to, meteringPointId: p.id, medium: p.medium, placement: p.placement, meters: c.meters,
    quantity: q, unit: CANONICAL_UNIT[q], startRegister: text(c.start), endRegister: text(c.end),
    consumption: text(c.value), quota: text(quota), billedQuantity: text(billed), unitPrice: price ? ctx.priceText.get(price)! : null,
    chargeCode: price?.chargeCode ?? ctx.o.tariff.document.chargeCodes?.[p.medium] ?? DEFAULT_CHARGE_CODES[p.medium] ?? p.medium,
    vatRate: ctx.vatText, net: fixed(amount.net, 2), vat: fixed(amount.vat, 2), gross: fixed(amount.gross, 2), status, flags,
  };
}
