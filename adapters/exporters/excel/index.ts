/**
 * Excel exporter: one .xlsx workbook per close — sheet "Debitering" with the profile's
 * columns (decimal fields as numbers with a fixed number format) and sheet "Summa" with the
 * sums per medium — the "Excel sheet with volumes and kronor per apartment" several IMD
 * suppliers deliver. Byte-stable: the zip entries carry a fixed date.
 */
import { exporterDescriptor } from '../descriptor';
import { profiledExporter, type ExportProfile } from '../profile';
import { renderWorkbook } from './workbook';

export const descriptor = exporterDescriptor({
  id: 'excel', title: 'Excel (.xlsx)',
  summary: 'An .xlsx workbook: sheet Debitering (one row per exported line, numbers as numbers, its status last) and sheet Summa (per medium; information lines apart). Column list configurable like the text profiles.',
  references: ['ECMA-376 (Office Open XML)', 'exceljs'],
});

export const profile: ExportProfile = {
  id: 'excel',
  columns: [
    { header: 'Objekt-id', field: 'objectId' }, { header: 'Lägenhet', field: 'apartment' }, { header: 'Kontrakt', field: 'contractId' },
    { header: 'Medium', field: 'medium' }, { header: 'Avgiftstyp', field: 'chargeCode' }, { header: 'Från', field: 'from' }, { header: 'Till', field: 'to' },
    { header: 'Start', field: 'startRegister' }, { header: 'Slut', field: 'endRegister' }, { header: 'Förbrukning', field: 'consumption' },
    { header: 'Kvot', field: 'quota' }, { header: 'Debiterad mängd', field: 'billedQuantity' }, { header: 'Enhet', field: 'unit' },
    { header: 'Pris', field: 'unitPrice' }, { header: 'Netto kr', field: 'net' }, { header: 'Moms kr', field: 'vat' }, { header: 'Att betala kr', field: 'gross' },
    { header: 'Status', field: 'status' },
  ],
  header: true, separator: ';', decimalMark: ',', dateFormat: 'YYYY-MM-DD', periodFormat: 'YYYY-MM',
  encoding: 'utf-8', bom: false, lineEnding: '\n', fileName: 'imd_{property}_{period}_v{version}.xlsx', folder: '',
};

export const exporter = profiledExporter(profile, renderWorkbook);
