/** STUB — being written. DecodedTelegram → canonical Reading[]. */
import type { Reading } from '../../../lib/reading';
import type { DecodedTelegram } from './app/types';

export interface ReadingContext { receivedAt: Date; frameRef: string; via?: string }

export function toReadings(t: DecodedTelegram, ctx: ReadingContext): Reading[] {
  void t; void ctx;
  return [];
}
