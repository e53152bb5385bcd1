// CSV building for the console's checklist export. RFC 4180 quoting, CRLF line ends and a UTF-8
// byte order mark so that Excel opens Chinese text correctly.

export const BOM = '\uFEFF';

/** Quotes a cell when needed; neutralises leading = + - @ so spreadsheet apps do not run formulas. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/u.test(s)) s = `'${s}`;
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** The whole file: BOM, rows joined by CRLF, trailing CRLF. */
export function buildCsv(rows: ReadonlyArray<readonly unknown[]>): string {
  return BOM + rows.map(csvRow).join('\r\n') + '\r\n';
}
