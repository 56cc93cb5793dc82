/**
 * Protocol adapter registry: one import line per protocol (remove a protocol = delete its
 * folder and its line here).
 */
import type { PluginDescriptor } from '../../lib/plugin';
import * as lonworks from './lonworks';
import * as mbus from './mbus';

export const protocols: readonly PluginDescriptor[] = [mbus.descriptor, lonworks.descriptor];
