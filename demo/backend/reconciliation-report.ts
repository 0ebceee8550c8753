// A reconciliation report as a plain-text table (the command's output) and as CSV (RFC 4180).
import type { ReconciliationReport, ReconciliationRow } from './reconciliation.ts';

const COLUMNS: [keyof ReconciliationRow, string][] = [
  ['result', 'result'],
  ['kind', 'kind'],
  ['gatewayId', 'gateway_id'],
  ['orderId', 'order_id'],
  ['currency', 'currency'],
  ['ledgerAmount', 'ledger_amount'],
  ['gatewayAmount', 'gateway_amount'],
  ['ledgerStatus', 'ledger_status'],
  ['gatewayStatus', 'gateway_status'],
  ['detail', 'detail'],
];

function cell(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function toCsv(report: ReconciliationReport): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const lines = [COLUMNS.map(([, header]) => header).join(',')];
  for (const entry of report.rows) lines.push(COLUMNS.map(([key]) => quote(cell(entry[key]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toTable(report: ReconciliationReport): string {
  const table = [COLUMNS.map(([, header]) => header), ...report.rows.map((entry) => COLUMNS.map(([key]) => cell(entry[key])))];
  const widths = COLUMNS.map((_, index) => Math.max(...table.map((line) => line[index]!.length)));
  const lines = table.map((line) => line.map((text, index) => text.padEnd(widths[index]!)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const summary = Object.entries(report.counts)
    .map(([result, count]) => `${result}: ${count}`)
    .join(', ');
  return `Reconciliation since ${report.since} (generated ${report.generatedAt})\n${lines.join('\n')}\n\n${summary}\n${report.mismatches === 0 ? 'OK: ledger and gateway agree.' : `MISMATCHES: ${report.mismatches}`}\n`;
}
