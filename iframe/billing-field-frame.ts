// A split billing field's frame: the cardholder name, the billing country or the billing postal
// code, alone in a frame on the fields origin (<payframe-card-name>, <payframe-card-country>,
// <payframe-card-postal>). The input, its checks, the country list, the postal formats and the texts
// in every locale are the drop-in's billing input (billing-inputs.ts), one per frame. Like a card
// field's frame, it tells the merchant page the state only, and hands the value over the fields
// channel to the controller holding the field's claim, and to no other. The country frame tells the
// controller its choice over that channel, and the controller tells the postal frame, whose format
// follows it: the merchant page can neither read nor steer it.
import './field-frame.css';
import './billing-field-frame.css';
import { isRightToLeft } from '../src/i18n/messages.ts';
import type { FieldCommand, FieldEvent } from '../src/shared/protocol.ts';
import { parseFieldCommand } from '../src/shared/wire-schemas.generated.ts';
import { mountBillingInputs } from './billing-inputs.ts';
import { createFieldClaim } from './field-claim.ts';
import { openFieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { createFieldStyleSheet } from './field-style-sheet.ts';
import { readFrameParams } from './frame-params.ts';
import { applyFrameStyle, styleRejectionReports } from './frame-style.ts';
import { connectToHost } from './host-link.ts';
import { loadMessages } from './locale-messages.ts';
import explanationsChunk from 'virtual:payframe-lazy/style-explanations';

export function startBillingFieldFrame(kind: 'name' | 'country' | 'postal'): void {
  const params = readFrameParams([kind]);
  if (!params) return;
  document.body.dataset.field = kind;
  const merchantStyle = createFieldStyleSheet(document);
  const host = connectToHost<FieldCommand, FieldEvent>(params, parseFieldCommand, handleCommand);
  const channel = openFieldsChannel(params.checkout, handleChannelMessage);
  const claim = createFieldClaim(params.key, channel);
  let locale = 'en';

  // One input: the frame's own kind, never one the merchant names.
  const inputs = mountBillingInputs(document.body, kind, {
    onState: (_field, state) => host.send({ type: 'change', state }),
    onFocus: () => host.send({ type: 'focus' }),
    onBlur: () => host.send({ type: 'blur' }),
    onSubmit: () => host.send({ type: 'submit' }),
    onEscape: () => host.send({ type: 'escape' }),
    loadMessages,
  })!;
  const input = document.getElementById(kind) as HTMLInputElement | HTMLSelectElement;
  // The merchant page focuses the iframe element; the input inside follows.
  window.addEventListener('focus', () => inputs.focus());
  /** Set once the controller passes on a country frame's choice: the group's `billing-country` no longer sets the format. */
  let followsCountryFrame = false;
  let countryTold: string | undefined;
  /** The country frame: its choice to the controller, when it changed (the shopper's, the prefill's, a clear's). */
  const tellCountry = (again = false) => {
    if (kind !== 'country' || (!again && input.value === countryTold)) return;
    countryTold = input.value;
    channel.post({ type: 'country', country: input.value });
  };
  input.addEventListener('change', () => tellCountry());

  function handleCommand(command: FieldCommand): void {
    switch (command.type) {
      case 'configure': {
        const { placeholder, label, disabled, style, locale: wanted, billing } = command.options;
        // Text only, never markup: attributes, nothing the HTML parser reads. The merchant's label
        // names the input as the visible label on the page does.
        if (placeholder !== undefined && input instanceof HTMLInputElement) input.placeholder = placeholder;
        if (label !== undefined) input.setAttribute('aria-label', label);
        if (disabled !== undefined) input.disabled = disabled;
        if (billing) inputs.prefill(followsCountryFrame ? { name: billing.name } : billing);
        tellCountry();
        if (wanted !== undefined && wanted !== locale) {
          locale = wanted;
          document.documentElement.lang = wanted;
          document.documentElement.dir = isRightToLeft(wanted) ? 'rtl' : 'ltr';
          inputs.setLocale(wanted);
        }
        if (style !== undefined)
          applyFrameStyle(merchantStyle, style, (layer, rejections) =>
            void (import(/* @vite-ignore */ explanationsChunk) as Promise<typeof import('../src/shared/style-explanations.ts')>).then(({ explainStyleRejection }) =>
              host.send({ type: 'style-rejected', layer, rejections: styleRejectionReports(rejections, explainStyleRejection) }),
            ),
          );
        break;
      }
      case 'focus':
        inputs.focus();
        break;
      case 'reveal-errors':
        inputs.revealErrors();
        break;
      case 'clear':
        inputs.clear();
        tellCountry();
        break;
    }
  }

  function handleChannelMessage(message: FieldsChannelMessage): void {
    if (message.type === 'claim') claim.claimed(message);
    else if (message.type === 'country-query') tellCountry(true);
    else if (message.type === 'billing-country' && kind === 'postal' && claim.owns(message.controllerId)) {
      followsCountryFrame = true;
      inputs.followCountry(message.country || undefined);
    } else if (message.type === 'collect' && claim.owns(message.controllerId)) {
      // An unfinished input answers empty: the controller refuses it with the input's error.
      const read = inputs.read();
      const billing = 'billing' in read ? read.billing : {};
      const value = (kind === 'name' ? billing.name : kind === 'country' ? billing.country : billing.postalCode) ?? '';
      channel.post({ type: 'value', collectId: message.collectId, field: kind, value, ...(billing.country ? { country: billing.country } : {}) });
    }
  }

  // A controller that started before this frame claims again (and passes on the country chosen).
  channel.post({ type: 'claim-query' });
  tellCountry();
  host.send({ type: 'ready' });
}
