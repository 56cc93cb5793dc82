/**
 * Excel .xlsx lists through exceljs: the non-empty rows of the first worksheet; cells become
 * text (date cells as YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS when they hold a time of day — Excel's
 * wall clock, no time zone; formulas as their cached result, rich text joined). Export writes
 * one sheet with a bold header row.
 */
import ExcelJS from 'exceljs';
import { ConfigError, describeError } from '../errors';
import type { SheetRow } from './sheet';

/** exceljs gives an Excel date as that wall-clock time in UTC. */
function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

export async function readXlsx(bytes: Uint8Array): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new ConfigError(`not a readable .xlsx file (${describeError(err)})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ConfigError('the workbook has no worksheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]).trim());
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  });
  return rows;
}

export async function writeXlsx(sheet: { headers: string[]; rows: string[][] }, title = 'Mätare'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(title);
  ws.addRow(sheet.headers).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  ws.columns.forEach((c) => { c.width = 16; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
