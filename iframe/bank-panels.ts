// The drop-in's bank debits, in the card frame: the choice between the card and the bank methods the
// merchant enabled (`payment-methods`, a radio group), the SEPA Direct Debit panel (IBAN with its bank,
// account holder, email, the mandate) and the US bank account panel (routing and account numbers,
// account and holder types, account holder, email, the ACH authorization). A build of its own
// (vite.config.ts, mode `bank`), loaded only by a checkout that enables a bank method, so a card-only
// checkout downloads none of it. Like the card inputs, it tells the page each input's state and the
// chosen method, never a value, its length or digits; the values go only into the confirm request.
// Fields origin.
import { ENGLISH_BANK_TEXTS, type BankTexts } from '../src/i18n/bank-messages.ts';
import type { Locale } from '../src/i18n/messages.ts';
import type { BankErrorCode } from '../src/shared/errors.ts';
import type { BankField } from '../src/shared/bank-fields.ts';
import type { PaymentMethodType } from '../src/shared/protocol-constants.ts';
import type { CardFrameCommand, CardFrameEvent, CheckoutError, FieldState } from '../src/shared/protocol.ts';
import { evaluateEmail, evaluateHolderName, HOLDER_NAME_MAX_LENGTH, normalizeEmail, normalizeHolderName } from './fields/account-holder.ts';
import { loadBankTexts } from './fields/bank-texts.ts';
import type { FieldEvaluation } from './fields/field-behaviour.ts';
import { electronicIban, evaluateIban, formatIban, ibanCaretAfterFormat, ibanDeleteAcrossSeparator, type IbanEvaluation } from './fields/iban-field.ts';
import { buildMandateText } from './fields/mandate-text.ts';
import {
  accountHolderTypeChoice,
  accountNumberField,
  accountTypeChoice,
  ACCOUNT_HOLDER_TYPES,
  ACCOUNT_TYPES,
  evaluateAccountNumber,
  evaluateAccountNumberConfirmation,
  evaluateRoutingNumber,
  maskAccountNumber,
  routingNumberField,
  type AccountHolderType,
  type AccountType,
} from './fields/us-bank-account.ts';
import { createBankDebitConfirm } from './bank-debit-payments.ts';
import { bankDebitParams, type BankDebitDetails } from './gateway/bank-debit-params.ts';

type BankMethod = Exclude<PaymentMethodType, 'card'>;
type TextField = Exclude<BankField, 'payment_method' | 'account_type' | 'account_holder_type'>;
type ChoiceField = 'account_type' | 'account_holder_type';
type PaymentCommand = Extract<CardFrameCommand, { type: 'tokenize' | 'confirm' }>;

export interface BankPanels {
  /**
   * Takes a tokenize or confirm while a bank method is chosen, and answers it (true); anything else is
   * the card frame's (false). A bank debit confirms the PaymentIntent; a tokenize gets a typed error.
   */
  pay(command: CardFrameCommand): boolean;
  /** Every command the card frame takes: a configure's locale and `business-name` (which the mandate names), a clear. */
  follow(command: CardFrameCommand): void;
}

/** Events for the page, in the card frame's protocol. */
export type BankEventSink = (event: Extract<CardFrameEvent, { type: 'change' | 'focus' | 'blur' | 'submit' | 'escape' | 'tokenize-result' | 'confirm-result' }>) => void;

const STYLES = [
  // Whatever the frame shows for the card (its inputs, the billing inputs) hides while a bank method is chosen.
  'form[data-method]:not([data-method=card])>:not(.methods,.panel),.panel{display:none}',
  'form[data-method=sepa_debit]>.sepa_debit,form[data-method=us_bank_account]>.us_bank_account{display:block}',
  'form[data-method=us_bank_account]>.row.us_bank_account{display:grid}',
  'fieldset{margin:0;padding:0;border:0;min-width:0}',
  'legend{padding:0;margin:0 0 calc(var(--payframe-spacing,12px)/2);font-size:14px;line-height:18px;font-weight:500;color:var(--payframe-color-label,#30313d)}',
  '.methods{margin-bottom:8px}.methods>div{display:flex;flex-wrap:wrap;gap:8px}',
  '.option{display:flex;align-items:center;gap:6px;margin:0;padding:8px 12px;border:1px solid var(--payframe-color-border,#868e9c);border-radius:var(--payframe-radius,6px);background:var(--payframe-color-background,#fff);font-size:14px;line-height:18px;font-weight:500;cursor:pointer}',
  '.option:has(input:checked){border-color:var(--payframe-color-primary,#0570de);box-shadow:0 0 0 1px var(--payframe-color-primary,#0570de)}',
  '.option:has(input:focus-visible){box-shadow:0 0 0 3px var(--payframe-focus-ring,rgba(5,112,222,.25))}',
  '.option input{all:revert;margin:0;accent-color:var(--payframe-color-primary,#0570de)}',
  '.choices{display:flex;flex-wrap:wrap;gap:8px}',
  '#iban{direction:ltr;text-transform:uppercase}',
  ':root[dir=rtl] #iban{text-align:right}',
  '.hint{min-height:0;font-size:13px;line-height:18px;color:var(--payframe-color-label,#30313d)}',
  '.mandate{margin:4px 0 0;font-size:12px;line-height:17px;color:var(--payframe-color-label,#30313d)}',
].join('');

/** An element with attributes and children; built, not parsed (the frame's CSP requires Trusted Types for HTML). */
function element(tag: string, attributes: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

const byId = (id: string) => document.getElementById(id)!;

interface TextSetup {
  label: keyof BankTexts;
  placeholder?: keyof BankTexts;
  autocomplete: string;
  inputmode?: string;
  /** The methods whose panel shows it. */
  methods: BankMethod[];
}

// What each text input is: its label, placeholder and autofill hint (none for the numbers: a browser
// keeps no bank accounts, and a stored IBAN would be one more copy of it).
const TEXT_INPUTS: Record<TextField, TextSetup> = {
  iban: { label: 'ibanLabel', placeholder: 'ibanPlaceholder', autocomplete: 'off', methods: ['sepa_debit'] },
  routing_number: { label: 'routingNumberLabel', autocomplete: 'off', inputmode: 'numeric', methods: ['us_bank_account'] },
  account_number: { label: 'accountNumberLabel', autocomplete: 'off', inputmode: 'numeric', methods: ['us_bank_account'] },
  account_number_confirmation: { label: 'accountNumberConfirmationLabel', autocomplete: 'off', inputmode: 'numeric', methods: ['us_bank_account'] },
  account_holder_name: { label: 'holderNameLabel', placeholder: 'holderNamePlaceholder', autocomplete: 'name', methods: ['sepa_debit', 'us_bank_account'] },
  email: { label: 'emailLabel', placeholder: 'emailPlaceholder', autocomplete: 'email', methods: ['sepa_debit', 'us_bank_account'] },
};

const CHOICES: Record<ChoiceField, { legend: keyof BankTexts; options: readonly string[]; texts: (keyof BankTexts)[] }> = {
  account_type: { legend: 'accountTypeLegend', options: ACCOUNT_TYPES, texts: ['accountTypeChecking', 'accountTypeSavings'] },
  account_holder_type: { legend: 'holderTypeLegend', options: ACCOUNT_HOLDER_TYPES, texts: ['holderTypeIndividual', 'holderTypeCompany'] },
};

const METHOD_TEXTS: Record<PaymentMethodType, keyof BankTexts> = { card: 'methodCard', sepa_debit: 'methodSepaDebit', us_bank_account: 'methodUsBankAccount' };

/** Each panel's inputs, in the order they are checked (and laid out). */
const PANEL_FIELDS: Record<BankMethod, (TextField | ChoiceField)[]> = {
  sepa_debit: ['iban', 'account_holder_name', 'email'],
  us_bank_account: ['routing_number', 'account_number', 'account_number_confirmation', 'account_type', 'account_holder_type', 'account_holder_name', 'email'],
};

function textField(field: TextField): HTMLElement {
  const setup = TEXT_INPUTS[field];
  const input = element('input', {
    id: field,
    type: field === 'email' ? 'email' : 'text',
    name: field,
    autocomplete: setup.autocomplete,
    spellcheck: 'false',
    autocorrect: 'off',
    autocapitalize: field === 'account_holder_name' ? 'words' : field === 'iban' ? 'characters' : 'off',
    'aria-describedby': field === 'iban' ? 'iban-bank iban-error' : `${field}-error`,
    'aria-invalid': 'false',
    ...(setup.inputmode ? { inputmode: setup.inputmode } : {}),
    ...(field === 'account_holder_name' ? { maxlength: String(HOLDER_NAME_MAX_LENGTH * 2) } : {}),
  });
  return element(
    'div',
    { class: `field panel ${setup.methods.join(' ')}`, id: `${field}-field` },
    element('label', { for: field, id: `${field}-label` }),
    element('div', { class: 'box' }, input),
    ...(field === 'iban' ? [element('div', { class: 'hint', id: 'iban-bank' })] : []),
    element('div', { class: 'error', id: `${field}-error` }),
  );
}

function choiceField(field: ChoiceField): HTMLElement {
  const { options } = CHOICES[field];
  return element(
    'fieldset',
    { class: 'field', id: `${field}-field`, 'aria-describedby': `${field}-error` },
    element('legend', { id: `${field}-label` }),
    element(
      'div',
      { class: 'choices' },
      ...options.map((value) => element('label', { class: 'option' }, element('input', { type: 'radio', name: field, value, id: `${field}-${value}` }), element('span', { id: `${field}-${value}-text` }))),
    ),
    element('div', { class: 'error', id: `${field}-error` }),
  );
}

/**
 * Lays out the choice and the panels of `methods` (at least one bank method) in the card frame's form,
 * and wires them; `publishableKey` is the key the frame was served for, the only one it pays with.
 */
export function mountBankPanels(form: HTMLElement, methods: readonly PaymentMethodType[], publishableKey: string, send: BankEventSink): BankPanels {
  const confirm = createBankDebitConfirm(publishableKey);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  // First, so the merchant's style sheet (adopted at start) still comes after and wins.
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
  const banks = methods.filter((method): method is BankMethod => method !== 'card');
  let chosen: PaymentMethodType = methods[0] ?? 'card';
  let texts: BankTexts = ENGLISH_BANK_TEXTS;
  let locale: Locale = 'en';
  let businessName = '';
  // The merchant's `bank-account-entry="masked"`: the account number typed once, shown masked (all but
  // its last four digits) while the shopper is elsewhere, instead of typed a second time.
  let masked = false;
  /** The account number while its input shows it masked. */
  let hiddenAccount: string | undefined;

  // The choice: native radios, so arrows move and choose, Tab enters and leaves the group, and a
  // screen reader says "radio button, 2 of 3". Shown only when there is something to choose.
  const choice = element(
    'fieldset',
    { class: 'methods', id: 'payment_method-field' },
    element('legend', { id: 'payment_method-label' }),
    element(
      'div',
      {},
      ...methods.map((method) =>
        element('label', { class: 'option' }, element('input', { type: 'radio', name: 'payment_method', value: method, id: `payment_method-${method}` }), element('span', { id: `payment_method-${method}-text` })),
      ),
    ),
  );
  if (methods.length < 2) choice.hidden = true;
  form.prepend(choice);

  const textFields = (Object.keys(TEXT_INPUTS) as TextField[]).filter((field) => TEXT_INPUTS[field].methods.some((method) => banks.includes(method)));
  const fields = new Set<TextField | ChoiceField>(banks.flatMap((method) => PANEL_FIELDS[method]));
  const panel = (method: BankMethod, ...children: HTMLElement[]) => element('div', { class: `row panel ${method}` }, ...children);
  if (banks.includes('sepa_debit')) form.append(textField('iban'));
  if (banks.includes('us_bank_account')) {
    form.append(textField('routing_number'), panel('us_bank_account', textField('account_number'), textField('account_number_confirmation')), panel('us_bank_account', choiceField('account_type'), choiceField('account_holder_type')));
    // In the row: shown with it, not by the panel rule.
    for (const field of ['account_number', 'account_number_confirmation']) byId(`${field}-field`).classList.remove('panel', 'us_bank_account');
  }
  form.append(textField('account_holder_name'), textField('email'), element('p', { class: `mandate panel ${banks.join(' ')}`, id: 'mandate' }));
  for (const field of ['account_holder_name', 'email']) byId(`${field}-field`).className = `field panel ${banks.join(' ')}`;

  const input = (field: TextField) => byId(field) as HTMLInputElement;
  /** What the shopper typed: the account number's input may show it masked. */
  const valueOf = (field: TextField) => (field === 'account_number' && hiddenAccount !== undefined ? hiddenAccount : input(field).value);
  const chosenValue = (field: ChoiceField | 'payment_method') => form.querySelector<HTMLInputElement>(`input[name=${field}]:checked`)?.value;

  function evaluate(field: TextField | ChoiceField): FieldEvaluation<BankErrorCode> | IbanEvaluation {
    switch (field) {
      case 'iban':
        return evaluateIban(input('iban').value, { allowNonSepa: false });
      case 'routing_number':
        return evaluateRoutingNumber(input(field).value);
      case 'account_number':
        return evaluateAccountNumber(valueOf(field));
      case 'account_number_confirmation':
        return evaluateAccountNumberConfirmation(valueOf('account_number'), input(field).value);
      case 'account_holder_name':
        return evaluateHolderName(input(field).value);
      case 'email':
        return evaluateEmail(input(field).value);
      default: {
        const picked = field === 'account_type' ? accountTypeChoice(chosenValue(field)) : accountHolderTypeChoice(chosenValue(field));
        const incomplete = field === 'account_type' ? 'account_type_required' : 'account_holder_type_required';
        return picked.ok ? { empty: false, complete: true, incomplete, advance: false } : { empty: true, complete: false, incomplete, advance: false };
      }
    }
  }

  const touched = new Set<string>();
  let revealEmpty = false;
  const lastSent = new Map<string, string>();

  function sendState(field: BankField, state: FieldState): void {
    const serialized = JSON.stringify(state);
    if (lastSent.get(field) === serialized) return;
    lastSent.set(field, serialized);
    send({ type: 'change', field, state });
  }

  function publish(field: TextField | ChoiceField): FieldEvaluation<BankErrorCode> {
    const evaluation = evaluate(field);
    const showIncomplete = touched.has(field) && !evaluation.complete && (!evaluation.empty || revealEmpty);
    const code = evaluation.invalid ?? (showIncomplete ? evaluation.incomplete : undefined);
    const message = code ? texts[code] : '';
    const control = field === 'account_type' || field === 'account_holder_type' ? byId(`${field}-field`) : input(field);
    control.setAttribute('aria-invalid', String(!!code));
    byId(`${field}-error`).textContent = message;
    byId(`${field}-field`).classList.toggle('invalid', !!code);
    byId(`${field}-field`).classList.toggle('complete', evaluation.complete);
    if (field === 'iban') byId('iban-bank').textContent = (evaluation as IbanEvaluation).bankName ?? '';
    sendState(field, {
      empty: evaluation.empty,
      complete: evaluation.complete,
      valid: evaluation.invalid === undefined,
      ...(code ? { error: { code, message } } : {}),
      paymentMethodType: chosen as PaymentMethodType,
    });
    return evaluation;
  }

  /** The chosen panel's inputs (without the confirmation when the account number is shown masked instead). */
  const shownFields = () => (chosen === 'card' ? [] : PANEL_FIELDS[chosen].filter((field) => !masked || field !== 'account_number_confirmation'));
  const publishShown = () => shownFields().forEach(publish);

  function choose(method: PaymentMethodType): void {
    chosen = method;
    form.dataset.method = method;
    (byId(`payment_method-${method}`) as HTMLInputElement).checked = true;
    sendState('payment_method', { empty: false, complete: true, valid: true, paymentMethodType: method });
    showMandate();
    publishShown();
  }

  function showMandate(): void {
    const mandate = chosen === 'card' ? undefined : buildMandateText(chosen, businessName, texts);
    byId('mandate').textContent = mandate ? (mandate.ok ? mandate.text : mandate.error.message) : '';
  }

  function showTexts(): void {
    byId('payment_method-label').textContent = texts.methodLegend;
    for (const method of methods) byId(`payment_method-${method}-text`).textContent = texts[METHOD_TEXTS[method]];
    for (const field of textFields) {
      byId(`${field}-label`).textContent = texts[TEXT_INPUTS[field].label];
      const placeholder = TEXT_INPUTS[field].placeholder;
      input(field).placeholder = placeholder ? texts[placeholder] : '';
    }
    if (fields.has('account_type')) {
      for (const field of ['account_type', 'account_holder_type'] as const) {
        const { legend, options, texts: optionTexts } = CHOICES[field];
        byId(`${field}-label`).textContent = texts[legend];
        options.forEach((value, index) => (byId(`${field}-${value}-text`).textContent = texts[optionTexts[index]!]));
      }
    }
    showMandate();
    // Errors shown now read in the new language.
    for (const field of lastSent.keys()) lastSent.delete(field);
    sendState('payment_method', { empty: false, complete: true, valid: true, paymentMethodType: chosen });
    publishShown();
  }

  for (const method of methods) byId(`payment_method-${method}`).addEventListener('change', () => choose(method));
  choice.addEventListener('focusin', () => send({ type: 'focus', field: 'payment_method' }));
  choice.addEventListener('focusout', (event) => {
    if (!choice.contains((event as FocusEvent).relatedTarget as Node | null)) send({ type: 'blur', field: 'payment_method' });
  });

  for (const field of textFields) {
    const control = input(field);
    control.addEventListener('beforeinput', (event) => {
      // Backspace after a group's space (Delete before it) removes the character beyond it, as in the card number.
      const { inputType } = event as InputEvent;
      if (field !== 'iban' || (inputType !== 'deleteContentBackward' && inputType !== 'deleteContentForward')) return;
      const edit = ibanDeleteAcrossSeparator(control.value, control.selectionStart ?? 0, control.selectionEnd ?? 0, inputType === 'deleteContentBackward' ? 'backward' : 'forward');
      if (!edit) return;
      event.preventDefault();
      control.value = formatIban(edit.value);
      const caret = ibanCaretAfterFormat(edit.value, edit.caret, control.value);
      control.setSelectionRange(caret, caret);
      publish(field);
    });
    control.addEventListener('input', () => {
      const format = field === 'iban' ? formatIban : field === 'routing_number' ? routingNumberField.format : field.startsWith('account_number') ? accountNumberField.format : undefined;
      if (format) {
        const raw = control.value;
        const caret = control.selectionStart ?? raw.length;
        const formatted = format(raw, undefined);
        if (formatted !== raw) {
          control.value = formatted;
          const position = field === 'iban' ? ibanCaretAfterFormat(raw, caret, formatted) : Math.max(0, caret - (raw.length - formatted.length));
          control.setSelectionRange(position, position);
        }
      }
      publish(field);
      // The confirmation follows the number it confirms.
      if (field === 'account_number' && input('account_number_confirmation').value) publish('account_number_confirmation');
    });
    control.addEventListener('focus', () => {
      if (field === 'account_number' && hiddenAccount !== undefined) {
        control.value = hiddenAccount;
        hiddenAccount = undefined;
      }
      send({ type: 'focus', field });
    });
    control.addEventListener('blur', () => {
      touched.add(field);
      publish(field);
      if (field === 'account_number' && masked && control.value) {
        hiddenAccount = control.value;
        control.value = maskAccountNumber(hiddenAccount);
      }
      send({ type: 'blur', field });
    });
    control.addEventListener('keydown', (event) => {
      const { key, isComposing } = event as KeyboardEvent;
      if (key === 'Enter') {
        event.preventDefault();
        send({ type: 'submit' });
      } else if (key === 'Escape' && !isComposing) {
        send({ type: 'escape', field });
      }
    });
  }
  for (const field of ['account_type', 'account_holder_type'] as const) {
    if (!fields.has(field)) continue;
    byId(`${field}-field`).addEventListener('change', () => {
      touched.add(field);
      publish(field);
    });
  }

  choose(chosen);
  showTexts();

  /** The chosen panel's values, or its first input's error (then every error of the panel shows). */
  function details(method: BankMethod): { details: BankDebitDetails } | { error: CheckoutError } {
    for (const field of shownFields()) touched.add(field);
    revealEmpty = true;
    let failed: CheckoutError | undefined;
    for (const field of shownFields()) {
      const evaluation = publish(field);
      const code = evaluation.complete ? undefined : (evaluation.invalid ?? evaluation.incomplete);
      if (code && !failed) failed = { code, message: texts[code], field };
    }
    if (failed) return { error: failed };
    const holder = { name: normalizeHolderName(input('account_holder_name').value), email: normalizeEmail(input('email').value) };
    if (method === 'sepa_debit') return { details: { type: method, iban: electronicIban(input('iban').value), ...holder } };
    return {
      details: {
        type: method,
        routingNumber: routingNumberField.canonical(input('routing_number').value),
        accountNumber: accountNumberField.canonical(valueOf('account_number')),
        // Checked above (account_type_required, account_holder_type_required): one of the values Stripe takes.
        accountType: chosenValue('account_type') as AccountType,
        accountHolderType: chosenValue('account_holder_type') as AccountHolderType,
        ...holder,
      },
    };
  }

  function clear(): void {
    for (const field of textFields) input(field).value = '';
    hiddenAccount = undefined;
    for (const radio of form.querySelectorAll<HTMLInputElement>('.row input[type=radio]')) radio.checked = false;
    touched.clear();
    revealEmpty = false;
    publishShown();
  }

  const setupError = (code: BankErrorCode): { error: CheckoutError } => ({ error: { code, message: texts[code], field: 'payment_method' } });

  /** The confirm's params, or the first input's error (every error of the panel is then shown). */
  function read(command: PaymentCommand): { params: URLSearchParams } | { error: CheckoutError } {
    // A bank debit is paid on the PaymentIntent the merchant's server made for it: there is no
    // token to hand the page, and a SetupIntent is not what this checkout saves.
    if (command.type === 'tokenize' || command.clientSecret.startsWith('seti_') || chosen === 'card') return setupError('payment_method_requires_client_secret');
    const panel = details(chosen);
    if ('error' in panel) return panel;
    // The shopper pays having read the mandate naming the merchant: without a name there is none to accept.
    const mandate = buildMandateText(chosen, businessName, texts);
    if (!mandate.ok) return setupError(mandate.error.code);
    return { params: bankDebitParams(panel.details) };
  }

  return {
    pay(command) {
      if (chosen === 'card' || (command.type !== 'tokenize' && command.type !== 'confirm')) return false;
      const request = read(command);
      if (command.type === 'tokenize') send({ type: 'tokenize-result', requestId: command.requestId, result: request as { error: CheckoutError } });
      else void ('error' in request ? Promise.resolve(request) : confirm(command.clientSecret, request.params)).then((result) => send({ type: 'confirm-result', requestId: command.requestId, result }));
      return true;
    },
    follow(command) {
      if (command.type === 'clear') return clear();
      if (command.type !== 'configure') return;
      const { locale: wanted, defaults } = command.options;
      if (defaults) {
        businessName = defaults.business ?? '';
        showMandate();
        masked = defaults.accountEntry === 'masked';
        if (fields.has('account_number_confirmation')) byId('account_number_confirmation-field').hidden = masked;
        publishShown();
      }
      if (wanted && wanted !== locale) {
        locale = wanted;
        void loadBankTexts(wanted).then((loaded) => {
          if (locale !== wanted) return;
          texts = loaded;
          showTexts();
        });
      }
    },
  };
}
