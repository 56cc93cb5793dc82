/**
 * Every record where our decoding differs from libmbus's on purpose, with the reason per
 * EN 13757-3. The conformance suite fails on any difference not listed here, and checks that
 * the M-Bus adapter README lists each one.
 */
export interface KnownDifference { caseId: string; index: number; reason: string }

const ALL_ZERO_DATE = 'all-zero type G date: no date was set; libmbus prints "2000-00-00", which is not a date; we give null';
const DATE_OF_LIMIT = 'VIFE 0x6F is "date/time of end of last limit exceed" (E110 1f1b): the data is a type F date; libmbus ignores the VIFE and reads it as a measurement';
const DURATION_OF_LIMIT = 'VIFE 0x50/0x58 is "duration of limit exceed" (E101 ufnn, nn = seconds): libmbus ignores the VIFE and keeps the volume-flow unit';

export const LIBMBUS_KNOWN_DIFFERENCES: KnownDifference[] = [
  { caseId: 'ACW_Itron-BM-plus-m', index: 2, reason: ALL_ZERO_DATE },
  { caseId: 'itron_bm_+m', index: 2, reason: ALL_ZERO_DATE },
  { caseId: 'siemens_water', index: 3, reason: ALL_ZERO_DATE },
  { caseId: 'siemens_wfh21', index: 3, reason: ALL_ZERO_DATE },
  { caseId: 'REL-Relay-Padpuls2', index: 1, reason: 'type F date/time with the IV (invalid) bit set: we keep the date the meter sent (2015-07-09T21:33) and flag it "invalid-time"; libmbus prints 1900-01-00 00:00' },
  { caseId: 'SEN_Pollustat', index: 12, reason: DURATION_OF_LIMIT },
  { caseId: 'SEN_Pollustat', index: 13, reason: DURATION_OF_LIMIT },
  { caseId: 'landis+gyr_ultraheat_t230', index: 19, reason: DATE_OF_LIMIT },
  { caseId: 'landis+gyr_ultraheat_t230', index: 20, reason: DATE_OF_LIMIT },
  { caseId: 'landis+gyr_ultraheat_t230', index: 21, reason: DATE_OF_LIMIT },
  { caseId: 'landis+gyr_ultraheat_t230', index: 22, reason: DATE_OF_LIMIT },
  { caseId: 'manual_frame2', index: 1, reason: 'fixed data structure, unit code 0x3E of counter 2 means "same unit as counter 1, historic value": 135 l = 0.135 m3 at storage 1; libmbus prints "reserved but historic" and the bare count' },
];
