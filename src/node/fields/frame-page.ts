// Fills a built frame page (dist/fields/*.html) for one publishable key: the key the frame is
// bound to, the merchant origins allowed to embed it and (controller) the gateway, all from the
// fields origin's configuration, never from the merchant page. Node, ships: used by the fields
// server and by its static export alike, so both serve byte-identical pages.
/** The split fields' pages (the card's three, the billing name, country and postal code) and their controller, and the drop-in's one card frame. */
export type FramePageName = 'number' | 'expiry' | 'cvc' | 'name' | 'country' | 'postal' | 'controller' | 'card';
export const FRAME_PAGE_NAMES: readonly FramePageName[] = ['number', 'expiry', 'cvc', 'name', 'country', 'postal', 'controller', 'card'];

/** A frame page's path for a key: the key is in the path so static hosts can give each key its own frame-ancestors. */
export function framePagePath(publishableKey: string, page: FramePageName): string {
  return `/frames/${publishableKey}/${page}.html`;
}

/** What a publishable key may look like in a path: Stripe's alphabet, nothing that needs escaping. */
export const PUBLISHABLE_KEY_PATTERN = /^pk_[A-Za-z0-9_]{1,200}$/;

export interface FramePageValues {
  publishableKey: string;
  allowedOrigins: readonly string[];
  gatewayUrl: string;
  /** The origins the gateway's 3-D Secure pages come from (the pages that pay). */
  challengeOrigins: readonly string[];
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderFramePage(template: string, values: FramePageValues): string {
  return (
    template
      .replace('{{PAYFRAME_PUBLISHABLE_KEY}}', escapeAttribute(values.publishableKey))
      .replace('{{PAYFRAME_ALLOWED_ORIGINS}}', escapeAttribute(values.allowedOrigins.join(' ')))
      .replace('{{PAYFRAME_GATEWAY_URL}}', escapeAttribute(values.gatewayUrl))
      .replace('{{PAYFRAME_CHALLENGE_ORIGINS}}', escapeAttribute(values.challengeOrigins.join(' ')))
      // The pages are built beside assets/; served two levels down (/frames/<key>/), they reach up.
      .replaceAll('"./assets/', '"../../assets/')
  );
}
