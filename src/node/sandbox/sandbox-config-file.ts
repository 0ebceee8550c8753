// The sandbox gateway's accounts file (accounts.json for `payframe sandbox --config`), checked with
// zod (Node, ships). Strict: a misspelt setting is an error, never ignored, since a dropped
// `allowedOrigins` or key would quietly change who may call the gateway.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ACCOUNT_ID_PATTERN, PUBLISHABLE_KEY_PATTERN, SECRET_KEY_PATTERN, isWebOrigin, type SandboxAccount } from './sandbox-accounts.ts';

/** A webhook endpoint an account's events are sent to; without a secret the sandbox makes one. */
export interface ConfiguredWebhookEndpoint {
  url: string;
  secret?: string | undefined;
}

/** An account of the file: what the gateway holds, plus where its events go. */
export interface ConfiguredAccount extends SandboxAccount {
  webhookEndpoints?: ConfiguredWebhookEndpoint[] | undefined;
}

export type SandboxConfigErrorCode = 'config_unreadable' | 'config_not_json' | 'config_invalid';

/** A config file the sandbox cannot run with; `message` names the file, each bad setting and what was expected. */
export class SandboxConfigError extends Error {
  constructor(
    readonly code: SandboxConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxConfigError';
  }
}

const ORIGIN_EXPECTED = 'expected an origin: scheme, host and optional port, no path or trailing slash (e.g. "http://127.0.0.1:4243")';

// Key values are never echoed in messages: they are credentials, even test ones.
const publishableKey = z.string({ error: 'expected a publishable key as a string' }).regex(PUBLISHABLE_KEY_PATTERN, { error: 'expected a test publishable key: "pk_test_" followed by printable characters' });
const secretKey = z.string({ error: 'expected a secret key as a string' }).regex(SECRET_KEY_PATTERN, { error: 'expected a test secret key: "sk_test_" followed by printable characters' });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const webhookEndpointSchema = z.strictObject(
  {
    url: z.string({ error: 'expected the endpoint URL as a string' }).refine(isHttpUrl, { error: (issue) => `${JSON.stringify(issue.input)}: expected an http(s) URL (e.g. "http://127.0.0.1:3000/webhooks/stripe")` }),
    /** The whsec_ signing secret the endpoint verifies with (stripe.webhooks.constructEvent). */
    secret: z.string({ error: 'expected a signing secret as a string' }).regex(/^whsec_[A-Za-z0-9]{16,64}$/, { error: 'expected "whsec_" followed by 16-64 letters and digits' }).optional(),
  },
  { error: 'expected a webhook endpoint: { "url": "http://...", "secret": "whsec_..." }' },
);

const declineOnSchema = z.strictObject(
  {
    /** Decline a payment whose CVC check fails (`incorrect_cvc`), as Stripe's decline_on.cvc_failure. */
    cvcFailure: z.boolean({ error: 'expected true or false' }).optional(),
    /** Decline a payment whose postal code check fails (`incorrect_zip`), as Stripe's decline_on.avs_failure. */
    avsFailure: z.boolean({ error: 'expected true or false' }).optional(),
  },
  { error: 'expected the checks that decline a payment: { "cvcFailure": true, "avsFailure": true }' },
);

const accountSchema = z.strictObject(
  {
    id: z.string({ error: 'expected an account id as a string' }).regex(ACCOUNT_ID_PATTERN, { error: 'expected "acct_" followed by letters, digits or _' }).optional(),
    publishableKey,
    secretKey,
    /** More keys acting for the same account (a rolled key still in use, say). */
    extraPublishableKeys: z.array(publishableKey, { error: 'expected a list of publishable keys' }).optional(),
    extraSecretKeys: z.array(secretKey, { error: 'expected a list of secret keys' }).optional(),
    /** Fields origins allowed to call the gateway from a browser with this account's keys. */
    allowedOrigins: z.array(z.string({ error: ORIGIN_EXPECTED }).refine(isWebOrigin, { error: (issue) => `${JSON.stringify(issue.input)}: ${ORIGIN_EXPECTED}` }), { error: 'expected a list of origins' }).optional(),
    /** Where this account's events are sent, signed like Stripe's. */
    webhookEndpoints: z.array(webhookEndpointSchema, { error: 'expected a list of webhook endpoints' }).optional(),
    /** Failed verification checks that decline a payment; by default none do, as in Stripe. */
    declineOn: declineOnSchema.optional(),
  },
  { error: 'expected an account: { "publishableKey": "pk_test_...", "secretKey": "sk_test_...", "allowedOrigins": ["http://..."] }' },
);

const fileObject = z.strictObject(
  { accounts: z.array(accountSchema, { error: 'expected a list of accounts' }).min(1, { error: 'expected at least one account' }) },
  { error: 'expected a JSON object: { "accounts": [ ... ] }' },
);

const fileSchema = fileObject.superRefine((file, context) => {
  // Every key and id belongs to one account: otherwise which account a request acts for would be a guess.
  const seen = new Map<string, string>();
  file.accounts.forEach((account, index) => {
    const values: [PropertyKey[], string | undefined][] = [
      [['id'], account.id],
      [['publishableKey'], account.publishableKey],
      [['secretKey'], account.secretKey],
      ...(account.extraPublishableKeys ?? []).map((key, keyIndex): [PropertyKey[], string] => [['extraPublishableKeys', keyIndex], key]),
      ...(account.extraSecretKeys ?? []).map((key, keyIndex): [PropertyKey[], string] => [['extraSecretKeys', keyIndex], key]),
    ];
    for (const [setting, value] of values) {
      if (value === undefined) continue;
      const path = ['accounts', index, ...setting];
      const first = seen.get(value);
      if (first !== undefined) context.addIssue({ code: 'custom', path, message: `the same value as ${first}: expected each key and id in one account only` });
      else seen.set(value, settingPath(path));
    }
  });
});

/** `accounts[0].allowedOrigins[1]` from zod's path array. */
function settingPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '(the whole file)';
}

/** The settings the object at `path` may hold, for the message about a misspelt one. */
function knownSettingsAt(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(fileObject.shape);
  if (path.includes('webhookEndpoints')) return Object.keys(webhookEndpointSchema.shape);
  if (path.includes('declineOn')) return Object.keys(declineOnSchema.shape);
  return Object.keys(accountSchema.shape);
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return [`${settingPath(issue.path)}: ${issue.message}`];
    const known = knownSettingsAt(issue.path);
    return issue.keys.map((key) => `${settingPath([...issue.path, key])}: unknown setting: expected one of ${known.join(', ')}`);
  });
}

/** The accounts a config file describes, or a SandboxConfigError naming what is wrong. */
export function parseSandboxConfig(json: unknown, where: string): ConfiguredAccount[] {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new SandboxConfigError('config_invalid', `${where}: invalid configuration\n${describeIssues(parsed.error).map((line) => `  ${line}`).join('\n')}`);
  }
  return parsed.data.accounts;
}

export function readSandboxConfigFile(path: string): ConfiguredAccount[] {
  const configPath = resolve(path);
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SandboxConfigError('config_unreadable', `${configPath}: cannot read the configuration file (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SandboxConfigError('config_not_json', `${configPath}: not valid JSON (${(error as Error).message})`);
  }
  return parseSandboxConfig(json, configPath);
}
