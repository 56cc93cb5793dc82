/**
 * Reading numbers out of node and command configuration (editor fields arrive as text):
 * a whole number within bounds, or the default when the field is empty; anything else is a
 * ConfigError that names the field.
 */
import { ConfigError } from './errors';

export function integerIn(value: string | number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${what} must be a whole number ${min}…${max}, got '${value}'`);
  return n;
}
