/**
 * Exporter registry: one import line per billing-file format. `exporters` are the descriptors
 * (README tables, conventions test); `exporterById` the implementations for `imd bill
 * --format` and the imd-export node.
 */
import { ConfigError } from '../../lib/errors';
import type { Exporter } from '../../lib/billing/export';
import type { PluginDescriptor } from '../../lib/plugin';
import type { ExportProfile } from './profile';
import * as excel from './excel';
import * as fast2 from './fast2';
import * as fi2xml from './fi2xml';
import * as genericCsv from './generic-csv';
import * as hambo from './hambo';
import * as momentum from './momentum';
import * as threeTreL from './3trel';
import * as vitec from './vitec';
import * as xpand from './xpand';

const ALL = [genericCsv, excel, fi2xml, momentum, vitec, hambo, xpand, fast2, threeTreL];

export const exporters: readonly PluginDescriptor[] = ALL.map((m) => m.descriptor);

export function exporterById(id: string): Exporter<ExportProfile> {
  const found = ALL.find((m) => m.descriptor.id === id);
  if (!found) throw new ConfigError(`unknown export format '${id}' (known: ${ALL.map((m) => m.descriptor.id).join(', ')})`);
  return found.exporter;
}
