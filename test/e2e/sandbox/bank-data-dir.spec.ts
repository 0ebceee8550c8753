// The sandbox's data folder after bank debits, read as an attacker who copied it would (no browser):
// it must hold no IBAN or account number, in clear or in a form that confirms a guess. The
// idempotency records keep a keyed hash of each request's params with the key beside it, so a
// record of a request that carried an IBAN would let anyone test candidate IBANs against it.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseFormBody } from '../../../src/node/sandbox/form-body.ts';
import { DEFAULT_PUBLISHABLE_KEY, DEFAULT_SECRET_KEY, startSandboxGateway } from '../../../src/node/sandbox/sandbox-gateway.ts';
import { STATE_FILE_NAME } from '../../../src/node/sandbox/sandbox-state-file.ts';

const IBAN = 'DE89370400440532013000';
const ACCOUNT_NUMBER = '000123456789';
const HOLDER = 'billing_details[name]=Jenny%20Rosen&billing_details[email]=jenny%40example.com';

// What a shopper's bank details travel in, as the fields origin (or stripe-node) sends them.
const REQUESTS = [
  { path: '/v1/payment_methods', body: `type=sepa_debit&sepa_debit[iban]=${IBAN}&${HOLDER}` },
  { path: '/v1/payment_methods', body: `type=us_bank_account&us_bank_account[routing_number]=110000000&us_bank_account[account_number]=${ACCOUNT_NUMBER}&${HOLDER}` },
  {
    path: '/v1/payment_intents',
    body:
      `amount=1000&currency=eur&allowed_payment_method_types[0]=sepa_debit&confirm=true&payment_method_data[type]=sepa_debit&payment_method_data[sepa_debit][iban]=${IBAN}` +
      `&payment_method_data[billing_details][name]=Jenny&payment_method_data[billing_details][email]=j%40example.com` +
      `&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=203.0.113.7&mandate_data[customer_acceptance][online][user_agent]=spec`,
  },
];

/** The sorted-key JSON the gateway hashes params in (the attacker reads the gateway's source too). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function folderText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

test('after bank debits the data folder holds no IBAN or account number, and no record confirms a guessed one', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'payframe-bank-state-')), 'sandbox');
  const gateway = await startSandboxGateway({ port: 0, publishableKey: DEFAULT_PUBLISHABLE_KEY, secretKey: DEFAULT_SECRET_KEY, allowedOrigins: [], dataDir });
  try {
    for (const [index, { path, body }] of REQUESTS.entries()) {
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${DEFAULT_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': `bank-${index}` },
        body,
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }
  } finally {
    // Closing writes the state a last time.
    await gateway.close();
  }

  const text = folderText(dataDir);
  expect(text).toContain('"sepa_debit"');
  for (const secret of [IBAN, IBAN.slice(4), ACCOUNT_NUMBER]) expect(text.includes(secret), 'a bank number is in the data folder').toBe(false);

  // The attack: with the hash key from the same file, try the guess against every stored record.
  const state = JSON.parse(readFileSync(join(dataDir, STATE_FILE_NAME), 'utf8')) as { idempotency: { hashSecret: string; entries: Array<{ requestHash: string }> } };
  const key = Buffer.from(state.idempotency.hashSecret, 'base64');
  const stored = new Set(state.idempotency.entries.map((entry) => entry.requestHash));
  const confirmedGuesses = REQUESTS.filter(({ path, body }) => stored.has(createHmac('sha256', key).update(`POST ${path}\n${canonicalJson(parseFormBody(body))}`).digest('hex')));
  expect(confirmedGuesses.map(({ path }) => path), 'the data folder confirms a guessed IBAN or account number').toEqual([]);
});
