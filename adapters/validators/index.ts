/**
 * Validator registry: one import line per rule plugin. `RULES` is what the engine runs (in this
 * order); `validators` are their descriptors for README tables, editors and the conventions test.
 */
import type { PluginDescriptor } from '../../lib/plugin';
import type { ValidatorRule } from '../../lib/validation/types';
import * as certification from './certification';
import * as clock from './clock';
import * as counter from './counter';
import * as hotWaterShare from './hot-water-share';
import * as identity from './identity';
import * as noContact from './no-contact';
import * as roomTemperature from './room-temperature';
import * as spike from './spike';
import * as statusFlags from './status-flags';
import * as zeroConsumption from './zero-consumption';

const PLUGINS = [spike, counter, hotWaterShare, roomTemperature, zeroConsumption, noContact, statusFlags, certification, identity, clock];

export const RULES: readonly ValidatorRule[] = PLUGINS.map((p) => p.rule);
export const validators: readonly PluginDescriptor[] = PLUGINS.map((p) => p.descriptor);
