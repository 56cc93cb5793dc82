/**
 * Collection (the central system's side of the measuring chain, and the collection unit's
 * semantics): polling scheduler, bus reader seam, status, meter clocks, hourly values, pulse
 * inputs, Pt-1000 sensors and the store-and-forward buffer. Pure TypeScript, no Node-RED.
 */
export { ReadFailure, asReadFailure, type BusReader, type GatewayPlan, type ReadFailureKind } from './bus-reader';
export { ManualClock, systemClock, type Clock } from './clock';
export { ConcurrencyLimit } from './concurrency';
export { ForwardBuffer, type ForwardBufferOptions, type StoredBatch } from './forward-buffer';
export { forward, type ForwarderOptions } from './forwarder';
export { hourlyValues, hourEnd, TEMPERATURE_QUANTITIES } from './hourly';
export { CLOCK_DRIFT_FLAG, DEFAULT_DRIFT_THRESHOLD_SECONDS, meterClockUtc, stampMeterTime, type MeterTimeOptions } from './meter-time';
export { dailySlots, jitterMs, nextPollAt, type PollSchedule } from './poll-schedule';
export { ptResistance, ptTemperature } from './pt1000';
export { PULSE_ERROR_FLAG, sumPulsesPerHour, type AlarmPoint, type PulseCount, type PulseInput } from './pulse-input';
export { PollScheduler, type CollectionEvent, type PollReport, type ScheduledGateway, type SchedulerOptions } from './scheduler';
export { DEFAULT_WITHOUT_CONTACT_MS, type GatewayStatus, type MeterStatus, type StatusSnapshot } from './status-book';
export { parseWallTime, wallTimeAt, wallTimeToUtc, type WallTime } from './stockholm-time';
