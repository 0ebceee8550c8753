// Browser autofill across frames: a saved card is offered from the card number's frame, where the
// browser also fills whatever expiry and CVC inputs it finds. So the number frame carries hidden
// inputs for them, and routes what lands there to the expiry and CVC frames over the fields
// channel (fields origin only, never the merchant page), then empties them. Fields origin only.
import type { FieldsChannel } from './fields-channel.ts';

interface Catcher {
  autocomplete: AutoFill;
  name: string;
}

const CATCHERS: Catcher[] = [
  { autocomplete: 'cc-exp', name: 'exp-date' },
  { autocomplete: 'cc-exp-month', name: 'exp-month' },
  { autocomplete: 'cc-exp-year', name: 'exp-year' },
  { autocomplete: 'cc-csc', name: 'cvc' },
];

/** Adds the hidden inputs to the number frame's document and routes what autofill puts in them. */
export function catchAutofill(document: Document, channel: FieldsChannel): void {
  // Hidden from assistive technology and out of the tab order, but not display:none, which
  // browsers skip when they autofill.
  const holder = document.createElement('div');
  holder.className = 'autofill-catchers';
  holder.setAttribute('aria-hidden', 'true');
  const inputs = new Map<AutoFill, HTMLInputElement>();
  for (const { autocomplete, name } of CATCHERS) {
    const input = document.createElement('input');
    input.type = 'text';
    input.tabIndex = -1;
    input.name = name;
    input.autocomplete = autocomplete;
    input.inputMode = 'numeric';
    holder.append(input);
    inputs.set(autocomplete, input);
  }
  document.body.append(holder);

  const value = (autocomplete: AutoFill) => inputs.get(autocomplete)!.value.trim();
  const empty = (...autocompletes: AutoFill[]) => {
    for (const autocomplete of autocompletes) inputs.get(autocomplete)!.value = '';
  };

  function route(): void {
    const expiry = value('cc-exp');
    if (expiry) {
      channel.post({ type: 'autofill', field: 'expiry', value: expiry.slice(0, 32) });
      empty('cc-exp');
    }
    // Month and year arrive as two fills: send them once both are there.
    const month = value('cc-exp-month');
    const year = value('cc-exp-year');
    if (month && year) {
      channel.post({ type: 'autofill', field: 'expiry', value: `${month}/${year}`.slice(0, 32) });
      empty('cc-exp-month', 'cc-exp-year');
    }
    const cvc = value('cc-csc');
    if (cvc) {
      channel.post({ type: 'autofill', field: 'cvc', value: cvc.slice(0, 32) });
      empty('cc-csc');
    }
  }
  // Chromium fires input then change on each field it fills; either is enough.
  holder.addEventListener('input', route);
  holder.addEventListener('change', route);
}
