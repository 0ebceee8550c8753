// Picks the adapter for an engine name: the one place the specs' engine meets its driver.
// Runs in Node.
import { launchChromium } from './chromium-engine.ts';
import type { EngineName, EnginePage } from './engine-page.ts';
import { launchFirefox } from './firefox-engine.ts';
import { launchWebKit } from './webkit-engine.ts';

export function launchEngine(engine: EngineName): Promise<EnginePage> {
  switch (engine) {
    case 'chromium':
      return launchChromium();
    case 'firefox':
      return launchFirefox();
    case 'webkit':
      return launchWebKit();
  }
}
