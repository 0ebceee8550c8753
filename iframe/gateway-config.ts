// The gateway this fields origin talks to, read from the controller page itself (the fields
// server writes it into a meta tag and into the CSP's connect-src). Never from the merchant page.
export function readGatewayUrl(): string | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="payframe-gateway"]')?.content ?? '';
  try {
    const url = new URL(content);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin + url.pathname.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
