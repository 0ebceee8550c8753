// Records what a checkout's live region says (each change of its text), so a test can check
// that an error is announced once, in words, and never with what was typed.
import type { Page } from '@playwright/test';

export async function recordAnnouncements(page: Page, host = '#checkout'): Promise<void> {
  await page.evaluate((selector) => {
    const region = document.querySelector(selector)!.shadowRoot!.querySelector('.payframe-live')!;
    const said: string[] = [];
    (window as unknown as { payframeAnnouncements: string[] }).payframeAnnouncements = said;
    new MutationObserver(() => {
      const text = (region.textContent ?? '').trim();
      if (text) said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  }, host);
}

export function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { payframeAnnouncements: string[] }).payframeAnnouncements);
}
