/**
 * A list (meter list, tenancy list, swap report) as read from any file format: header cells,
 * then rows of text cells, each row with the line (CSV) or row number (xlsx) a person sees in
 * their editor, for error messages.
 */
export interface SheetRow { line: number; cells: string[] }

export interface Sheet { headerLine: number; headers: string[]; rows: SheetRow[] }

/** One problem in an imported file: where (line, column) and why. */
export interface LineError { line: number; column: string; message: string }

export function formatLineError(e: LineError): string {
  return `line ${e.line}${e.column ? `, column "${e.column}"` : ''}: ${e.message}`;
}
