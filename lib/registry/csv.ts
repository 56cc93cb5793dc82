/**
 * CSV as installers and rental systems deliver it: UTF-8 with or without BOM, or ISO-8859-1
 * (Excel's "CSV" on a Swedish Windows), detected — text that is not valid UTF-8 is read as
 * ISO-8859-1 — or forced; ';' (Swedish Excel) or ',' separated, detected from the first line;
 * RFC 4180 quoting, quoted line breaks kept; each row remembers the line it started on.
 */
import { ConfigError } from '../errors';
import type { SheetRow } from './sheet';

export type TextEncoding = 'auto' | 'utf-8' | 'iso-8859-1';

/** Bytes → text; a UTF-8 BOM is dropped. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding = 'auto'): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (encoding === 'iso-8859-1') return Buffer.from(body).toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (encoding === 'utf-8') throw new ConfigError('the file is not valid UTF-8 (give --encoding iso-8859-1?)');
    return Buffer.from(body).toString('latin1');
  }
}

/** ';', ',' or tab: whichever occurs most in the first line outside quotes (';' on a tie). */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  return [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ';');
}

/** Parses CSV text into rows of cells (the header among them); blank lines are skipped. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line++; cell += c; }
    } else if (c === '"' && cell.trim() === '') { quoted = true; cell = ''; }
    else if (c === delimiter) { cells.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) throw new ConfigError(`line ${rowLine}: a quoted field is not closed`);
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** One CSV field, quoted when it holds the delimiter, a quote or a line break. */
function field(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text (UTF-8 with BOM so Excel shows å ä ö, CRLF line ends, ';' by default). */
export function formatCsv(sheet: { headers: string[]; rows: string[][] }, delimiter = ';'): string {
  const lines = [sheet.headers, ...sheet.rows].map((r) => r.map((v) => field(v, delimiter)).join(delimiter));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
