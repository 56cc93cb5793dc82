/**
 * fi2xml exporter: the billing basis (debiteringsunderlag) as XML modelled on the fi2xml IMD
 * entities behind Allmännyttan's fastAPI — Fi2DebitPrice (prices), Fi2Debit (one per billed
 * line; fi2information per information line when the profile includes them) with its
 * Fi2MediaConsumption (registers and consumption) — in the hub's own namespace
 * and subset, validated by fixtures/fi2imd-subset.xsd. The official fi2imdsimplemessage.xsd
 * was not available to us: this is not a claim of conformance to it.
 */
import { exporterDescriptor } from '../descriptor';
import { profiledExporter, type ExportProfile } from '../profile';
import { renderFi2xml } from './render';

export const descriptor = exporterDescriptor({
  id: 'fi2xml', title: 'fi2xml IMD billing basis (subset)',
  summary: 'fi2debitprice + fi2debit (with fi2mediaconsumption) elements after the fastAPI IMD data model, UTF-8 XML built with xmlbuilder2, validated against the hub\'s subset XSD. Not the official fi2 schema.',
  references: ['http://www.fastapi.se/apidocimd/v1/ApiDatamodel/api-datamodell', 'https://utveckling.allmannyttan.se/api/fastapi', 'http://www.fi2.se/schemas/1.31/fastapi/fi2imdsimplemessage.xsd (not available; not implemented)'],
});

/** Only fileName, folder and the information-line settings of the profile apply to XML (the element set is fixed by the XSD). */
export const profile: ExportProfile = {
  id: 'fi2xml', columns: [{ header: 'objectId', field: 'objectId' }], header: false, separator: ';', decimalMark: '.',
  dateFormat: 'YYYY-MM-DD', periodFormat: 'YYYY-MM', encoding: 'utf-8', bom: false, lineEnding: '\n',
  fileName: 'fi2imd_{property}_{period}_v{version}.xml', folder: '',
};

export const exporter = profiledExporter(profile, renderFi2xml);
