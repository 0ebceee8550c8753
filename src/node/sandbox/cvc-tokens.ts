// Stripe's CVC update tokens (POST /v1/tokens with cvc_update[cvc], publishable key): the fields
// origin re-collects a saved card's CVC and hands the merchant only a cvctok_ id, which a payment
// then names in payment_method_options[card][cvc_token]. The CVC itself is checked for shape and
// dropped: a token records only that a CVC was given, used at most once, by its own account.
import { optionalObject, optionalString, type FormParams } from './form-body.ts';
import { randomAlphanumeric } from './random-ids.ts';
import { rejectUnknownParams } from './request-params.ts';
import { StripeApiError, cardError, missingParam, resourceMissing } from './stripe-error.ts';

export interface CvcUpdateToken {
  id: string;
  object: 'token';
  client_ip: string | null;
  created: number;
  livemode: false;
  type: 'cvc_update';
  used: boolean;
}

export const CVC_TOKEN_PARAM = 'payment_method_options[card][cvc_token]';
const CVC_TOKEN_ID = /^cvctok_[A-Za-z0-9]{1,64}$/;
// Bounds memory for a long-running demo; the oldest tokens go first.
const MAX_ENTRIES = 10_000;

export class CvcTokenStore {
  private readonly tokens = new Map<string, CvcUpdateToken>();

  add(token: CvcUpdateToken): void {
    if (this.tokens.size >= MAX_ENTRIES) {
      const oldest = this.tokens.keys().next();
      if (!oldest.done) this.tokens.delete(oldest.value);
    }
    this.tokens.set(token.id, token);
  }

  get(id: string): CvcUpdateToken | undefined {
    return this.tokens.get(id);
  }

  /** What a data folder keeps (sandbox-state-file.ts): the tokens, which hold no CVC. */
  snapshot(): CvcUpdateToken[] {
    return [...this.tokens.values()];
  }

  restore(tokens: readonly CvcUpdateToken[]): void {
    for (const token of tokens) this.tokens.set(token.id, token);
  }
}

/** POST /v1/tokens: only `cvc_update[cvc]` (3 or 4 digits); a card number is refused, never echoed. */
export function createCvcToken(params: FormParams, tokens: CvcTokenStore, clientIp: string | null, now = new Date()): CvcUpdateToken {
  rejectUnknownParams(params, ['cvc_update']);
  const update = optionalObject(params.cvc_update, 'cvc_update');
  if (update === undefined) throw missingParam('cvc_update');
  rejectUnknownParams(Object.fromEntries(Object.keys(update).map((key) => [`cvc_update[${key}]`, true])), ['cvc_update[cvc]']);
  const cvc = optionalString(update.cvc, 'cvc_update[cvc]');
  if (cvc === undefined || cvc === '') throw missingParam('cvc_update[cvc]');
  if (!/^\d{3,4}$/.test(cvc)) throw cardError('invalid_cvc', 'cvc_update[cvc]', "Your card's security code is invalid.");
  const token: CvcUpdateToken = {
    id: `cvctok_${randomAlphanumeric(24)}`,
    object: 'token',
    client_ip: clientIp,
    created: Math.floor(now.getTime() / 1000),
    livemode: false,
    type: 'cvc_update',
    used: false,
  };
  tokens.add(token);
  return token;
}

/**
 * `payment_method_options[card][cvc_token]` of a confirmation: true when a fresh token of this
 * account is named (it is then used up), false when none is; Stripe's errors otherwise.
 */
export function redeemCvcToken(paymentMethodOptions: unknown, tokens: CvcTokenStore): boolean {
  const options = optionalObject(paymentMethodOptions, 'payment_method_options');
  if (options === undefined) return false;
  rejectUnknownParams(Object.fromEntries(Object.keys(options).map((key) => [`payment_method_options[${key}]`, true])), ['payment_method_options[card]']);
  const card = optionalObject(options.card, 'payment_method_options[card]');
  if (card === undefined) return false;
  rejectUnknownParams(Object.fromEntries(Object.keys(card).map((key) => [`payment_method_options[card][${key}]`, true])), [CVC_TOKEN_PARAM]);
  const id = optionalString(card.cvc_token, CVC_TOKEN_PARAM);
  if (id === undefined || id === '') return false;
  const token = tokens.get(id);
  if (token === undefined) throw resourceMissing('token', id, CVC_TOKEN_ID, CVC_TOKEN_PARAM);
  if (token.used) {
    throw new StripeApiError(400, { type: 'invalid_request_error', code: 'token_already_used', param: CVC_TOKEN_PARAM, message: 'You cannot use a Stripe token more than once.' });
  }
  token.used = true;
  return true;
}
