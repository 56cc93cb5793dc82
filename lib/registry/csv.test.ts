/**
 * CSV reading: ';' and ',' detected, UTF-8 with and without BOM, ISO-8859-1 detected or forced,
 * RFC 4180 quotes with line breaks (rows keep the line they start on), and formatting back.
 */
import assert from 'node:assert/strict';
import { decodeText, detectDelimiter, formatCsv, parseCsv } from './csv';

const SWEDISH = 'Lägenhetsnummer;Objekt-id;Mätarnummer;Medium;Placering\r\n1101;OBJ-1;12345678;Kallvatten;Kök\r\n';

describe('registry CSV', () => {
  it('reads UTF-8 with and without BOM, and ISO-8859-1 by detection or by option', () => {
    const utf8 = Buffer.from(SWEDISH, 'utf8');
    assert.equal(decodeText(utf8), SWEDISH);
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), SWEDISH);
    const latin1 = Buffer.from(SWEDISH, 'latin1');
    assert.equal(decodeText(latin1), SWEDISH);
    assert.equal(decodeText(latin1, 'iso-8859-1'), SWEDISH);
    assert.throws(() => decodeText(latin1, 'utf-8'), /not valid UTF-8/);
  });

  it('detects the delimiter from the header line', () => {
    assert.equal(detectDelimiter(SWEDISH), ';');
    assert.equal(detectDelimiter('apartment,object id,"a;b",serial\n'), ',');
    assert.equal(detectDelimiter('a\tb\tc\n'), '\t');
  });

  it('parses quotes, doubled quotes and quoted line breaks, keeping line numbers', () => {
    assert.deepEqual(parseCsv('a,b\n"x, y","say ""hi"""\n\n"two\nlines",z\nlast,row'), [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', 'z'] },
      { line: 6, cells: ['last', 'row'] },
    ]);
    assert.throws(() => parseCsv('a\n"open'), /line 2: a quoted field is not closed/);
  });

  it('formats with BOM, CRLF and quoting, and parses back to the same cells', () => {
    const sheet = { headers: ['Placering', 'Modell'], rows: [['Kök; vänster', 'Multical "21"'], ['Bad', '']] };
    const text = formatCsv(sheet);
    assert.ok(text.startsWith('\ufeffPlacering;Modell\r\n'));
    const back = parseCsv(decodeText(Buffer.from(text, 'utf8')));
    assert.deepEqual(back.map((r) => r.cells), [sheet.headers, ...sheet.rows]);
  });
});
