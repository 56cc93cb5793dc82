/**
 * Sink registry: plugins that consume live readings and pass them on to another system (a
 * BMS over Modbus, a time-series database …), one import line each.
 */
import type { PluginDescriptor } from '../../lib/plugin';
import * as bmsModbus from './bms-modbus';
import * as influxdb from './influxdb';

export const sinks: readonly PluginDescriptor[] = [bmsModbus.descriptor, influxdb.descriptor];
