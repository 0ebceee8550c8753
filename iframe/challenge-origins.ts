// Where the gateway's 3-D Secure challenge pages may come from, read from the controller page itself
// (the fields server fills the meta tag from its configuration's challengeOrigins), never from the
// merchant page: the merchant page frames whatever challenge URL the controller hands it. Fields
// origin (controller frame).
const UNFILLED = '{{PAYFRAME_CHALLENGE_ORIGINS}}';

/** `value` if it is exactly an http(s) origin (no path, query or credentials), else undefined. */
function exactOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The allowed challenge origins. A page without the tag (or with it unfilled) was served by a
 * fields server that predates the setting: then only the gateway's own origin, as before. A tag
 * listing nothing valid allows nothing: a challenge then ends in a typed error, never a guess.
 */
export function readChallengeOrigins(gatewayUrl: string): readonly string[] {
  const content = document.querySelector<HTMLMetaElement>('meta[name="payframe-challenge-origins"]')?.content;
  if (content === undefined || content.trim() === UNFILLED) return [new URL(gatewayUrl).origin];
  return content.split(/\s+/).flatMap((token) => exactOrigin(token) ?? []);
}
