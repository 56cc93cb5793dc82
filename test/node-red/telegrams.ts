/**
 * Telegrams the Node-RED suites feed to imd-mbus-decode, with what the decoder must read from
 * them (worked out by hand from EN 13757-3, see each comment). The example flow
 * (flows/examples/Decode M-Bus telegrams.json) carries the same telegrams.
 */

/**
 * The classic EN 13757-3 / M-Bus documentation example: RSP_UD, address 2, CI 0x72,
 * id 12345678, manufacturer 0x4024 = P(16) A(1) D(4), version 1, medium 0x07 water.
 * - 03 13 153100: 24-bit integer, volume 10^-3 m3: 0x003115 = 12565 l = 12.565 m3.
 * - DA 02 3B 1301: DIF 0xDA = maximum (function 01), storage LSB 1, 4-digit BCD; DIFE 0x02 =
 *   storage bits 1..4 = 2, so storage 1 + 2·2 = 5; VIF 0x3B volume flow 10^-3 m3/h: 0113 = 0.113 m3/h.
 * - 8B 60 04 371802: DIF 0x8B = instantaneous, 6-digit BCD; DIFE 0x60 = subunit 1, tariff 2,
 *   storage 0; VIF 0x04 energy 10^1 Wh: 021837 × 10 Wh = 218.37 kWh.
 */
export const WATER_METER = '68 1F 1F 68 08 02 72 78 56 34 12 24 40 01 07 55 00 00 00 03 13 15 31 00 DA 02 3B 13 01 8B 60 04 37 18 02 18 16';

/**
 * Built by hand: RSP_UD, address 1, id 10203040, KAM (0x2C2D), version 0x1B, medium 0x04 heat.
 * - 04 06 39300000: 32-bit integer energy in kWh: 12345 kWh.
 * - 04 14 40E20100: 32-bit integer volume 10^-2 m3: 123456 → 1234.56 m3.
 * - 02 59 8F19 / 02 5D B50F: 16-bit flow / return temperature 10^-2 C: 65.43 C, 40.21 C.
 */
export const HEAT_METER = '68 23 23 68 08 01 72 40 30 20 10 2D 2C 1B 04 2A 00 00 00 04 06 39 30 00 00 04 14 40 E2 01 00 02 59 8F 19 02 5D B5 0F 91 16';

/** WATER_METER with its checksum changed from 0x18 to 0x19. */
export const BAD_CHECKSUM = WATER_METER.replace(/18 16$/, '19 16');

/** Bytes of a hex telegram (test side, independent of the decoder's own hex parser). */
export function bytesOf(hex: string): Buffer {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}
