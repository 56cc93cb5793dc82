/**
 * Protocol adapter registry: one import line per protocol (remove a protocol = delete its
 * folder and its line here).
 */
import type { PluginDescriptor } from '../../lib/plugin';
import * as lonworks from './lonworks';
import * as mbus from './mbus';
import * as modbus from './modbus';
import * as wmbus from './wmbus';

export const protocols: readonly PluginDescriptor[] = [mbus.descriptor, wmbus.descriptor, lonworks.descriptor, modbus.descriptor];
