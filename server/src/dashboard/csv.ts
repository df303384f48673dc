/**
 * CSV for spreadsheet programs (RFC 4180, CRLF line ends). A cell that a spreadsheet would read
 * as a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe,
 * so an exported business key or name can never run as a formula.
 */

type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
