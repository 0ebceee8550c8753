// `payframe audit` without --json: the report as text tables a reviewer reads top to bottom
// (Node, ships; pure). Findings last, so they are what the terminal shows.
import type { AuditReport } from './audit-report.ts';

function table(headings: string[], rows: string[][]): string {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(headings), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function formatReport(report: AuditReport): string {
  const { csp } = report.headers;
  const sections = [
    `payframe audit ${report.finalUrl}\nfields origin: ${report.fieldsOrigin}`,
    `Scripts in the page's realm (${report.scripts.length})\n${table(
      ['script', 'payframe', 'SRI', 'sha384'],
      report.scripts.map((script) => [script.name, yesNo(script.payframe), script.kind === 'inline' ? (script.listedInCsp ? 'CSP hash' : 'none') : script.integrity ? 'yes' : 'no', script.sha384]),
    )}`,
    `Frames (${report.frames.length})\n${table(['origin', 'payframe', 'url'], report.frames.map((frame) => [frame.origin, yesNo(frame.payframe), frame.url]))}`,
    `Headers\n${table(
      ['check', 'result'],
      [
        ['Content-Security-Policy', csp.policy === null ? 'no header' : 'header'],
        ['Content-Security-Policy (meta)', csp.metaPolicy === null ? 'none' : 'present'],
        ["script-src allows 'unsafe-inline'", yesNo(csp.allowsUnsafeInline)],
        ['script-src wildcards', csp.scriptWildcards.join(' ') || 'none'],
        ['frame-src allows the fields origin', yesNo(csp.framesAllowFieldsOrigin)],
        ["require-trusted-types-for 'script'", yesNo(csp.requiresTrustedTypes)],
        ['Strict-Transport-Security', report.headers.https ? (report.headers.strictTransportSecurity ?? 'missing') : 'not applicable (http)'],
        ['payframe.js integrity', report.payframeIntegrity.actual === null ? 'none' : report.payframeIntegrity.matches ? `matches (${report.payframeIntegrity.expectedFrom})` : 'does not match'],
      ],
    )}`,
    `Leak probe: ${report.leakProbe.typed ? 'typed a test card into the fields' : 'could not type into every field'}; ${report.leakProbe.leaks.length === 0 ? 'the page saw none of it' : `${report.leakProbe.leaks.length} leak(s)`}`,
  ];
  if (report.baseline) {
    const { differences, file } = report.baseline;
    sections.push(`Baseline ${file}: ${differences.length === 0 ? 'no differences' : `\n${table(['change', 'kind', 'name'], differences.map((d) => [d.change, d.kind, d.name]))}`}`);
  }
  if (report.notes.length > 0) sections.push(`Notes\n${report.notes.map((note) => `  - ${note}`).join('\n')}`);
  sections.push(
    report.findings.length === 0
      ? 'No findings.'
      : `Findings (${report.findings.length})\n${report.findings.map((finding) => `  [${finding.code}] ${finding.message}`).join('\n')}`,
  );
  return `${sections.join('\n\n')}\n`;
}
