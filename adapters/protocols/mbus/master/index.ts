/**
 * The M-Bus master's public API: a master on a ByteTransport, meter readout (primary,
 * secondary, multi-telegram), the secondary-address scan and their typed errors.
 */
export { MBusMaster, type MBusMasterOptions } from './mbus-master';
export { readMeter, type Readout } from './readout';
export { scanSecondary, COMMON_MANUFACTURERS, type ScanOptions, type ScanProgress, type ScanReport, type UnreadableDevice } from './secondary-scan';
export { probe, type FoundDevice, type ProbeResult } from './probe';
export { meterLabel, parsePrimary, parseSecondary, type MeterAddress } from './meter-address';
export { MBusMasterError, type MasterErrorCode } from './errors';
export { responseTimeoutMs, TCP_MARGIN_MS, SERIAL_MARGIN_MS } from './timing';
export { mbusTcpBusReader, type MBusTcpGateway } from './tcp-bus-reader';
