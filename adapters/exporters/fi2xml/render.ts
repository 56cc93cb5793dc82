/**
 * The fi2xml rendering (xmlbuilder2): <fi2imdmessage> with the close's identity, one
 * <fi2debitprice> per charge code and price, and one <fi2debit> per billed line — or
 * <fi2information> per information line (model 3: priced, not to be charged) — holding the
 * object, contract, period, its <fi2mediaconsumption> and the amounts; then the billed total
 * and, when there are information lines, their own total. Decimals are the exact texts with a
 * decimal point; dates ISO 8601.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { CloseLine } from '../../../lib/billing/close';
import type { ExportFile, ExportInput } from '../../../lib/billing/export';
import { summarise, type Total } from '../../../lib/billing/summary';
import { fileName, type ExportProfile } from '../profile';

const NAMESPACE = 'urn:imd-hub:fi2imd-subset:1';

const totalAttributes = (lines: number, t: Total) => ({ lines: String(lines), net: t.net, vat: t.vat, gross: t.gross });

export function renderFi2xml(input: ExportInput, p: ExportProfile): ExportFile[] {
  const { close, lines } = input;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, 'fi2imdmessage', {
    property: close.property, period: close.period, version: String(close.version), kind: close.kind,
  });
  const prices = new Map<string, CloseLine>();
  for (const l of lines) prices.set(`${l.chargeCode}|${l.unit}|${l.unitPrice}`, l);
  for (const l of prices.values()) {
    root.ele('fi2debitprice').ele('fi2debitprice_code').txt(l.chargeCode).up().ele('fi2debitprice_medium').txt(l.medium).up()
      .ele('fi2debitprice_unit').txt(l.unit).up().ele('fi2debitprice_price').txt(l.unitPrice ?? '0').up()
      .ele('fi2debitprice_vatrate').txt(l.vatRate);
  }
  let count = 0;
  for (const l of lines) debitLine(root.ele(l.status === 'information' ? 'fi2information' : 'fi2debit', { id: `${close.id}-${++count}` }), l);
  const summary = summarise(lines);
  root.ele('fi2debittotal', totalAttributes(summary.byStatus.billed ?? 0, summary.total));
  if (summary.information) root.ele('fi2informationtotal', totalAttributes(summary.byStatus.information ?? 0, summary.information.total));
  const text = root.end({ prettyPrint: true });
  return [{ name: fileName(p.fileName, close), bytes: Buffer.from(`${text}\n`, 'utf8'), mediaType: 'application/xml', lines: count }];
}

/** The content of a <fi2debit> or <fi2information>. */
function debitLine(debit: XMLBuilder, l: CloseLine): void {
  debit.ele('fi2debit_objectid').txt(l.objectId);
  debit.ele('fi2debit_contractid').txt(l.contractId ?? '');
  debit.ele('fi2debit_code').txt(l.chargeCode);
  debit.ele('fi2debit_start').txt(l.from);
  debit.ele('fi2debit_end').txt(l.to);
  const c = debit.ele('fi2mediaconsumption');
  c.ele('fi2mediaconsumption_medium').txt(l.medium);
  c.ele('fi2mediaconsumption_unit').txt(l.unit);
  for (const serial of l.meters) c.ele('fi2supplynode_id').txt(serial);
  if (l.startRegister !== null) c.ele('fi2measurement_start').txt(l.startRegister);
  if (l.endRegister !== null) c.ele('fi2measurement_end').txt(l.endRegister);
  c.ele('fi2mediaconsumption_value').txt(l.consumption ?? '0');
  if (l.quota !== null) debit.ele('fi2debit_quota').txt(l.quota);
  debit.ele('fi2debit_quantity').txt(l.billedQuantity ?? '0');
  debit.ele('fi2debit_price').txt(l.unitPrice ?? '0');
  debit.ele('fi2debit_net').txt(l.net);
  debit.ele('fi2debit_vatrate').txt(l.vatRate);
  debit.ele('fi2debit_vat').txt(l.vat);
  debit.ele('fi2debit_gross').txt(l.gross);
}
