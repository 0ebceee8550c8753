// The usage lines of `payframe audit` (Node, ships): apart from the command, so the CLI's help
// does not load the Chromium driver.
export const AUDIT_USAGE = `  payframe audit <url> [--json] [--baseline audit.json] [--write-baseline audit.json]
                [--integrity sha384-…] [--fields-origin <origin>] [--timeout <seconds>]
      Open a payment page in Chromium and report its scripts, frames, security headers and a live
      card-leak probe. Exit 0 clean, 1 findings, 2 could not run.`;
