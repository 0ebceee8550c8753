// The collect → validate → gateway steps, the same in the split fields' controller frame and in the
// drop-in's card frame: read the card (over the fields channel, or from the frame's own inputs),
// check it again here, then tokenize or confirm the merchant's PaymentIntent with the configured
// gateway (retrying what is safe, under one Idempotency-Key), or read an intent's status. One
// tokenization and one confirm at a time. Uses only the key its page was served for. Fields origin.
import { frameErrorMessage, type GatewayErrorCode } from '../src/shared/errors.ts';
import { FIELD_KINDS } from '../src/shared/protocol-constants.ts';
import type { CheckoutError, ControllerCommand, ControllerEvent, FieldKind, PaymentResult } from '../src/shared/protocol.ts';
import type { CardBrand } from '../src/shared/card-brands.ts';
import { readChallengeOrigins } from './challenge-origins.ts';
import type { brandRulesFor } from './fields/card-brand.ts';
import type { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import type { BillingDetails, CardDetails } from './gateway/gateway-adapter.ts';
import { IdempotencyKeys } from './gateway/idempotency-keys.ts';
import { createStripeCompatibleGateway } from './gateway/stripe-compatible-gateway.ts';
import { readGatewayUrl } from './gateway-config.ts';
import type { SplitBillingField, SplitBillingValues } from './split-billing-values.ts';

/**
 * The canonical values of the inputs a request needs (digits; MM/YY), or undefined when they cannot
 * be read; and a co-badged number's chosen network (from the range table, network-choice.ts).
 */
export type CardValues = Partial<Record<FieldKind, string>> & { network?: CardBrand | undefined } & SplitBillingValues;
type BillingRead = { billing: BillingDetails } | { error: CheckoutError } | undefined;
type CardCommand = Extract<ControllerCommand, { type: 'tokenize' | 'confirm' }>;

const failure = (code: GatewayErrorCode): { error: CheckoutError } => ({ error: { code, message: frameErrorMessage(code) } });

/**
 * The rules the inputs are judged by, passed in by the frame that already holds them (the card
 * frame loads these steps as a chunk of their own, which must not carry a second copy).
 */
export interface FieldRules {
  behaviours: typeof FIELD_BEHAVIOURS;
  brandRulesFor: typeof brandRulesFor;
}

function fieldError(rules: FieldRules, field: FieldKind, values: CardValues): CheckoutError | undefined {
  const brand = rules.brandRulesFor(values.number ?? '').brand;
  const evaluation = rules.behaviours[field].evaluate(values[field] ?? '', { brand, now: new Date() });
  if (evaluation.complete) return undefined;
  const code = evaluation.invalid ?? evaluation.incomplete;
  return { code, message: frameErrorMessage(code), field };
}

/**
 * Answers the page's payment requests with `send`. `readValues` gets the inputs a request needs;
 * whatever it returns is checked again before anything reaches the gateway.
 */
export function createCardPayments(
  key: string,
  rules: FieldRules,
  /** `billing`: the split billing fields the request names too (the controller's; the drop-in's card frame has `readBilling`). */
  readValues: (fields: FieldKind[], billing: SplitBillingField[]) => Promise<CardValues | undefined> | CardValues,
  send: (event: Exclude<ControllerEvent, { type: 'fields-claimed' | 'saved-card' }>) => void,
  /**
   * The billing details, or the first input's error: the drop-in's billing inputs, when it shows them;
   * the controller's check of what the split billing fields answered (`values`, for `billing`).
   */
  readBilling?: (values: CardValues, billing: SplitBillingField[]) => Promise<BillingRead> | BillingRead,
): (command: Exclude<ControllerCommand, { type: 'saved-card' | 'localize' }>) => void {
  const gatewayUrl = readGatewayUrl();
  const gateway = gatewayUrl ? createStripeCompatibleGateway(gatewayUrl, readChallengeOrigins(gatewayUrl)) : undefined;
  const idempotencyKeys = new IdempotencyKeys();
  // Apart from tokenizations': a key belongs to one endpoint, and a confirm's to one intent.
  const confirmIdempotencyKeys = new IdempotencyKeys();
  /** One tokenization at a time, and one confirm: a second request while one runs gets the same result. */
  const inFlight = new Map<'tokenize' | 'confirm', Promise<unknown>>();

  async function readCard(command: CardCommand): Promise<{ card: CardDetails } | { error: CheckoutError }> {
    // Number and expiry are always required; the CVC when the checkout shows a CVC input.
    const fields = FIELD_KINDS.filter((field) => field !== 'cvc' || command.fields.includes('cvc'));
    // Split billing fields, by the page's request: their frames answer the collect like the card's.
    const splitBilling = command.fields.filter((field): field is SplitBillingField => field === 'name' || field === 'country' || field === 'postal');
    const values = await readValues(fields, splitBilling);
    if (!values) return failure('fields_unavailable');
    for (const field of fields) {
      const error = fieldError(rules, field, values);
      if (error) return { error };
    }
    const billing = await readBilling?.(values, splitBilling);
    if (billing && 'error' in billing) return billing;
    const [month = '', year = ''] = (values.expiry ?? '').split('/');
    return { card: { number: values.number ?? '', expMonth: Number(month), expYear: 2000 + Number(year), ...(values.cvc ? { cvc: values.cvc } : {}), ...(values.network ? { network: values.network } : {}), ...billing } };
  }

  async function tokenize(command: Extract<ControllerCommand, { type: 'tokenize' }>) {
    if (!gateway) return failure('gateway_unavailable');
    const read = await readCard(command);
    if ('error' in read) return read;
    const idempotencyKey = await idempotencyKeys.keyFor(read.card, key);
    const { result, settled } = await gateway.createPaymentMethod(read.card, key, idempotencyKey.key);
    idempotencyKey.finished(settled);
    return result;
  }

  async function confirm(command: Extract<ControllerCommand, { type: 'confirm' }>) {
    if (!gateway) return failure('gateway_unavailable');
    const read = await readCard(command);
    if ('error' in read) return read;
    // The key is reused only for the same card on the same intent, after a try that got no answer.
    const idempotencyKey = await confirmIdempotencyKeys.keyFor(read.card, `${key} ${command.clientSecret} ${command.returnUrl ?? ''}`);
    const { result, settled } = await gateway.confirmPaymentIntent(read.card, command.clientSecret, key, idempotencyKey.key, command.returnUrl);
    idempotencyKey.finished(settled);
    return result;
  }

  async function intentStatus(command: Extract<ControllerCommand, { type: 'intent-status' }>): Promise<PaymentResult> {
    if (!gateway) return failure('gateway_unavailable');
    return (await gateway.retrievePaymentIntent(command.clientSecret, key)).result;
  }

  /** Runs `run` unless one of its kind runs already, whose result it then shares. */
  function once<Result>(kind: 'tokenize' | 'confirm', run: () => Promise<Result>): Promise<Result> {
    let running = inFlight.get(kind) as Promise<Result> | undefined;
    if (!running) {
      running = run().finally(() => inFlight.delete(kind));
      inFlight.set(kind, running);
    }
    return running;
  }

  return (command) => {
    switch (command.type) {
      case 'tokenize':
        void once('tokenize', () => tokenize(command)).then((result) => send({ type: 'tokenize-result', requestId: command.requestId, result }));
        break;
      case 'confirm':
        void once('confirm', () => confirm(command)).then((result) => send({ type: 'confirm-result', requestId: command.requestId, result }));
        break;
      case 'intent-status':
        void intentStatus(command).then((result) => send({ type: 'intent-status-result', requestId: command.requestId, result }));
        break;
    }
  };
}
