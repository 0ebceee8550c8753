// Which names a local server answers to (Node, ships): the sandbox gateway, and the demo's
// reference backend too. A DNS-rebinding page points a name of its own (attacker.example) at
// 127.0.0.1 and then talks to the server as "same origin" of that name; its requests carry
// `Host: attacker.example`, so a server that only answers its own names stays out of reach.

/** The loopback names every local server answers to, as URL hostnames spell them. */
export const LOOPBACK_HOST_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/** The hostname of a Host header (`name`, `name:port`, `[v6]:port`), lower-case; undefined when it is not one. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader === '' || /[\s/@?#\\]/.test(hostHeader)) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

/** The hostname of a URL or bare name given in configuration (`https://ops.shop.example`, `sandbox.internal`, `::1`). */
export function configuredHostName(nameOrUrl: string): string {
  if (nameOrUrl.includes('://')) return new URL(nameOrUrl).hostname;
  return hostNameOf(nameOrUrl.includes(':') && !nameOrUrl.startsWith('[') ? `[${nameOrUrl}]` : nameOrUrl) ?? nameOrUrl.toLowerCase();
}

/** An address as a Host header would name it: IPv4-mapped IPv6 unwrapped, IPv6 in brackets. */
function addressAsHostName(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return plain.includes(':') ? `[${plain}]` : plain;
}

/**
 * Whether a request's Host names this server: one of `allowedNames`, or the IP address the
 * connection arrived at (a client that dialled the address itself; a rebinding page cannot make
 * its Host an IP literal of ours without being on that address already).
 */
export function hostIsAllowed(hostHeader: string | undefined, allowedNames: ReadonlySet<string>, localAddress: string | undefined): boolean {
  const name = hostNameOf(hostHeader);
  if (name === undefined) return false;
  return allowedNames.has(name) || name === addressAsHostName(localAddress);
}

/** The names a server answers to: the loopback names plus those configured (names or URLs). */
export function allowedHostNames(configured: readonly string[] = []): Set<string> {
  return new Set<string>([...LOOPBACK_HOST_NAMES, ...configured.filter((name) => name !== '').map(configuredHostName)]);
}
