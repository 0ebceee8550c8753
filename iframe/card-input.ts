// One card input's wiring on the fields origin, the same in a split field's frame and in the
// drop-in's card frame: formatting as the shopper types (caret kept, separators deleted whole),
// judging the value, its error line and the state the merchant page may learn, Enter to submit.
// The value itself never leaves here but through `canonical()`, which only the gateway step reads.
import { CARD_BRAND_NAMES, type CardBrand } from '../src/shared/card-brands.ts';
import type { FieldTexts } from '../src/i18n/messages.ts';
import type { FieldKind, FieldState } from '../src/shared/protocol.ts';
import { caretAfterFormat, deleteAcrossSeparator } from './fields/caret.ts';
import type { FieldBehaviour, FieldContext, FieldEvaluation } from './fields/field-behaviour.ts';

/** The label and placeholder of each kind in a locale's texts; the format goes in the label too (a placeholder is not read by every screen reader). */
const INPUT_SETUP: Record<FieldKind, { texts(messages: FieldTexts): { label: string; hint?: string; placeholder: string }; autocomplete: string; name: string }> = {
  number: { texts: (m) => ({ label: m.numberLabel, placeholder: '1234 1234 1234 1234' }), autocomplete: 'cc-number', name: 'cardnumber' },
  expiry: { texts: (m) => ({ label: m.expiryLabel, hint: m.expiryPlaceholder, placeholder: m.expiryPlaceholder }), autocomplete: 'cc-exp', name: 'exp-date' },
  cvc: { texts: (m) => ({ label: m.cvcLabel, hint: m.cvcPlaceholder, placeholder: m.cvcPlaceholder }), autocomplete: 'cc-csc', name: 'cvc' },
};

export interface CardInputElements {
  input: HTMLInputElement;
  /** The input's label; `hint` (the expected format) is appended to it, in brackets. */
  label: HTMLElement;
  hint?: HTMLElement;
  errorText: HTMLElement;
  /** Gets the `complete` and `invalid` classes the style sheet's state rules select on. */
  stateHolder: HTMLElement;
}

export interface CardInputOptions {
  kind: FieldKind;
  behaviour: FieldBehaviour;
  elements: CardInputElements;
  /** The brand the number input detected (the CVC's length depends on it). */
  brand(): CardBrand;
  /** The state changed (only changes are reported: the page cannot count keystrokes). */
  onState(state: FieldState): void;
  /** The number's value gave a new brand. */
  onBrand?(brand: CardBrand): void;
  /** What the state adds, from the canonical value at each judgement: a co-badged number's networks (network-choice.ts). */
  extraState?: ((canonical: string) => Partial<FieldState>) | undefined;
  /** Complete, nothing more to type, caret at the end: focus may move on. */
  onAdvance(): void;
  onSubmit(): void;
  /** Escape was pressed (not while composing text): reported, never acted on here. */
  onEscape(): void;
}

export interface CardInput {
  readonly kind: FieldKind;
  readonly input: HTMLInputElement;
  /** What the gateway gets: digits, or MM/YY. */
  canonical(): string;
  evaluate(): FieldEvaluation;
  /** Judges the value again (the brand or the texts changed). */
  publish(): void;
  /** Shows "incomplete" as if the shopper had left the input (a submit was attempted). */
  revealErrors(): void;
  clear(): void;
  /** A value the browser filled in elsewhere, shown as if typed; focus untouched. */
  fill(value: string): void;
  /** Focus that we move lands at the end, ready to type on. */
  focusAtEnd(): void;
  setTexts(messages: FieldTexts, merchant?: { label?: string; placeholder?: string }): void;
}

export function wireCardInput(options: CardInputOptions): CardInput {
  const { kind, behaviour, elements } = options;
  const { input, label, hint, errorText, stateHolder } = elements;
  const setup = INPUT_SETUP[kind];
  input.autocomplete = setup.autocomplete as AutoFill;
  input.name = setup.name;
  input.inputMode = 'numeric';

  let messages: FieldTexts | undefined;
  /** Left the input at least once, or a submit was attempted: "incomplete" may now be shown. */
  let touched = false;
  /** Empty inputs show "incomplete" only after a submit attempt, not merely on blur. */
  let revealEmpty = false;
  let lastSentState = '';
  let lastBrand: CardBrand | undefined;
  let lastShown: CardBrand | undefined;
  // The number input's brand icon (`<id>-icon`: a cell of brand-icons.svg by the brand's position in
  // CARD_BRAND_NAMES, whose keys are CARD_BRANDS in order, so the frame holds one table, not two) and
  // the brand's name that its aria-describedby reads (`<id>-brand`); other inputs have neither.
  const icon = document.getElementById(`${input.id}-icon`);
  const brandName = document.getElementById(`${input.id}-brand`);

  const context = (): FieldContext => ({ brand: options.brand(), now: new Date() });
  const evaluate = () => behaviour.evaluate(input.value, context());

  function stateOf(evaluation: FieldEvaluation): FieldState {
    const showIncomplete = touched && !evaluation.complete && (!evaluation.empty || revealEmpty);
    const errorCode = evaluation.invalid ?? (showIncomplete ? evaluation.incomplete : undefined);
    return {
      empty: evaluation.empty,
      complete: evaluation.complete,
      valid: evaluation.invalid === undefined,
      ...(kind === 'number' ? { brand: evaluation.brand ?? 'unknown' } : {}),
      ...(errorCode && messages ? { error: { code: errorCode, message: messages[errorCode] } } : {}),
      ...options.extraState?.(behaviour.canonical(input.value)),
    };
  }

  function publish(): FieldEvaluation {
    const evaluation = evaluate();
    const state = stateOf(evaluation);
    input.setAttribute('aria-invalid', String(state.error !== undefined));
    errorText.textContent = state.error?.message ?? '';
    stateHolder.classList.toggle('invalid', state.error !== undefined);
    stateHolder.classList.toggle('complete', state.complete);
    const serialized = JSON.stringify(state);
    if (serialized !== lastSentState) {
      lastSentState = serialized;
      options.onState(state);
    }
    if (evaluation.brand && evaluation.brand !== lastBrand) {
      lastBrand = evaluation.brand;
      options.onBrand?.(evaluation.brand);
    }
    // The icon and name show the network the card goes on: a co-badged card's chosen one, else its brand.
    const shown = state.networks?.preferred ?? evaluation.brand;
    if (shown && shown !== lastShown) {
      lastShown = shown;
      const known = shown !== 'unknown';
      // No style attribute: the stylesheet's neutral card, and no request for the sprite.
      if (known) icon?.style.setProperty('--i', `${Object.keys(CARD_BRAND_NAMES).indexOf(shown)}`);
      else icon?.removeAttribute('style');
      if (brandName) brandName.textContent = known ? CARD_BRAND_NAMES[shown] : '';
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
    if (evaluation.advance && caretAtEnd && document.activeElement === input) options.onAdvance();
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
  input.addEventListener('blur', () => {
    touched = true;
    publish();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      options.onSubmit();
    } else if (event.key === 'Escape' && !event.isComposing) {
      options.onEscape();
    }
  });

  return {
    kind,
    input,
    canonical: () => behaviour.canonical(input.value),
    evaluate,
    publish,
    revealErrors() {
      touched = true;
      revealEmpty = true;
      publish();
    },
    clear() {
      input.value = '';
      touched = false;
      revealEmpty = false;
      publish();
    },
    fill(value) {
      input.value = behaviour.format(value, context());
      touched = true;
      publish();
    },
    focusAtEnd() {
      if (document.activeElement === input) return;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    },
    setTexts(texts, merchant = {}) {
      messages = texts;
      const own = setup.texts(texts);
      label.textContent = merchant.label ?? own.label;
      // The merchant's own label is the whole name, so it matches what the page shows.
      if (hint) hint.textContent = own.hint && merchant.label === undefined ? ` (${own.hint})` : '';
      input.placeholder = merchant.placeholder ?? own.placeholder;
      publish();
    },
  };
}
