/**
 * EN 13757-3 Annex A date and time types: G (CP16 date), F (CP32 date + time), I (CP48 date +
 * time with seconds), J (CP24 time). The result is the meter's local time as text
 * ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]", "HH:MM:SS") plus the invalid (IV) and summer-time
 * (SU) bits; an all-zero field means "no date" and comes out as null.
 */

export interface MeterTime {
  text: string | null;
  invalid: boolean;
  summerTime: boolean;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/**
 * Full year from the 7-bit year (0–99 in practice) and the two hundred-year bits of type F.
 * Meters that leave the hundred-year bits at 0 mean 2000–2080 (as libmbus assumes).
 */
function fullYear(year: number, hundredYears: number): number {
  const y = 1900 + 100 * hundredYears + year;
  return hundredYears === 0 && year <= 80 ? y + 100 : y;
}

function dateText(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Type G: day bits 0–4, year bits 5–7 + 12–15, month bits 8–11. */
export function decodeTypeG(b: Uint8Array, at: number): MeterTime {
  const b0 = b[at]!, b1 = b[at + 1]!;
  const day = b0 & 0x1f;
  const month = b1 & 0x0f;
  const year = ((b0 & 0xe0) >> 5) | ((b1 & 0xf0) >> 1);
  if (b0 === 0 && b1 === 0) return { text: null, invalid: true, summerTime: false };
  // Year 127 with month 15 / day 31 are the "every year/month/day" wildcards of periodic dates.
  return { text: dateText(fullYear(year, 0), month, day), invalid: month === 0 || month > 12 || day === 0, summerTime: false };
}

/** Type F: minute 0–5, IV 7, hour 8–12, hundred-year 13–14, SU 15, day 16–20, year 21–23 + 28–31, month 24–27. */
export function decodeTypeF(b: Uint8Array, at: number): MeterTime {
  const b0 = b[at]!, b1 = b[at + 1]!, b2 = b[at + 2]!, b3 = b[at + 3]!;
  if ((b0 | b1 | b2 | b3) === 0) return { text: null, invalid: true, summerTime: false };
  const minute = b0 & 0x3f;
  const hour = b1 & 0x1f;
  const hundred = (b1 >> 5) & 0x03;
  const day = b2 & 0x1f;
  const month = b3 & 0x0f;
  const year = ((b2 & 0xe0) >> 5) | ((b3 & 0xf0) >> 1);
  const text = `${dateText(fullYear(year, hundred), month, day)}T${pad2(hour)}:${pad2(minute)}`;
  return { text, invalid: (b0 & 0x80) !== 0, summerTime: (b1 & 0x80) !== 0 };
}

/**
 * Type I (bits counted from 0): second 0–5 (leap year 6), minute 8–13 (summer time 14, IV 15),
 * hour 16–20 (weekday 21–23), day 24–28, year 29–31 + 36–39, month 32–35, week 40–45. Date bits follow type G, so there are no hundred-year bits.
 */
export function decodeTypeI(b: Uint8Array, at: number): MeterTime {
  const b0 = b[at]!, b1 = b[at + 1]!, b2 = b[at + 2]!, b3 = b[at + 3]!, b4 = b[at + 4]!;
  if ((b0 | b1 | b2 | b3 | b4) === 0) return { text: null, invalid: true, summerTime: false };
  const year = ((b3 & 0xe0) >> 5) | ((b4 & 0xf0) >> 1);
  const date = dateText(fullYear(year, 0), b4 & 0x0f, b3 & 0x1f);
  const text = `${date}T${pad2(b2 & 0x1f)}:${pad2(b1 & 0x3f)}:${pad2(b0 & 0x3f)}`;
  return { text, invalid: (b1 & 0x80) !== 0, summerTime: (b1 & 0x40) !== 0 };
}

/** Type J: second 0–5, minute 8–13, hour 16–20. */
export function decodeTypeJ(b: Uint8Array, at: number): MeterTime {
  const second = b[at]! & 0x3f, minute = b[at + 1]! & 0x3f, hour = b[at + 2]! & 0x1f;
  return { text: `${pad2(hour)}:${pad2(minute)}:${pad2(second)}`, invalid: false, summerTime: false };
}
