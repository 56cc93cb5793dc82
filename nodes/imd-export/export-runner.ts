/**
 * The work of the imd-export node, without Node-RED: the close a message carries (msg.close
 * from imd-billing-close, or msg.period + msg.property for the latest close), exported in the
 * node's format with its profile overrides, and delivered when a delivery config is set.
 */
import { exporterById } from '../../adapters/exporters';
import { Closes, deliverExport, exportClose, type Delivery, type ExportFile, type ExportReceipt } from '../../lib/billing';
import { ConfigError } from '../../lib/errors';
import { databasePath, SystemOfRecord } from '../../lib/store';

export interface ExportRunnerConfig { data?: string; format?: string; profile?: string }

export interface ExportOutcome { receipt: ExportReceipt; files: ExportFile[] }

export async function runExport(config: ExportRunnerConfig, msg: { close?: unknown; period?: unknown; property?: unknown },
  delivery?: (folder: string) => Delivery): Promise<ExportOutcome> {
  const exporter = exporterById(config.format || 'generic-csv');
  const profile = exporter.profile(config.profile?.trim() ? JSON.parse(config.profile) : undefined);
  const store = SystemOfRecord.open(databasePath(config.data?.trim() || undefined));
  try {
    const closes = new Closes(store.db);
    const given = msg.close as { id?: number } | undefined;
    const close = typeof given?.id === 'number' ? closes.byId(given.id)
      : typeof msg.period === 'string' && typeof msg.property === 'string' ? closes.latest(msg.property, msg.period) : undefined;
    if (!close) throw new ConfigError('no close to export: send msg.close from imd-billing-close, or msg.period and msg.property');
    const result = await exportClose(store, close, exporter, profile);
    const receipt = delivery ? await deliverExport(store, result, delivery(profile.folder)) : result.receipt;
    return { receipt, files: result.files };
  } finally {
    store.close();
  }
}
