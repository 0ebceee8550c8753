// The controller frame: one hidden page per checkout on the fields origin. On the merchant
// page's tokenize command it gathers the values from the field frames over the fields channel,
// checks them again, tokenizes with the configured gateway (retrying what is safe, under one
// Idempotency-Key) and answers with the token or a typed error. It never sends a card value to
// the merchant page.
import { messageFor } from '../src/shared/errors.ts';
import { controllerCommandSchema, FIELD_KINDS, type CheckoutError, type ControllerCommand, type ControllerEvent, type FieldKind, type TokenizeResult } from '../src/shared/protocol.ts';
import { randomId } from '../src/shared/random-id.ts';
import { brandRulesFor } from './fields/card-brand.ts';
import { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import { openFieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { readFrameParams } from './frame-params.ts';
import { createStripeCompatibleGateway } from './gateway/stripe-compatible-gateway.ts';
import type { CardDetails } from './gateway/gateway-adapter.ts';
import { IdempotencyKeys } from './gateway/idempotency-keys.ts';
import { readGatewayUrl } from './gateway-config.ts';
import { connectToHost } from './host-link.ts';

const COLLECT_TIMEOUT_MS = 3_000;

type CollectedValues = Partial<Record<FieldKind, string>>;

function startControllerFrame(): void {
  const params = readFrameParams(['controller']);
  if (!params) return;
  const gatewayUrl = readGatewayUrl();
  const gateway = gatewayUrl ? createStripeCompatibleGateway(gatewayUrl) : undefined;
  const idempotencyKeys = new IdempotencyKeys();

  const pendingCollects = new Map<string, (message: FieldsChannelMessage & { type: 'value' }) => void>();
  const channel = openFieldsChannel(params.checkout, (message) => {
    if (message.type === 'value') pendingCollects.get(message.collectId)?.(message);
  });
  const host = connectToHost<ControllerCommand, ControllerEvent>(params, controllerCommandSchema, handleCommand);

  /** One tokenization at a time: a second command while one runs gets the same result. */
  let inFlight: Promise<TokenizeResult> | undefined;

  function handleCommand(command: ControllerCommand): void {
    inFlight ??= tokenize(command).finally(() => {
      inFlight = undefined;
    });
    void inFlight.then((result) => host.send({ type: 'tokenize-result', requestId: command.requestId, result }));
  }

  function collect(fields: FieldKind[]): Promise<CollectedValues | undefined> {
    const collectId = randomId();
    const values: CollectedValues = {};
    return new Promise((resolve) => {
      const finish = (result: CollectedValues | undefined) => {
        clearTimeout(timer);
        pendingCollects.delete(collectId);
        resolve(result);
      };
      const timer = setTimeout(() => finish(undefined), COLLECT_TIMEOUT_MS);
      pendingCollects.set(collectId, (message) => {
        values[message.field] = message.value;
        if (fields.every((field) => values[field] !== undefined)) finish(values);
      });
      channel.post({ type: 'collect', collectId });
    });
  }

  function fieldError(field: FieldKind, values: CollectedValues): CheckoutError | undefined {
    const brand = brandRulesFor(values.number ?? '').brand;
    const evaluation = FIELD_BEHAVIOURS[field].evaluate(values[field] ?? '', { brand, now: new Date() });
    if (evaluation.complete) return undefined;
    const code = evaluation.invalid ?? evaluation.incomplete;
    return { code, message: messageFor(code), field };
  }

  async function tokenize(command: ControllerCommand): Promise<TokenizeResult> {
    if (!gateway) return { error: { code: 'gateway_unavailable', message: messageFor('gateway_unavailable') } };
    // Number and expiry are always required; the CVC when the checkout shows a CVC field.
    const fields = FIELD_KINDS.filter((field) => field !== 'cvc' || command.fields.includes('cvc'));
    const values = await collect(fields);
    if (!values) return { error: { code: 'fields_unavailable', message: messageFor('fields_unavailable') } };
    for (const field of fields) {
      const error = fieldError(field, values);
      if (error) return { error };
    }
    const [month = '', year = ''] = (values.expiry ?? '').split('/');
    const card: CardDetails = {
      number: values.number ?? '',
      expMonth: Number(month),
      expYear: 2000 + Number(year),
      ...(values.cvc ? { cvc: values.cvc } : {}),
    };
    const idempotencyKey = await idempotencyKeys.keyFor(card, command.publishableKey);
    const { result, settled } = await gateway.createPaymentMethod(card, command.publishableKey, idempotencyKey.key);
    idempotencyKey.finished(settled);
    return result;
  }

  host.send({ type: 'ready' });
}

startControllerFrame();
