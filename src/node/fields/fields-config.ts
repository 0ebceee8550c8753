// The fields origin's configuration file (payframe.fields.json) as a zod schema: what `payframe
// fields` and `payframe fields export` accept. Node, ships. Strict everywhere: a misspelt key is an
// error, never silently ignored, because a typo here can loosen who may embed the card frames.
import { z } from 'zod';
import { PUBLISHABLE_KEY_PATTERN } from './frame-page.ts';

/** `scheme://host[:port]` and nothing else, as browsers write an origin (what CSP and postMessage compare). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const ORIGIN_EXPECTED = 'expected an origin: scheme, host and optional port, no path or trailing slash (e.g. "https://shop.example")';

const origin = z.string({ error: ORIGIN_EXPECTED }).refine(isOrigin, { error: (issue) => `${JSON.stringify(issue.input)}: ${ORIGIN_EXPECTED}` });

const gatewayUrl = z.string({ error: 'expected the gateway API URL as a string (e.g. "https://api.stripe.com")' }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash && !url.username && !url.password && !value.includes('#');
    } catch {
      return false;
    }
  },
  { error: (issue) => `${JSON.stringify(issue.input)} is not a gateway URL: expected an http(s) URL without query, fragment or credentials (e.g. "https://api.stripe.com")` },
);

const publishableKey = z
  .string({ error: 'expected a publishable key as a string (e.g. "pk_live_...")' })
  .regex(PUBLISHABLE_KEY_PATTERN, { error: (issue) => `${JSON.stringify(issue.input)} is not a publishable key: expected "pk_" followed by letters, digits and underscores` });

const filePath = (what: string) => z.string({ error: `expected the path of the ${what} as a string` }).min(1, { error: `expected the path of the ${what}` });

export const fieldsAccountSchema = z.strictObject({
  /** The account's publishable keys: its frames are served at /frames/<key>/<page>.html. */
  publishableKeys: z.array(publishableKey, { error: 'expected a list of publishable keys' }).min(1, { error: 'expected at least one publishable key' }),
  /** The merchant sites allowed to embed this account's frames (CSP frame-ancestors, the frames' embedder check). */
  allowedOrigins: z.array(origin, { error: 'expected a list of merchant origins' }).min(1, { error: 'expected at least one merchant origin allowed to embed the frames' }),
}, { error: 'expected an account: { "publishableKeys": ["pk_..."], "allowedOrigins": ["https://..."] }' });

const gatewaySchema = z.strictObject(
  {
    /** The Stripe-compatible API the controller frame sends cards to: the only connect-src of the frames. */
    url: gatewayUrl,
    /** The origins a gateway's 3-D Secure pages come from; defaults to the gateway URL's origin. */
    challengeOrigins: z.array(origin, { error: 'expected a list of origins' }).optional(),
  },
  { error: 'expected { "url": "https://..." }' },
);

const tlsSchema = z.strictObject({ certFile: filePath('TLS certificate (PEM)'), keyFile: filePath('TLS private key (PEM)') }, { error: 'expected { "certFile": "...", "keyFile": "..." }' });

const fieldsConfigObject = z.strictObject(
  {
    /** Where the server listens; the static export writes it into its nginx server block. */
    port: z.int({ error: 'expected a port number from 0 to 65535' }).min(0, { error: 'expected a port number from 0 to 65535' }).max(65535, { error: 'expected a port number from 0 to 65535' }).default(4243),
    host: z.string({ error: 'expected the address to listen on as a string (e.g. "127.0.0.1" or "0.0.0.0")' }).min(1).default('127.0.0.1'),
    /** The origin shoppers' browsers reach this fields origin at, when a TLS proxy or CDN sits in front. */
    publicOrigin: origin.optional(),
    /** Serve HTTPS directly with this certificate (PEM files; relative paths are read from the config file's folder). */
    tls: tlsSchema.optional(),
    gateway: gatewaySchema,
    accounts: z.array(fieldsAccountSchema, { error: 'expected a list of accounts' }).min(1, { error: 'expected at least one account' }),
  },
  { error: 'expected a JSON object' },
);

export const fieldsConfigSchema = fieldsConfigObject.superRefine((config, context) => {
    // One key, one account: otherwise which account's sites may embed a key's frames would be ambiguous.
    const firstSeen = new Map<string, number>();
    config.accounts.forEach((account, accountIndex) => {
      account.publishableKeys.forEach((key, keyIndex) => {
        const seen = firstSeen.get(key);
        if (seen === undefined) firstSeen.set(key, accountIndex);
        else
          context.addIssue({
            code: 'custom',
            path: ['accounts', accountIndex, 'publishableKeys', keyIndex],
            message: `${JSON.stringify(key)} is already listed in accounts[${seen}]: expected each publishable key in one account only`,
          });
      });
    });
    if (config.tls && config.publicOrigin && !config.publicOrigin.startsWith('https:')) {
      context.addIssue({ code: 'custom', path: ['publicOrigin'], message: 'expected an https origin when tls is set' });
    }
  });

export type FieldsConfigFile = z.infer<typeof fieldsConfigSchema>;

/** `accounts[0].allowedOrigins[1]` from zod's path array. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '(the whole file)';
}

/** The settings an object of the file may hold, for the message about a misspelt one. */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const [first] = path;
  const shape = path.length === 0 ? fieldsConfigObject.shape : first === 'gateway' ? gatewaySchema.shape : first === 'tls' ? tlsSchema.shape : fieldsAccountSchema.shape;
  return Object.keys(shape);
}

/** One line per problem, each naming where it is and what was expected. */
export function describeConfigIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => `${formatConfigPath([...issue.path, key])}: unknown setting: expected one of ${known.join(', ')}`).join('\n');
    }
    return `${formatConfigPath(issue.path)}: ${issue.message}`;
  });
}
