/**
 * The .xlsx rendering with exceljs: sheet Debitering (the lines) and sheet Summa (the billed
 * sums and their total, then the information lines' sums apart, when there are any). Decimal
 * fields become numeric cells (the exact decimal text has at most 15 significant digits for
 * registers and öre amounts, so the IEEE double Excel stores prints back to the same text);
 * dates stay ISO text. exceljs stamps the zip entries with the current time, so the archive is
 * re-packed with a fixed date (the first day after the period) to make the same close give the
 * same bytes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { ExportFile, ExportInput } from '../../../lib/billing/export';
import { summarise, type Sums } from '../../../lib/billing/summary';
import { fileName, isDecimalField, rawField, type ExportProfile } from '../profile';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fixedDate(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
}

async function repack(bytes: Buffer, date: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (!entry.dir) out.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A row per medium, then the total row. */
function addSums(sheet: ExcelJS.Worksheet, sums: Sums, totalLabel: string): void {
  for (const [medium, m] of Object.entries(sums.byMedium)) sheet.addRow([medium, m.lines, Number(m.quantity), m.unit, Number(m.net), Number(m.vat), Number(m.gross)]);
  const lines = Object.values(sums.byMedium).reduce((n, m) => n + m.lines, 0);
  sheet.addRow([totalLabel, lines, null, null, Number(sums.total.net), Number(sums.total.vat), Number(sums.total.gross)]);
}

export async function renderWorkbook(input: ExportInput, p: ExportProfile): Promise<ExportFile[]> {
  const date = fixedDate(input.close.period);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IMD hub';
  wb.created = wb.modified = date;
  const sheet = wb.addWorksheet('Debitering');
  sheet.columns = p.columns.map((c) => ({ header: c.header, key: c.field, width: Math.max(10, c.header.length + 2) }));
  let count = 0;
  for (const line of input.lines) {
    count++;
    sheet.addRow(Object.fromEntries(p.columns.map((c) => {
      const raw = rawField(c.field, line, input.close);
      return [c.field, isDecimalField(c.field) && raw !== '' ? Number(raw) : raw];
    })));
  }
  p.columns.forEach((c, i) => { if (['net', 'vat', 'gross'].includes(c.field)) sheet.getColumn(i + 1).numFmt = '0.00'; });
  sheet.getRow(1).font = { bold: true };
  const sums = wb.addWorksheet('Summa');
  sums.addRow(['Medium', 'Rader', 'Mängd', 'Enhet', 'Netto kr', 'Moms kr', 'Att betala kr']);
  const summary = summarise(input.lines);
  addSums(sums, summary, 'Totalt');
  if (summary.information) {
    sums.addRow([]);
    sums.addRow(['Information (debiteras ej)']).font = { bold: true };
    addSums(sums, summary.information, 'Totalt information');
  }
  const bytes = await repack(Buffer.from(await wb.xlsx.writeBuffer()), date);
  return [{ name: fileName(p.fileName, input.close), bytes, mediaType: XLSX, lines: count }];
}
