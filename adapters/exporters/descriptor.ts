/**
 * The descriptor every exporter folder exports: the shared profile JSON Schema (what a
 * customer may configure, information lines included) plus the folder's id, title and summary.
 */
import type { PluginDescriptor } from '../../lib/plugin';
import { FIELDS } from './profile';

export const PROFILE_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    columns: { type: 'array', items: { type: 'object', required: ['header', 'field'], properties: { header: { type: 'string' }, field: { enum: [...FIELDS] } } } },
    header: { type: 'boolean' },
    separator: { type: 'string', minLength: 1 },
    decimalMark: { enum: ['.', ','] },
    dateFormat: { enum: ['YYYY-MM-DD', 'YYYYMMDD', 'DD.MM.YYYY'] },
    periodFormat: { enum: ['YYYY-MM', 'YYYYMM'] },
    encoding: { enum: ['utf-8', 'iso-8859-1', 'windows-1252'] },
    bom: { type: 'boolean' },
    lineEnding: { enum: ['\r\n', '\n'] },
    fileName: { type: 'string', description: 'placeholders {property} {period} {version} {kind} {closeId}' },
    folder: { type: 'string' },
    informationLines: { enum: ['omit', 'include'], default: 'omit', description: "'include': the close's information lines (model 3: priced, not charged) go in the file too" },
    informationChargeCodes: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: "charge code of information lines per medium; default the billed code + '-INFO'" },
  },
};

export function exporterDescriptor(d: { id: string; title: string; summary: string; references?: string[] }): PluginDescriptor {
  return {
    id: d.id, kind: 'exporter', title: d.title, since: '0.3.0', summary: d.summary,
    configSchema: PROFILE_SCHEMA, exampleConfig: { decimalMark: ',', encoding: 'iso-8859-1', folder: 'in' },
    capabilities: ['export'],
    references: d.references ?? ['../shared/notes/billing-formats.md (no public import layout; profile from the customer\'s format sheet)'],
  };
}
