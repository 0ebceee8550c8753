// The split fields' controller frame: one hidden page per checkout on the fields origin. On the
// merchant page's tokenize or confirm request it gathers the values from the field frames over the
// fields channel and hands them to the payment steps (card-payments.ts), which check them again and
// talk to the gateway. It never sends a card value to the merchant page, and uses only the
// publishable key its page was served for, never one from the merchant page. With `pm` (the group's
// `payment-method`) it pays with that saved card and the CVC field's value (controller-saved-card.ts).
import type { ControllerCommand, ControllerEvent, FieldKind } from '../src/shared/protocol.ts';
import { parseControllerCommand } from '../src/shared/wire-schemas.generated.ts';
import { randomId } from '../src/shared/random-id.ts';
import { createCardPayments, type CardValues } from './card-payments.ts';
import { createControllerSavedCard } from './controller-saved-card.ts';
import { brandRulesFor } from './fields/card-brand.ts';
import { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import { openFieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { readFrameParams } from './frame-params.ts';
import { connectToHost } from './host-link.ts';
import { sendPageMessages } from './locale-messages.ts';
import { splitBillingDetails, type SplitBillingField } from './split-billing-values.ts';

const COLLECT_TIMEOUT_MS = 3_000;

function startControllerFrame(): void {
  const params = readFrameParams(['controller']);
  if (!params) return;
  const { key } = params;

  // Made here, never read from the URL: the fields answer only the controller holding their claim.
  const controllerId = randomId();
  const claim = () => channel.post({ type: 'claim', controllerId, key });
  let conflictReported = false;
  const pendingCollects = new Map<string, (message: FieldsChannelMessage & { type: 'value' }) => void>();
  // The country frame's choice, passed on to the billing fields (the postal code's format follows
  // it) by this controller, which their claim pins: over the fields channel, never through the page.
  let country: string | undefined;
  const tellCountry = () => country !== undefined && channel.post({ type: 'billing-country', controllerId, country });
  const channel = openFieldsChannel(params.checkout, (message) => {
    if (message.type === 'value') pendingCollects.get(message.collectId)?.(message);
    else if (message.type === 'country') {
      country = message.country;
      tellCountry();
    } else if (message.type === 'brand-query') savedCard?.answerBrandQuery();
    else if (message.type === 'claim-query') {
      // A billing field that starts late learns the country after the claim that lets it heed it.
      claim();
      tellCountry();
    }
    else if (message.type === 'claim-conflict' && !conflictReported && (message.refused === controllerId || message.pinned === controllerId)) {
      conflictReported = true;
      host.send({ type: 'fields-claimed', refused: message.refused === controllerId });
    }
  });
  const payments = createCardPayments(key, { behaviours: FIELD_BEHAVIOURS, brandRulesFor }, collect, (event) => host.send(event), (values, billing) => (billing.length ? splitBillingDetails(billing, values) : undefined));
  // A saved card (the group's `payment-method`): the CVC field alone, the card from the gateway.
  const savedCard =
    params.pm === undefined
      ? undefined
      : createControllerSavedCard({
          paymentMethod: params.pm,
          key,
          collectCvc: async () => (await collect(['cvc'], []))?.cvc,
          tellBrand: (brand) => channel.post({ type: 'brand', brand }),
          send: (event) => host.send(event),
        });
  const host = connectToHost<ControllerCommand, ControllerEvent>(params, parseControllerCommand, (command) => {
    // A saved card pays (and refuses to tokenize) by its own steps; the rest is the card payments'.
    if (savedCard && (command.type === 'confirm' || command.type === 'tokenize')) return savedCard.handle(command);
    if (command.type === 'saved-card' || command.type === 'localize') savedCard?.handle(command);
    if (command.type === 'localize') sendPageMessages(command.locale, (event) => host.send(event));
    else if (command.type !== 'saved-card') payments(command);
  });
  claim();
  // A country frame that started first tells its choice again.
  channel.post({ type: 'country-query' });

  /** The values of `fields` and `billing` from their frames, or undefined when one does not answer in time. */
  function collect(cardFields: FieldKind[], billing: SplitBillingField[]): Promise<CardValues | undefined> {
    const fields = [...cardFields, ...billing];
    const collectId = randomId();
    const values: CardValues = {};
    return new Promise((resolve) => {
      const finish = (result: CardValues | undefined) => {
        clearTimeout(timer);
        pendingCollects.delete(collectId);
        resolve(result);
      };
      const timer = setTimeout(() => finish(undefined), COLLECT_TIMEOUT_MS);
      pendingCollects.set(collectId, (message) => {
        values[message.field] = message.value;
        if (message.network) values.network = message.network;
        // The country frame's answer is the country; without one, the group's `billing-country` a billing field holds.
        if (message.field === 'country') values.country = message.value;
        else if (message.country && !fields.includes('country')) values.country = message.country;
        if (fields.every((field) => values[field] !== undefined)) finish(values);
      });
      channel.post({ type: 'collect', collectId, controllerId });
    });
  }

  host.send({ type: 'ready' });
}

startControllerFrame();
