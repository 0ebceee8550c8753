// Why `payframe audit` could not run (Node, ships): one table of codes and messages, exit status 2.

export const AUDIT_ERROR_CODES = {
  'bad-url': 'The page address is not an http(s) URL.',
  'bad-flag': 'A flag is missing its value or has a bad one.',
  'no-browser': 'No Chromium to drive.',
  'no-browser-driver': 'playwright-core is not installed.',
  'page-unreachable': 'The page did not load.',
  'no-payframe': 'The page shows no Payframe card fields.',
  'bad-baseline': 'The baseline file cannot be read.',
  'write-failed': 'The baseline file cannot be written.',
} as const;

export type AuditErrorCode = keyof typeof AUDIT_ERROR_CODES;

export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly code: AuditErrorCode,
    message: string,
  ) {
    super(message);
  }
}
