/**
 * How the master addresses a meter: by primary address (1–250, or 0 for an unconfigured
 * slave) or by secondary address (16 hex digits in libmbus order, wildcards allowed: the
 * selection mask). Parsing for the CLI and Node-RED, labels for errors, and selection.
 */
import { ConfigError } from '../../../../lib/errors';
import { ADDRESS_NETWORK_LAYER, isAssignableAddress } from '../link/control-field';
import { buildSelection, parseSecondaryAddress, secondaryAddressHex } from '../app/master-telegrams';
import type { MBusMaster } from './mbus-master';

export type MeterAddress = { primary: number } | { secondary: string };

/** "primary 5" or the 16 upper-case hex digits of the secondary address. */
export function meterLabel(meter: MeterAddress): string {
  return 'primary' in meter ? `primary ${meter.primary}` : meter.secondary.replace(/\s+/g, '').toUpperCase();
}

/** A primary address given as text or number (0–250); throws ConfigError otherwise. */
export function parsePrimary(value: string | number): MeterAddress {
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!isAssignableAddress(n)) throw new ConfigError(`primary address "${value}": must be an integer 0–250`);
  return { primary: n };
}

/** A secondary address (16 hex digits, spaces allowed); throws ConfigError otherwise. */
export function parseSecondary(text: string): MeterAddress {
  return { secondary: secondaryAddressHex(parseSecondaryAddress(text)) };
}

/** The FCB key of a meter: its primary address, or 253 plus the selected secondary address. */
export function linkKey(meter: MeterAddress): string {
  return 'primary' in meter ? String(meter.primary) : `${ADDRESS_NETWORK_LAYER}:${meterLabel(meter)}`;
}

/**
 * Inside a bus job: makes the meter answerable and returns the link address to talk to — the
 * primary address as is, or 253 after selecting the secondary address (CI 0x52, E5 expected).
 * A selection counts as a link reset: the next REQ_UD2 carries FCB = 1 (as libmbus does).
 */
export async function targetLinkAddress(master: MBusMaster, meter: MeterAddress, signal: AbortSignal): Promise<number> {
  if ('primary' in meter) return meter.primary;
  await master.request(buildSelection(parseSecondaryAddress(meter.secondary)), meterLabel(meter), 'ack', { signal });
  master.resetFcb(linkKey(meter));
  return ADDRESS_NETWORK_LAYER;
}
