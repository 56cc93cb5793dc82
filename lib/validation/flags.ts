/**
 * Quality flags as bits, so a series keeps one small integer per reading instead of a list of
 * strings. The names are the Reading flags the codecs and the collection layer set (lib/reading,
 * lib/collection) and the status words of meter definitions (leak, burst, reverse, tamper …).
 */
export const FLAG = {
  powerLow: 1 << 0,
  meterError: 1 << 1,
  corrupt: 1 << 2,
  pulseError: 1 << 3,
  leak: 1 << 4,
  burst: 1 << 5,
  tamper: 1 << 6,
  reverseFlow: 1 << 7,
  clockDrift: 1 << 8,
  alarm: 1 << 9,
  dry: 1 << 10,
} as const;
export type FlagName = keyof typeof FLAG;

const WORDS: Record<string, number> = {
  'power-low': FLAG.powerLow, 'low-battery': FLAG.powerLow, 'battery-low': FLAG.powerLow,
  'meter-error': FLAG.meterError, 'permanent-error': FLAG.meterError, 'temporary-error': FLAG.meterError,
  'value-during-error': FLAG.meterError, 'bcd-error-digits': FLAG.meterError, 'invalid-value': FLAG.meterError,
  'out-of-range': FLAG.meterError,
  'crc': FLAG.corrupt, 'crc-error': FLAG.corrupt, 'checksum': FLAG.corrupt, 'corrupt': FLAG.corrupt, 'corrupt-telegram': FLAG.corrupt,
  'pulse-error': FLAG.pulseError,
  'leak': FLAG.leak, 'burst': FLAG.burst, 'tamper': FLAG.tamper, 'manipulation': FLAG.tamper,
  'reverse': FLAG.reverseFlow, 'reverse-flow': FLAG.reverseFlow, 'backflow': FLAG.reverseFlow,
  'clock-drift': FLAG.clockDrift, 'meter-alarm': FLAG.alarm, 'dry': FLAG.dry,
};

/** The bits of a reading's flags (unknown words are ignored). */
export function flagBits(flags: readonly string[] | undefined): number {
  let bits = 0;
  if (flags) for (const f of flags) bits |= WORDS[f] ?? 0;
  return bits;
}

/** The names of the bits set in `bits`. */
export function flagNames(bits: number): FlagName[] {
  return (Object.keys(FLAG) as FlagName[]).filter((k) => (bits & FLAG[k]) !== 0);
}
