// Passes (or fails) the sandbox bank's 3-D Secure challenge over HTTP, the way its page's form does:
// read the one-time code the page shows, post it with the outcome. For specs that play the
// shopper's browser without one (the gateway's lifecycle, the reference backend's API).
import { expect } from '@playwright/test';

interface NextAction {
  redirect_to_url?: { url?: string | null } | null;
}

export async function answerSandboxChallenge(gatewayUrl: string, nextAction: NextAction | null | undefined, outcome: 'complete' | 'fail' = 'complete'): Promise<string> {
  const url = nextAction?.redirect_to_url?.url;
  expect(url, 'a challenge URL').toMatch(new RegExp(`^${gatewayUrl}/3ds/challenge/payatt_[A-Za-z0-9]{24}$`));
  const page = await (await fetch(url!)).text();
  const code = /Enter <strong class="code">(\d{6})<\/strong>/.exec(page)![1]!;
  const answer = await fetch(url!, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code, outcome }) });
  expect(answer.status).toBe(200);
  return answer.text();
}
