// The field frame: one card input (number, expiry or CVC) on the fields origin. It formats and
// judges what the shopper types, tells the merchant page only the field's state, and hands
// its value to the controller frame over the fields channel when a tokenization asks for it.
// Each kind has its own page and entry (iframe/pages/), so a frame loads only its own rules.
import './field-frame.css';
import type { CardBrand } from '../src/shared/card-brands.ts';
import { ENGLISH_FIELD_TEXTS, isRightToLeft, type FieldTexts, type Locale } from '../src/i18n/messages.ts';
import type { FieldCommand, FieldEvent, FieldKind, FieldState, FieldStyleLayers } from '../src/shared/protocol.ts';
import { parseFieldCommand } from '../src/shared/wire-schemas.generated.ts';
import { mergeFieldStyles, sanitizeFieldStyle } from '../src/shared/style-sanitizer.ts';
import { caretAfterFormat, deleteAcrossSeparator } from './fields/caret.ts';
import type { FieldBehaviour, FieldContext, FieldEvaluation } from './fields/field-behaviour.ts';
import { createFieldStyleSheet } from './field-style-sheet.ts';
import { openFieldsChannel, type FieldsChannel, type FieldsChannelMessage } from './fields-channel.ts';
import { createFieldClaim } from './field-claim.ts';
import { readFrameParams } from './frame-params.ts';
import { loadMessages } from './locale-messages.ts';
import { connectToHost } from './host-link.ts';

interface InputSetup {
  /** The input's own label and placeholder in a locale, unless the merchant gave theirs. */
  texts(messages: FieldTexts): { label: string; placeholder: string };
  autocomplete: string;
  name: string;
}

const INPUT_SETUP: Record<FieldKind, InputSetup> = {
  number: { texts: (m) => ({ label: m.numberLabel, placeholder: '1234 1234 1234 1234' }), autocomplete: 'cc-number', name: 'cardnumber' },
  // The format in the label too: a placeholder is not read by every screen reader.
  expiry: { texts: (m) => ({ label: `${m.expiryLabel} (${m.expiryPlaceholder})`, placeholder: m.expiryPlaceholder }), autocomplete: 'cc-exp', name: 'exp-date' },
  cvc: { texts: (m) => ({ label: `${m.cvcLabel} (${m.cvcPlaceholder})`, placeholder: m.cvcPlaceholder }), autocomplete: 'cc-csc', name: 'cvc' },
};

/**
 * Starts the frame of one field kind. `onStarted` adds what only that kind does (the number
 * frame catches autofill for its siblings). A page opened with another kind's parameters stays inert.
 */
export function startFieldFrame(kind: FieldKind, behaviour: FieldBehaviour, onStarted?: (document: Document, channel: FieldsChannel) => void): void {
  const params = readFrameParams([kind]);
  if (!params) return;
  const setup = INPUT_SETUP[kind];

  const input = document.getElementById('input') as HTMLInputElement;
  const label = document.getElementById('label') as HTMLLabelElement;
  const errorText = document.getElementById('error') as HTMLElement;
  let messages: FieldTexts = ENGLISH_FIELD_TEXTS;
  let locale: Locale = 'en';
  /** The merchant's own text, which wins over ours in every locale. */
  let merchantText: { label?: string; placeholder?: string } = {};
  function showTexts(): void {
    const texts = setup.texts(messages);
    label.textContent = merchantText.label ?? texts.label;
    input.placeholder = merchantText.placeholder ?? texts.placeholder;
  }
  showTexts();
  input.autocomplete = setup.autocomplete as AutoFill;
  input.name = setup.name;
  input.inputMode = 'numeric';
  document.body.dataset.field = kind;
  const merchantStyle = createFieldStyleSheet(document);

  let brand: CardBrand = 'unknown';
  /** Left the field at least once, or a submit was attempted: "incomplete" may now be shown. */
  let touched = false;
  let lastSentState = '';

  const context = (): FieldContext => ({ brand, now: new Date() });

  const host = connectToHost<FieldCommand, FieldEvent>(params, parseFieldCommand, handleCommand);
  const channel = openFieldsChannel(params.checkout, handleChannelMessage);
  const claim = createFieldClaim(params.key, channel);

  /** Empty fields show "incomplete" only after a submit attempt, not merely on blur. */
  let revealEmpty = false;

  function stateOf(evaluation: FieldEvaluation): FieldState {
    const showIncomplete = touched && !evaluation.complete && (!evaluation.empty || revealEmpty);
    const errorCode = evaluation.invalid ?? (showIncomplete ? evaluation.incomplete : undefined);
    return {
      empty: evaluation.empty,
      complete: evaluation.complete,
      valid: evaluation.invalid === undefined,
      ...(kind === 'number' ? { brand: evaluation.brand ?? 'unknown' } : {}),
      ...(errorCode ? { error: { code: errorCode, message: messages[errorCode] } } : {}),
    };
  }

  function publish(): FieldEvaluation {
    const evaluation = behaviour.evaluate(input.value, context());
    const state = stateOf(evaluation);
    input.setAttribute('aria-invalid', String(state.error !== undefined));
    errorText.textContent = state.error?.message ?? '';
    document.body.classList.toggle('invalid', state.error !== undefined);
    document.body.classList.toggle('complete', state.complete);
    // Only state changes cross to the merchant page, so it cannot count keystrokes.
    const serialized = JSON.stringify(state);
    if (serialized !== lastSentState) {
      lastSentState = serialized;
      host.send({ type: 'change', state });
    }
    if (kind === 'number' && evaluation.brand && evaluation.brand !== brand) {
      brand = evaluation.brand;
      channel.post({ type: 'brand', brand });
    }
    return evaluation;
  }

  function reformat(): void {
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    const formatted = behaviour.format(raw, context());
    if (formatted !== raw) {
      input.value = formatted;
      const position = caretAfterFormat(raw, caret, formatted);
      input.setSelectionRange(position, position);
    }
    const evaluation = publish();
    const caretAtEnd = (input.selectionStart ?? 0) === input.value.length;
    if (evaluation.advance && caretAtEnd && document.activeElement === input) host.send({ type: 'advance' });
  }

  input.addEventListener('beforeinput', (event) => {
    const direction = event.inputType === 'deleteContentBackward' ? 'backward' : event.inputType === 'deleteContentForward' ? 'forward' : undefined;
    if (!direction) return;
    const edit = deleteAcrossSeparator(input.value, input.selectionStart ?? 0, input.selectionEnd ?? 0, direction);
    if (!edit) return;
    event.preventDefault();
    input.value = edit.value;
    input.setSelectionRange(edit.caret, edit.caret);
    reformat();
  });
  input.addEventListener('input', reformat);
  input.addEventListener('focus', () => host.send({ type: 'focus' }));
  input.addEventListener('blur', () => {
    touched = true;
    publish();
    host.send({ type: 'blur' });
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      host.send({ type: 'submit' });
    }
  });
  /** Focus that we move (auto-advance, a label click) lands at the end, ready to type on. */
  function focusAtEnd(): void {
    if (document.activeElement === input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
  // The merchant page focuses the iframe element; the input inside follows.
  window.addEventListener('focus', focusAtEnd);

  /**
   * The allowlist is enforced here and only here: each layer (the group's style, the field's
   * own) is sanitized on its own, so the merchant is told which of its properties was refused.
   */
  function applyMerchantStyle(layers: FieldStyleLayers): void {
    const theme = sanitizeFieldStyle(layers.theme);
    const group = sanitizeFieldStyle(layers.group);
    const own = sanitizeFieldStyle(layers.own);
    merchantStyle.apply(mergeFieldStyles(mergeFieldStyles(theme.style, group.style), own.style));
    for (const [layer, { rejections }] of [['theme', theme], ['group', group], ['own', own]] as const) {
      if (rejections.length === 0) continue;
      const reports = rejections.slice(0, 100).map(({ code, property, message }) => ({ code, property: property.slice(0, 200), message: message.slice(0, 300) }));
      host.send({ type: 'style-rejected', layer, rejections: reports });
    }
  }

  /** Relabels the field and re-says its error in `wanted`; the value and caret are untouched. */
  function switchLocale(wanted: Locale): void {
    locale = wanted;
    document.documentElement.lang = wanted;
    document.documentElement.dir = isRightToLeft(wanted) ? 'rtl' : 'ltr';
    void loadMessages(wanted, ENGLISH_FIELD_TEXTS as FieldTexts).then((loaded) => {
      if (locale !== wanted) return;
      messages = loaded;
      showTexts();
      publish();
    });
  }

  function handleCommand(command: FieldCommand): void {
    switch (command.type) {
      case 'configure': {
        const { placeholder, label: labelText, disabled, style, locale: wanted } = command.options;
        // Text only, never markup: a property and textContent, nothing the HTML parser reads.
        if (placeholder !== undefined) merchantText = { ...merchantText, placeholder };
        if (labelText !== undefined) merchantText = { ...merchantText, label: labelText };
        showTexts();
        if (wanted !== undefined && wanted !== locale) switchLocale(wanted);
        if (disabled !== undefined) input.disabled = disabled;
        // The value and caret are untouched: restyling never loses what was typed.
        if (style !== undefined) applyMerchantStyle(style);
        break;
      }
      case 'focus':
        focusAtEnd();
        break;
      case 'reveal-errors':
        touched = true;
        revealEmpty = true;
        publish();
        break;
      case 'clear':
        input.value = '';
        touched = false;
        revealEmpty = false;
        publish();
        break;
    }
  }

  function handleChannelMessage(message: FieldsChannelMessage): void {
    switch (message.type) {
      case 'claim':
        claim.claimed(message);
        break;
      case 'collect':
        // The value goes to the controller that holds this field's claim, and to no other.
        if (claim.owns(message.controllerId)) channel.post({ type: 'value', collectId: message.collectId, field: kind, value: behaviour.canonical(input.value) });
        break;
      case 'brand':
        if (kind === 'cvc' && message.brand !== brand) {
          brand = message.brand;
          publish();
        }
        break;
      case 'brand-query':
        if (kind === 'number') channel.post({ type: 'brand', brand });
        break;
      case 'autofill':
        // Filled by the browser into the number frame: shown here as if typed, focus untouched.
        if (message.field === kind) {
          input.value = behaviour.format(message.value, context());
          touched = true;
          publish();
        }
        break;
      default:
        break;
    }
  }

  onStarted?.(document, channel);
  // A controller that started before this frame claims again.
  channel.post({ type: 'claim-query' });
  if (kind === 'cvc') channel.post({ type: 'brand-query' });
  publish();
  host.send({ type: 'ready' });
}
