/**
 * Meter certification lifetime (utesittningstid): small water meters 10 years, large water
 * meters 5 years, electricity meters 18 years from installation (verification); then the meter
 * must be replaced or re-verified. Other media have no rule here: their expiry is given
 * explicitly or left empty. Water meters count as small unless the registry says 'large'
 * (apartment meters are small, Q3 ≤ 4 m³/h, in practice).
 */
import { ConfigError } from '../errors';

export type MeterSize = 'small' | 'large';

const WATER = new Set(['water', 'cold-water', 'hot-water', 'warm-water', 'dual-water']);
const ELECTRICITY = new Set(['electricity', 'breaker-electricity']);

/** Certification lifetime in years for a medium and size, or undefined when no rule applies. */
export function certificationYears(medium: string, size?: MeterSize | null): number | undefined {
  if (WATER.has(medium)) return size === 'large' ? 5 : 10;
  if (ELECTRICITY.has(medium)) return 18;
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a calendar date 'YYYY-MM-DD' (a real day, not 2024-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** `date` plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  if (!isIsoDate(date)) throw new ConfigError(`'${date}' is not a date (YYYY-MM-DD)`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The date a meter installed (verified) on `installDate` must be replaced by, or undefined. */
export function certifiedUntil(medium: string, installDate: string | undefined | null, size?: MeterSize | null): string | undefined {
  const years = certificationYears(medium, size);
  return years === undefined || !installDate ? undefined : addYears(installDate, years);
}
