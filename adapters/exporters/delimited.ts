/**
 * The delimited-text exporter engine behind generic CSV and the default profiles of Momentum,
 * Vitec, Hambo, xpand, Fast2 and 3TreL: one line per exported line (billed, and information
 * lines when the profile includes them), columns by the profile, fields quoted only when they
 * hold the separator, a quote or a line break (RFC 4180 style), encoded as the profile says
 * (UTF-8, optionally with BOM; ISO-8859-1 or Windows-1252 through iconv-lite — a character
 * outside the code page is refused, not replaced).
 */
import * as iconv from 'iconv-lite';
import { ConfigError } from '../../lib/errors';
import type { ExportFile, Exporter, ExportInput } from '../../lib/billing/export';
import type { PluginDescriptor } from '../../lib/plugin';
import { exporterDescriptor } from './descriptor';
import { fileName, formatField, mergeProfile, profiledExporter, type ExportProfile } from './profile';

function quote(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function encodeText(text: string, encoding: ExportProfile['encoding'], bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
  for (const ch of new Set(text.match(/[^\x00-\x7f]/g))) {
    if (iconv.decode(iconv.encode(ch, encoding), encoding) !== ch) throw new ConfigError(`the file holds '${ch}', which ${encoding} cannot encode; use utf-8 or change the text`);
  }
  return iconv.encode(text, encoding);
}

const CHUNK_ROWS = 5000;

/** Renders in chunks of rows, each encoded on its own, so a file of any size never exists as one string. */
export function renderDelimited(input: ExportInput, p: ExportProfile): ExportFile[] {
  const chunks: Buffer[] = [];
  let rows: string[] = [];
  let count = 0;
  const flush = () => {
    if (rows.length) chunks.push(encodeText(rows.join(''), p.encoding, p.bom && chunks.length === 0));
    rows = [];
  };
  if (p.header) rows.push(p.columns.map((c) => quote(c.header, p.separator)).join(p.separator) + p.lineEnding);
  for (const line of input.lines) {
    rows.push(p.columns.map((c) => quote(formatField(c.field, line, input.close, p), p.separator)).join(p.separator) + p.lineEnding);
    count++;
    if (rows.length >= CHUNK_ROWS) flush();
  }
  flush();
  if (chunks.length === 0 && p.bom) chunks.push(encodeText('', p.encoding, true));
  const charset = p.encoding === 'utf-8' ? 'utf-8' : p.encoding;
  return [{ name: fileName(p.fileName, input.close), bytes: Buffer.concat(chunks), mediaType: `text/csv; charset=${charset}`, lines: count }];
}

/** A delimited-text plugin as data (its folder's profile.json): descriptor, default profile, exporter. */
export interface DelimitedDefinition { id: string; title: string; summary: string; references?: string[]; profile: unknown }

export function delimitedPlugin(d: DelimitedDefinition): { descriptor: PluginDescriptor; profile: ExportProfile; exporter: Exporter<ExportProfile> } {
  const profile = mergeProfile(d.profile as ExportProfile);
  return { descriptor: exporterDescriptor(d), profile, exporter: profiledExporter(profile, renderDelimited) };
}

