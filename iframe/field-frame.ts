// The split field's frame: one card input (number, expiry or CVC) on the fields origin. The input
// itself is wired by card-input.ts, as in the drop-in's card frame; this page tells the merchant
// page the field's state and hands the value to the controller frame over the fields channel, to
// the controller holding the field's claim only. Each kind has its own entry (iframe/pages/), so
// a frame loads only its own rules.
import './field-frame.css';
import type { CardBrand } from '../src/shared/card-brands.ts';
import { ENGLISH_FIELD_TEXTS, type FieldTexts } from '../src/i18n/messages.ts';
import type { FieldCommand, FieldEvent, FieldKind } from '../src/shared/protocol.ts';
import { parseFieldCommand } from '../src/shared/wire-schemas.generated.ts';
import type { FieldBehaviour } from './fields/field-behaviour.ts';
import { wireCardInput } from './card-input.ts';
import { createFieldClaim } from './field-claim.ts';
import { openFieldsChannel, type FieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { readFrameParams } from './frame-params.ts';
import { connectToHost } from './host-link.ts';
import { applyFrameStyle, styleRejectionReports } from './frame-style.ts';
import explanationsChunk from 'virtual:payframe-lazy/style-explanations';
import { createFieldStyleSheet } from './field-style-sheet.ts';
import { createLocaleSwitch } from './locale-switch.ts';
import type { createNetworkChoice } from './network-choice.ts';
import type { NetworkSettings } from './networks/network-chooser.ts';

/**
 * Starts the frame of one field kind. `onStarted` adds what only that kind does (the number
 * frame catches autofill for its siblings). A page opened with another kind's parameters stays inert.
 */
export function startFieldFrame(
  kind: FieldKind,
  behaviour: FieldBehaviour,
  onStarted?: (document: Document, channel: FieldsChannel) => void,
  /** The number frame's co-badged network choice (network-choice.ts), passed in so only its page loads it. */
  choosesNetwork?: typeof createNetworkChoice,
): void {
  const params = readFrameParams([kind]);
  if (!params) return;
  document.body.dataset.field = kind;
  const merchantStyle = createFieldStyleSheet(document);
  /** The merchant's own text, which wins over ours in every locale. */
  let merchantText: { label?: string; placeholder?: string } = {};
  let messages: FieldTexts = ENGLISH_FIELD_TEXTS;
  let brand: CardBrand = 'unknown';

  const host = connectToHost<FieldCommand, FieldEvent>(params, parseFieldCommand, handleCommand);
  const channel = openFieldsChannel(params.checkout, handleChannelMessage);
  const claim = createFieldClaim(params.key, channel);

  const networkSettings: NetworkSettings = { locale: 'en' };
  // The chooser sits beside the icon, in the body (the frame is the field's box).
  const networks = choosesNetwork?.(document.body, () => input.publish(), networkSettings);

  const input = wireCardInput({
    kind,
    behaviour,
    elements: {
      input: document.getElementById('input') as HTMLInputElement,
      label: document.getElementById('label')!,
      hint: document.getElementById('hint')!,
      errorText: document.getElementById('error')!,
      stateHolder: document.body,
    },
    brand: () => brand,
    extraState: networks?.follow,
    onState: (state) => host.send({ type: 'change', state }),
    onBrand(detected) {
      if (kind !== 'number') return;
      brand = detected;
      channel.post({ type: 'brand', brand });
    },
    onAdvance: () => host.send({ type: 'advance' }),
    onSubmit: () => host.send({ type: 'submit' }),
    onEscape: () => host.send({ type: 'escape' }),
  });
  input.setTexts(messages);
  input.input.addEventListener('focus', () => host.send({ type: 'focus' }));
  input.input.addEventListener('blur', () => host.send({ type: 'blur' }));
  // The merchant page focuses the iframe element; the input inside follows.
  window.addEventListener('focus', () => input.focusAtEnd());

  const locale = createLocaleSwitch(ENGLISH_FIELD_TEXTS as FieldTexts, (loaded, wanted) => {
    // Before the texts: the number's new state carries the chooser's label in this locale.
    networkSettings.locale = wanted;
    messages = loaded;
    input.setTexts(messages, merchantText);
  });

  function handleCommand(command: FieldCommand): void {
    switch (command.type) {
      case 'configure': {
        const { placeholder, label, disabled, style, locale: wanted, network } = command.options;
        networkSettings.preferred = network;
        // Text only, never markup: a property and textContent, nothing the HTML parser reads.
        if (placeholder !== undefined) merchantText = { ...merchantText, placeholder };
        if (label !== undefined) merchantText = { ...merchantText, label };
        input.setTexts(messages, merchantText);
        if (wanted !== undefined) void locale.switchTo(wanted);
        if (disabled !== undefined) input.input.disabled = disabled;
        // The value and caret are untouched: restyling never loses what was typed.
        // What a refusal should have been is a chunk of its own: most merchants' styles never need it.
        if (style !== undefined)
          applyFrameStyle(merchantStyle, style, (layer, rejections) =>
            void (import(/* @vite-ignore */ explanationsChunk) as Promise<typeof import('../src/shared/style-explanations.ts')>).then(({ explainStyleRejection }) =>
              host.send({ type: 'style-rejected', layer, rejections: styleRejectionReports(rejections, explainStyleRejection) }),
            ),
          );
        break;
      }
      case 'focus':
        input.focusAtEnd();
        break;
      case 'reveal-errors':
        input.revealErrors();
        break;
      case 'clear':
        input.clear();
        break;
    }
  }

  function handleChannelMessage(message: FieldsChannelMessage): void {
    switch (message.type) {
      case 'claim':
        claim.claimed(message);
        break;
      case 'collect': {
        // The value goes to the controller that holds this field's claim, and to no other; a
        // co-badged number's with its chosen network (the chooser may still be loading).
        if (!claim.owns(message.controllerId)) break;
        const value = input.canonical();
        void (networks?.chosen(value) ?? Promise.resolve(undefined)).then((network) =>
          channel.post({ type: 'value', collectId: message.collectId, field: kind, value, ...(network ? { network } : {}) }),
        );
        break;
      }
      case 'brand':
        if (kind === 'cvc' && message.brand !== brand) {
          brand = message.brand;
          input.publish();
        }
        break;
      case 'brand-query':
        if (kind === 'number') channel.post({ type: 'brand', brand });
        break;
      case 'autofill':
        // Filled by the browser into the number frame: shown here as if typed, focus untouched.
        if (message.field === kind) input.fill(message.value);
        break;
      default:
        break;
    }
  }

  onStarted?.(document, channel);
  // A controller that started before this frame claims again.
  channel.post({ type: 'claim-query' });
  if (kind === 'cvc') channel.post({ type: 'brand-query' });
  host.send({ type: 'ready' });
}
