/**
 * Export profiles: the configurable shape of a billing file — columns (header text + field,
 * in order), separator, decimal mark, date format, encoding (with or without BOM), line
 * ending, file-name template, target folder, and whether the close's information lines
 * (model 3) go in the file under which charge codes — so a customer can match their billing
 * system's format sheet without code. Every exporter folder ships a default profile; a user
 * profile is a partial JSON object merged over it (`columns` replaces the whole list).
 */
import { ConfigError } from '../../lib/errors';
import { dec, multiply, plain } from '../../lib/billing/exact';
import type { CloseRecord } from '../../lib/billing/close-store';
import type { ExportFile, Exporter, ExportInput, InformationSettings } from '../../lib/billing/export';
import type { CloseLine } from '../../lib/billing/close';

/** The values a column can hold. */
export const FIELDS = [
  'property', 'building', 'apartment', 'objectId', 'livingArea', 'contractId', 'period', 'from', 'to', 'medium', 'placement',
  'meteringPointId', 'meters', 'chargeCode', 'startRegister', 'endRegister', 'consumption', 'quota', 'billedQuantity', 'unit',
  'unitPrice', 'net', 'vatRate', 'vatPercent', 'vat', 'gross', 'status', 'kind', 'version', 'text',
] as const;
export type Field = (typeof FIELDS)[number];

export interface Column { header: string; field: Field }

/** Shared by every exporter: `informationLines` ('omit' by default) and `informationChargeCodes` (lib/billing/export.ts). */
export interface ExportProfile extends InformationSettings {
  /** Profile id, e.g. 'vitec' or a customer's own name. */
  id: string;
  columns: Column[];
  header: boolean;
  separator: string;
  decimalMark: '.' | ',';
  dateFormat: 'YYYY-MM-DD' | 'YYYYMMDD' | 'DD.MM.YYYY';
  periodFormat: 'YYYY-MM' | 'YYYYMM';
  encoding: 'utf-8' | 'iso-8859-1' | 'windows-1252';
  bom: boolean;
  lineEnding: '\r\n' | '\n';
  /** Placeholders: {property} {period} {version} {kind} {closeId}; unsafe characters become '_'. */
  fileName: string;
  /** Target folder at the delivery (SFTP path or a subfolder of the local folder). */
  folder: string;
}

const DECIMAL_FIELDS = new Set<Field>(['livingArea', 'startRegister', 'endRegister', 'consumption', 'quota', 'billedQuantity', 'unitPrice', 'net', 'vatRate', 'vatPercent', 'vat', 'gross']);
const DATE_FIELDS = new Set<Field>(['from', 'to']);

const MEDIUM_TEXT: Record<string, string> = { 'cold-water': 'Kallvatten', 'hot-water': 'Varmvatten', electricity: 'El', heat: 'Värme', cooling: 'Kyla' };

/** Merges user overrides over a default profile and checks the result. */
export function mergeProfile(base: ExportProfile, overrides: Record<string, unknown> = {}): ExportProfile {
  const p = { ...base, ...overrides } as ExportProfile;
  if (!Array.isArray(p.columns) || p.columns.length === 0) throw new ConfigError('profile: columns must be a non-empty list of {header, field}');
  for (const c of p.columns) {
    if (!FIELDS.includes(c.field)) throw new ConfigError(`profile: unknown field '${c.field}' (known: ${FIELDS.join(', ')})`);
  }
  if (!['.', ','].includes(p.decimalMark)) throw new ConfigError("profile: decimalMark must be '.' or ','");
  if (p.decimalMark === p.separator) throw new ConfigError('profile: the separator and the decimal mark must differ');
  if (!['utf-8', 'iso-8859-1', 'windows-1252'].includes(p.encoding)) throw new ConfigError('profile: encoding must be utf-8, iso-8859-1 or windows-1252');
  if (!['YYYY-MM-DD', 'YYYYMMDD', 'DD.MM.YYYY'].includes(p.dateFormat)) throw new ConfigError('profile: dateFormat must be YYYY-MM-DD, YYYYMMDD or DD.MM.YYYY');
  if (!['YYYY-MM', 'YYYYMM'].includes(p.periodFormat)) throw new ConfigError('profile: periodFormat must be YYYY-MM or YYYYMM');
  if (p.informationLines !== undefined && !['omit', 'include'].includes(p.informationLines)) throw new ConfigError("profile: informationLines must be 'omit' or 'include'");
  const codes = p.informationChargeCodes ?? {};
  if (typeof codes !== 'object' || Array.isArray(codes) || Object.values(codes).some((c) => typeof c !== 'string' || c.trim() === '')) {
    throw new ConfigError('profile: informationChargeCodes must map a medium to a charge code, e.g. {"hot-water": "VVINFO"}');
  }
  return p;
}

export function formatDate(iso: string, format: ExportProfile['dateFormat']): string {
  const [y, m, d] = iso.split('-');
  return format === 'YYYYMMDD' ? `${y}${m}${d}` : format === 'DD.MM.YYYY' ? `${d}.${m}.${y}` : iso;
}

/** The rent notice's text: medium and days, marked when a correction or information only ("Varmvatten 2026-11-01/2026-11-30 (information, debiteras ej)"). */
function aviText(line: CloseLine, close: CloseRecord): string {
  const marks = [close.kind === 'correction' ? ' (rättelse)' : '', line.status === 'information' ? ' (information, debiteras ej)' : ''];
  return `${MEDIUM_TEXT[line.medium] ?? line.medium} ${line.from}/${line.to}${marks.join('')}`;
}

/** A field's raw value (exact decimal text with '.', ISO dates) for a line. */
export function rawField(field: Field, line: CloseLine, close: CloseRecord): string {
  switch (field) {
    case 'property': return close.property;
    case 'period': return close.period;
    case 'kind': return close.kind;
    case 'version': return String(close.version);
    case 'meters': return line.meters.join(' ');
    case 'meteringPointId': return String(line.meteringPointId);
    case 'vatPercent': return plain(multiply(dec(line.vatRate), dec(100)));
    case 'text': return aviText(line, close);
    default: return (line[field] ?? '') as string;
  }
}

/** A field formatted by the profile (decimal mark, date and period formats). */
export function formatField(field: Field, line: CloseLine, close: CloseRecord, p: ExportProfile): string {
  const raw = rawField(field, line, close);
  if (DECIMAL_FIELDS.has(field)) return p.decimalMark === ',' ? raw.replace('.', ',') : raw;
  if (DATE_FIELDS.has(field)) return formatDate(raw, p.dateFormat);
  if (field === 'period' && p.periodFormat === 'YYYYMM') return raw.replace('-', '');
  return raw;
}

/** Whether a field is numeric (for spreadsheets). */
export const isDecimalField = (field: Field): boolean => DECIMAL_FIELDS.has(field);

export function fileName(template: string, close: CloseRecord): string {
  return template.replace(/\{(property|period|version|kind|closeId)\}/g, (_, k: string) =>
    String(k === 'closeId' ? close.id : close[k as 'property' | 'period' | 'version' | 'kind']).replace(/[^A-Za-z0-9._-]+/g, '_'));
}

/** An exporter of `render` with a default profile that users override with partial JSON. */
export function profiledExporter(defaultProfile: ExportProfile,
  render: (input: ExportInput, p: ExportProfile) => ExportFile[] | Promise<ExportFile[]>): Exporter<ExportProfile> {
  return { id: defaultProfile.id, defaultProfile, profile: (overrides) => mergeProfile(defaultProfile, overrides), render };
}
