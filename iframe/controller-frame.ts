// The controller frame: one hidden page per checkout on the fields origin. On the merchant
// page's tokenize or confirm command it gathers the values from the field frames over the fields
// channel, checks them again, tokenizes or confirms the merchant's PaymentIntent with the
// configured gateway (retrying what is safe, under one Idempotency-Key) and answers with the
// token, the intent's status, a challenge URL or a typed error; on intent-status it reads the
// intent again. It never sends a card value to the merchant page. It uses only the publishable
// key its page was served for, never one from the merchant page.
import { messageFor } from '../src/shared/errors.ts';
import { FIELD_KINDS } from '../src/shared/protocol-constants.ts';
import type { CheckoutError, ConfirmResult, ControllerCommand, ControllerEvent, FieldKind, TokenizeResult } from '../src/shared/protocol.ts';
import { parseControllerCommand } from '../src/shared/wire-schemas.generated.ts';
import { randomId } from '../src/shared/random-id.ts';
import { brandRulesFor } from './fields/card-brand.ts';
import { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import { openFieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { readFrameParams } from './frame-params.ts';
import { createStripeCompatibleGateway } from './gateway/stripe-compatible-gateway.ts';
import type { CardDetails } from './gateway/gateway-adapter.ts';
import { IdempotencyKeys } from './gateway/idempotency-keys.ts';
import { readGatewayUrl } from './gateway-config.ts';
import { readChallengeOrigins } from './challenge-origins.ts';
import { loadMessages } from './locale-messages.ts';
import { ENGLISH, type Messages } from '../src/i18n/messages.ts';
import { connectToHost } from './host-link.ts';

const COLLECT_TIMEOUT_MS = 3_000;

type CollectedValues = Partial<Record<FieldKind, string>>;
type CardCommand = Extract<ControllerCommand, { type: 'tokenize' | 'confirm' }>;

function startControllerFrame(): void {
  const params = readFrameParams(['controller']);
  if (!params) return;
  const { key } = params;
  const gatewayUrl = readGatewayUrl();
  const gateway = gatewayUrl ? createStripeCompatibleGateway(gatewayUrl, readChallengeOrigins(gatewayUrl)) : undefined;
  const idempotencyKeys = new IdempotencyKeys();
  // Apart from tokenizations': a key belongs to one endpoint, and a confirm's to one intent.
  const confirmIdempotencyKeys = new IdempotencyKeys();

  // Made here, never read from the URL: the fields answer only the controller holding their claim.
  const controllerId = randomId();
  const claim = () => channel.post({ type: 'claim', controllerId, key });
  let conflictReported = false;
  const pendingCollects = new Map<string, (message: FieldsChannelMessage & { type: 'value' }) => void>();
  const channel = openFieldsChannel(params.checkout, (message) => {
    if (message.type === 'value') pendingCollects.get(message.collectId)?.(message);
    else if (message.type === 'claim-query') claim();
    else if (message.type === 'claim-conflict' && !conflictReported && (message.refused === controllerId || message.pinned === controllerId)) {
      conflictReported = true;
      host.send({ type: 'fields-claimed', refused: message.refused === controllerId });
    }
  });
  const host = connectToHost<ControllerCommand, ControllerEvent>(params, parseControllerCommand, handleCommand);
  claim();

  /** One tokenization at a time: a second command while one runs gets the same result. */
  let inFlight: Promise<TokenizeResult> | undefined;
  /** Likewise one confirm at a time: one submit, at most one payment. */
  let confirmInFlight: Promise<ConfirmResult> | undefined;

  function handleCommand(command: ControllerCommand): void {
    if (command.type === 'localize') {
      // The page's own texts in the checkout's locale: the page carries English only.
      void loadMessages(command.locale, ENGLISH as Messages).then((messages) => host.send({ type: 'messages', locale: command.locale, messages }));
      return;
    }
    const { requestId } = command;
    switch (command.type) {
      case 'tokenize':
        inFlight ??= tokenize(command).finally(() => {
          inFlight = undefined;
        });
        void inFlight.then((result) => host.send({ type: 'tokenize-result', requestId, result }));
        break;
      case 'confirm':
        confirmInFlight ??= confirm(command).finally(() => {
          confirmInFlight = undefined;
        });
        void confirmInFlight.then((result) => host.send({ type: 'confirm-result', requestId, result }));
        break;
      case 'intent-status':
        void intentStatus(command).then((result) => host.send({ type: 'intent-status-result', requestId, result }));
        break;
    }
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
      channel.post({ type: 'collect', collectId, controllerId });
    });
  }

  function fieldError(field: FieldKind, values: CollectedValues): CheckoutError | undefined {
    const brand = brandRulesFor(values.number ?? '').brand;
    const evaluation = FIELD_BEHAVIOURS[field].evaluate(values[field] ?? '', { brand, now: new Date() });
    if (evaluation.complete) return undefined;
    const code = evaluation.invalid ?? evaluation.incomplete;
    return { code, message: messageFor(code), field };
  }

  /** The card from the field frames, checked again here: a tokenize and a confirm read it alike. */
  async function collectCard(command: CardCommand): Promise<{ card: CardDetails } | { error: CheckoutError }> {
    // Number and expiry are always required; the CVC when the checkout shows a CVC field.
    const fields = FIELD_KINDS.filter((field) => field !== 'cvc' || command.fields.includes('cvc'));
    const values = await collect(fields);
    if (!values) return { error: { code: 'fields_unavailable', message: messageFor('fields_unavailable') } };
    for (const field of fields) {
      const error = fieldError(field, values);
      if (error) return { error };
    }
    const [month = '', year = ''] = (values.expiry ?? '').split('/');
    return {
      card: {
        number: values.number ?? '',
        expMonth: Number(month),
        expYear: 2000 + Number(year),
        ...(values.cvc ? { cvc: values.cvc } : {}),
      },
    };
  }

  const gatewayUnavailable = (): { error: CheckoutError } => ({ error: { code: 'gateway_unavailable', message: messageFor('gateway_unavailable') } });

  async function tokenize(command: CardCommand): Promise<TokenizeResult> {
    if (!gateway) return gatewayUnavailable();
    const collected = await collectCard(command);
    if ('error' in collected) return collected;
    const idempotencyKey = await idempotencyKeys.keyFor(collected.card, key);
    const { result, settled } = await gateway.createPaymentMethod(collected.card, key, idempotencyKey.key);
    idempotencyKey.finished(settled);
    return result;
  }

  async function confirm(command: Extract<ControllerCommand, { type: 'confirm' }>): Promise<ConfirmResult> {
    if (!gateway) return gatewayUnavailable();
    const collected = await collectCard(command);
    if ('error' in collected) return collected;
    // The key is reused only for the same card on the same intent, after a try that got no answer.
    const idempotencyKey = await confirmIdempotencyKeys.keyFor(collected.card, `${key} ${command.clientSecret} ${command.returnUrl ?? ''}`);
    const { result, settled } = await gateway.confirmPaymentIntent(collected.card, command.clientSecret, key, idempotencyKey.key, command.returnUrl);
    idempotencyKey.finished(settled);
    return result;
  }

  async function intentStatus(command: Extract<ControllerCommand, { type: 'intent-status' }>) {
    if (!gateway) return gatewayUnavailable();
    return (await gateway.retrievePaymentIntent(command.clientSecret, key)).result;
  }

  host.send({ type: 'ready' });
}

startControllerFrame();
