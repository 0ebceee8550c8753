// Finds a Chromium for the tests, or installs Debian's when we can (root with apt-get, as on
// CI), or explains what to do. Returns the executable's path, or undefined after explaining.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../test/browser/find-chromium.mjs';

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const canInstall = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log('No Chromium found: installing Debian\'s chromium package (apt-get)…');
    const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
    if (apt(['update', '-qq']) === 0 && apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) === 0) {
      const installed = findChromium();
      if (installed) return installed;
    }
  }
  console.error(
    [
      'No Chromium found for the browser tests. Any one of these fixes it:',
      '  - set PAYFRAME_CHROMIUM=/path/to/chromium (or Chrome),',
      '  - run `npx playwright install chromium` (needs access to Playwright\'s download CDN),',
      '  - on Debian/Ubuntu: `sudo apt-get install chromium`.',
    ].join('\n'),
  );
  return undefined;
}
