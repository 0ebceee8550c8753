// The drop-in's card frame: number, expiry and CVC in one document on the fields origin. It wires
// each input (card-input.ts, as in the split fields' frames), moves focus between them itself, so
// no key typed right after a completed input lands in the wrong one, tells the merchant page each
// input's state and its own height, and answers the page's tokenize, confirm and intent-status
// requests with the payment steps the controller uses (card-payments.ts), reading the card from
// its own inputs: no controller frame, no fields channel. It never sends a card value to the
// merchant page, and uses only the publishable key its page was served for.
import './card-frame.css';
import type { CardBrand } from '../src/shared/card-brands.ts';
import { ENGLISH_FIELD_TEXTS, type FieldTexts } from '../src/i18n/messages.ts';
import { FIELD_KINDS, MAX_CARD_FRAME_HEIGHT } from '../src/shared/protocol-constants.ts';
import type { CardFrameCommand, CardFrameEvent, FieldKind } from '../src/shared/protocol.ts';
import { parseCardFrameCommand } from '../src/shared/wire-schemas.generated.ts';
import { createCardPayments } from './card-payments.ts';
import { wireCardInput, type CardInput } from './card-input.ts';
import { createFieldStyleSheet } from './field-style-sheet.ts';
import { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import { applyFrameStyle } from './frame-style.ts';
import { readFrameParams } from './frame-params.ts';
import { connectToHost } from './host-link.ts';
import { createLocaleSwitch } from './locale-switch.ts';

function startCardFrame(): void {
  const params = readFrameParams(['card']);
  if (!params) return;
  const merchantStyle = createFieldStyleSheet(document);
  let brand: CardBrand = 'unknown';

  const payments = createCardPayments(
    params.key,
    (fields) => Object.fromEntries(fields.map((field) => [field, inputs[field].canonical()])),
    (event) => host.send(event),
  );
  const host = connectToHost<CardFrameCommand, CardFrameEvent>(params, parseCardFrameCommand, handleCommand);
  const element = (id: string) => document.getElementById(id)!;

  const inputs = Object.fromEntries(
    FIELD_KINDS.map((field, index) => {
      const wired = wireCardInput({
        kind: field,
        behaviour: FIELD_BEHAVIOURS[field],
        elements: {
          input: element(field) as HTMLInputElement,
          label: element(`${field}-label`),
          hint: element(`${field}-hint`),
          errorText: element(`${field}-error`),
          stateHolder: element(`${field}-field`),
        },
        brand: () => brand,
        onState: (state) => host.send({ type: 'change', field, state }),
        onBrand(detected) {
          if (field !== 'number') return;
          brand = detected;
          inputs.cvc.publish();
        },
        // In the same document: the next key goes to the next input, whatever the timing.
        onAdvance: () => {
          const next = FIELD_KINDS[index + 1];
          if (next) inputs[next].focusAtEnd();
        },
        onSubmit: () => host.send({ type: 'submit' }),
        onEscape: () => host.send({ type: 'escape', field }),
      });
      wired.input.addEventListener('focus', () => host.send({ type: 'focus', field }));
      wired.input.addEventListener('blur', () => host.send({ type: 'blur', field }));
      return [field, wired];
    }),
  ) as Record<FieldKind, CardInput>;

  const showTexts = (messages: FieldTexts) => {
    for (const field of FIELD_KINDS) inputs[field].setTexts(messages);
  };
  showTexts(ENGLISH_FIELD_TEXTS);
  const locale = createLocaleSwitch(ENGLISH_FIELD_TEXTS as FieldTexts, showTexts);

  document.getElementById('card')!.addEventListener('submit', (event) => event.preventDefault());

  // The element on the page grows with this document (an error line wrapping to two lines).
  let lastHeight = -1;
  new ResizeObserver(() => {
    const height = Math.min(MAX_CARD_FRAME_HEIGHT, Math.ceil(document.documentElement.getBoundingClientRect().height));
    if (height === lastHeight) return;
    lastHeight = height;
    host.send({ type: 'height', height });
  }).observe(document.body);

  function handleCommand(command: CardFrameCommand): void {
    switch (command.type) {
      case 'configure': {
        const { style, locale: wanted } = command.options;
        if (wanted !== undefined) locale.switchTo(wanted);
        // The values and caret are untouched: restyling never loses what was typed.
        if (style !== undefined) applyFrameStyle(merchantStyle, style, (layer, rejections) => host.send({ type: 'style-rejected', layer, rejections }));
        break;
      }
      case 'focus':
        inputs[command.field ?? 'number'].focusAtEnd();
        break;
      case 'reveal-errors':
        for (const field of FIELD_KINDS) inputs[field].revealErrors();
        break;
      case 'clear':
        for (const field of FIELD_KINDS) inputs[field].clear();
        break;
      default:
        payments(command);
    }
  }

  host.send({ type: 'ready' });
}

startCardFrame();
