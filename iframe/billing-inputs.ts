// The drop-in's opt-in billing inputs, in the card frame below the card's: cardholder name,
// country and postal code (Stripe's `billing_details`). A chunk of its own, loaded only when the
// checkout asks for them (`billing-fields`), so a card-only checkout downloads none of it: the
// markup, the country list, the postal formats and every locale's texts. Like the card inputs, they
// tell the page their state (empty, complete, an error), never their values, which go to the
// gateway with the card. Fields origin.
import { ENGLISH_BILLING_TEXTS, type BillingTexts } from '../src/i18n/billing-messages.ts';
import type { Locale } from '../src/i18n/messages.ts';
import type { BillingErrorCode } from '../src/shared/errors.ts';
import type { BillingField, CheckoutError, FieldState } from '../src/shared/protocol.ts';
import { BILLING_FIELDS } from '../src/shared/billing-fields.ts';
import { billingDefaults, billingFieldsOf } from './billing-options.ts';
import { countryOptions } from './fields/countries.ts';
import { isPostalCode, normalizePostalCode } from './fields/postal-code.ts';
import type { BillingDetails } from './gateway/gateway-adapter.ts';
import type { loadMessages } from './locale-messages.ts';

export interface BillingEvents {
  onState(field: BillingField, state: FieldState): void;
  onFocus(field: BillingField): void;
  onBlur(field: BillingField): void;
  onSubmit(): void;
  onEscape(field: BillingField): void;
  /** The card frame's locale loader, passed in: this chunk imports nothing from the frame's inline script. */
  loadMessages: typeof loadMessages;
}

export interface BillingInputs {
  /** The values for the gateway, or the first input's error (then every error is shown). */
  read(): { billing: BillingDetails } | { error: CheckoutError };
  /** The merchant's `cardholder-name` and `billing-country`, as written. */
  prefill(known: { name?: string | undefined; country?: string | undefined }): void;
  /** The country another frame's country input chose (split fields), which the postal code's format follows; undefined for none. */
  followCountry(country: string | undefined): void;
  setLocale(locale: Locale): void;
  focus(field?: BillingField): void;
  revealErrors(): void;
  clear(): void;
}

const STYLES = `select{display:block;width:100%;height:100%;margin:0;padding:0 var(--payframe-spacing-inline,12px);border:0;outline:none;background-color:var(--payframe-color-background,transparent);font:inherit;font-size:var(--payframe-font-size-base,16px);color:inherit}#name{direction:inherit}`;

const LABELS: Record<BillingField, keyof BillingTexts> = { name: 'nameLabel', postal: 'postalLabel', country: 'countryLabel' };
const INCOMPLETE: Record<BillingField, BillingErrorCode> = { name: 'incomplete_name', postal: 'incomplete_postal', country: 'incomplete_country' };

/** An element with attributes and children; built, not parsed (the frame's CSP requires Trusted Types for HTML). */
function element(tag: string, attributes: Record<string, string>, ...children: Node[]): HTMLElement {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

function fieldElement(field: BillingField): HTMLElement {
  const shared = { id: field, 'aria-describedby': `${field}-error`, 'aria-invalid': 'false' };
  const control =
    field === 'country'
      ? element('select', { ...shared, name: 'country', autocomplete: 'country' })
      : element('input', { ...shared, type: 'text', name: field === 'name' ? 'ccname' : 'postal', autocomplete: field === 'name' ? 'cc-name' : 'postal-code', spellcheck: 'false', autocorrect: 'off', autocapitalize: field === 'name' ? 'words' : 'characters' });
  return element('div', { class: 'field', id: `${field}-field` }, element('label', { for: field, id: `${field}-label` }), element('div', { class: 'box' }, control), element('div', { class: 'error', id: `${field}-error` }));
}

/** Lays out the inputs `billing-fields` names (undefined when it names none) and wires them. */
export function mountBillingInputs(form: HTMLElement, attribute: string, events: BillingEvents): BillingInputs | undefined {
  const { fields, unknown } = billingFieldsOf(attribute);
  // In the frame's console, which the merchant's DevTools show with the page's.
  for (const word of unknown) console.warn(`Payframe billing-fields: "${word}" is not a billing input (${BILLING_FIELDS.join(', ')}); left out.`);
  if (!fields.length) return undefined;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  // First, so the merchant's style sheet (adopted at start) still comes after and wins.
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];

  // The name on a row of its own; country and postal code side by side, like expiry and CVC.
  const pair = fields.filter((field) => field !== 'name');
  if (fields.includes('name')) form.append(fieldElement('name'));
  if (pair.length) form.append(element('div', { class: 'row' }, ...pair.map(fieldElement)));

  const control = (field: BillingField) => document.getElementById(field) as HTMLInputElement | HTMLSelectElement;
  let texts: BillingTexts = ENGLISH_BILLING_TEXTS;
  let locale: Locale = 'en';
  let fixedCountry: string | undefined;
  const touched = new Set<BillingField>();
  let revealEmpty = false;
  const lastSent = new Map<BillingField, string>();

  const country = () => (fields.includes('country') ? control('country').value || undefined : fixedCountry);
  const valueOf = (field: BillingField) => (field === 'postal' ? normalizePostalCode(control(field).value) : control(field).value.trim());

  function errorOf(field: BillingField): BillingErrorCode | undefined {
    const value = valueOf(field);
    if (!value) return INCOMPLETE[field];
    if (field === 'postal' && !isPostalCode(value, country())) return 'invalid_postal';
    return undefined;
  }

  function publish(field: BillingField): void {
    const empty = !valueOf(field);
    const code = errorOf(field);
    const shown = code && touched.has(field) && (!empty || revealEmpty) ? code : undefined;
    const state: FieldState = { empty, complete: !code, valid: shown !== 'invalid_postal', ...(shown ? { error: { code: shown, message: texts[shown] } } : {}) };
    control(field).setAttribute('aria-invalid', String(!!shown));
    document.getElementById(`${field}-error`)!.textContent = shown ? texts[shown] : '';
    document.getElementById(`${field}-field`)!.classList.toggle('invalid', !!shown);
    document.getElementById(`${field}-field`)!.classList.toggle('complete', !code);
    const serialized = JSON.stringify(state);
    if (lastSent.get(field) !== serialized) {
      lastSent.set(field, serialized);
      events.onState(field, state);
    }
  }

  const publishAll = () => fields.forEach(publish);

  function showTexts(): void {
    for (const field of fields) document.getElementById(`${field}-label`)!.textContent = texts[LABELS[field]];
    if (fields.includes('country')) {
      const select = control('country') as HTMLSelectElement;
      const chosen = select.value;
      select.replaceChildren(new Option('', ''), ...countryOptions(locale).map(({ code, name }) => new Option(name, code)));
      select.value = chosen;
    }
    publishAll();
  }

  for (const field of fields) {
    const element = control(field);
    element.addEventListener(field === 'country' ? 'change' : 'input', () => {
      publish(field);
      // The postal code's format depends on the country.
      if (field === 'country' && fields.includes('postal')) publish('postal');
    });
    element.addEventListener('focus', () => events.onFocus(field));
    element.addEventListener('blur', () => {
      touched.add(field);
      publish(field);
      events.onBlur(field);
    });
    element.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      if (key === 'Enter' && field !== 'country') {
        event.preventDefault();
        events.onSubmit();
      } else if (key === 'Escape' && !(event as KeyboardEvent).isComposing) {
        events.onEscape(field);
      }
    });
  }
  showTexts();

  return {
    read() {
      const failed = fields.find((field) => errorOf(field));
      if (failed) {
        this.revealErrors();
        const code = errorOf(failed)!;
        return { error: { code, message: texts[code], field: failed } };
      }
      const billing: BillingDetails = {};
      if (fields.includes('name')) billing.name = valueOf('name');
      if (fields.includes('postal')) billing.postalCode = valueOf('postal');
      const chosen = country();
      if (chosen) billing.country = chosen;
      return { billing };
    },
    prefill(written) {
      const known = billingDefaults(written);
      if (known.name !== undefined && fields.includes('name') && !control('name').value) control('name').value = known.name;
      if (known.country !== undefined) {
        fixedCountry = known.country;
        if (fields.includes('country') && !control('country').value) control('country').value = known.country;
      }
      publishAll();
    },
    followCountry(chosen) {
      fixedCountry = chosen;
      publishAll();
    },
    setLocale(wanted) {
      locale = wanted;
      void events.loadMessages(wanted, ENGLISH_BILLING_TEXTS as BillingTexts).then((loaded) => {
        if (locale !== wanted) return;
        texts = loaded;
        showTexts();
      });
    },
    focus(field = fields[0]) {
      if (field) control(field).focus();
    },
    revealErrors() {
      for (const field of fields) touched.add(field);
      revealEmpty = true;
      publishAll();
    },
    clear() {
      for (const field of fields) if (field !== 'country' || !fixedCountry) control(field).value = '';
      if (fixedCountry && fields.includes('country')) control('country').value = fixedCountry;
      touched.clear();
      revealEmpty = false;
      publishAll();
    },
  };
}
