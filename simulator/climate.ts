/**
 * Indoor climate of a room: temperature and relative humidity as pure functions of time.
 * In the heating season (outdoor below ≈ 12 °C) the radiators hold the room near its setpoint
 * with a small daily swing; in summer the room follows the outdoor warmth. Outdoor temperature
 * is a Stockholm-like yearly curve (≈ −3 °C late January, ≈ +18 °C late July).
 */
import { hashUnit } from './random';
import { cetDay, dayOfYear } from './sim-time';

const HEATING_LIMIT_C = 12;

/** Typical outdoor mean temperature on a CET day. */
export function outdoorTemperature(day: number): number {
  return 7.5 - 10.5 * Math.cos((2 * Math.PI * (dayOfYear(day) - 25)) / 365);
}

export interface RoomSpec {
  seed: number;
  key: number;
  /** The heating setpoint the room settles at in winter, °C. */
  setpoint: number;
}

export interface RoomClimate {
  temperature: number;
  humidity: number;
}

/** Temperature (°C) and relative humidity (%) in the room at `ms`. */
export function roomClimate(room: RoomSpec, ms: number): RoomClimate {
  const { day, fraction } = cetDay(ms);
  const outdoor = outdoorTemperature(day) + 6 * (hashUnit(room.seed, room.key, day, 2) - 0.5);
  const afternoon = Math.cos(2 * Math.PI * (fraction - 0.65)); // warmest around 15:30
  const summerGain = Math.max(0, outdoor - HEATING_LIMIT_C) * 0.35;
  const noise = 0.3 * (hashUnit(room.seed, room.key, Math.floor(ms / 900_000), 3) - 0.5);
  const temperature = room.setpoint + summerGain + (summerGain > 0 ? 0.9 : 0.3) * afternoon + noise;
  const humidity = Math.min(75, Math.max(15, 28 + 1.4 * Math.max(0, outdoor) + 4 * (hashUnit(room.seed, room.key, day, 4) - 0.5)));
  return { temperature, humidity };
}
