/**
 * Validator plugin `room-temperature`: outside 15–30 °C, or a stuck sensor.
 */
import { describeRule } from '../../../lib/validation/describe';
import { roomTemperature } from './room-temperature-rule';

export const rule = roomTemperature;
export const descriptor = describeRule(roomTemperature, ['SABO IMD specification: temperaturgivare ±0,5 °C inom 15–30 °C']);
