/**
 * Receiver plugin registry: one import line per receiver dongle (remove one = delete its folder
 * and its line here). `receiverPlugin(id)` finds the plugin behind a configured dongle type.
 */
import { ConfigError } from '../../lib/errors';
import type { PluginDescriptor } from '../../lib/plugin';
import * as amb8465 from './amb8465';
import * as cul from './cul';
import * as im871a from './im871a';
import * as rawHex from './raw-hex';
import type { ReceiverPlugin } from './receiver';
import * as rtlWmbus from './rtl-wmbus';

const plugins: readonly ReceiverPlugin[] = [rawHex.receiver, rtlWmbus.receiver, im871a.receiver, amb8465.receiver, cul.receiver];

export const receivers: readonly PluginDescriptor[] = plugins.map((p) => p.descriptor);

export function receiverPlugin(id: string): ReceiverPlugin {
  const plugin = plugins.find((p) => p.descriptor.id === id);
  if (!plugin) throw new ConfigError(`receiver type '${id}' is not one of ${receivers.map((d) => d.id).join(', ')}`);
  return plugin;
}

export { DongleReceiver, dongleTransport, type DongleOptions, type ReceiverConnection } from './dongle';
export { LINK_MODES, type LinkMode, type ReceivedTelegram, type FramerEvent, type Framer, type ReceiverPlugin } from './receiver';
