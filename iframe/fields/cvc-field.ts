// The CVC field: digits only, length by brand (Amex 4, others 3, undetermined 3 or 4); left empty
// it is complete for a brand whose cards may have none (Maestro). Runs only on the fields origin.
import { cvv } from 'card-validator/dist/cvv.js';
import { cvcLengthsFor, cvcOptionalFor, type CardBrand } from '../../src/shared/card-brands.ts';
import { digitsOf, type FieldBehaviour, type FieldEvaluation } from './field-behaviour.ts';

export function formatCvc(raw: string, brand: CardBrand): string {
  return digitsOf(raw).slice(0, Math.max(...cvcLengthsFor(brand)));
}

export function evaluateCvc(display: string, brand: CardBrand): FieldEvaluation {
  const digits = digitsOf(display);
  const lengths = cvcLengthsFor(brand);
  const base = { incomplete: 'incomplete_cvc' } as const;
  // No CVC then goes to the gateway at all (card-payments.ts sends one only when there is one).
  if (digits.length === 0) return { ...base, empty: true, complete: cvcOptionalFor(brand), advance: false };
  // Typed for one brand, then the number changed to a brand with a shorter code.
  if (digits.length > Math.max(...lengths)) return { ...base, empty: false, complete: false, invalid: 'invalid_cvc', advance: false };
  const complete = cvv(digits, lengths).isValid;
  return { ...base, empty: false, complete, advance: complete && digits.length === Math.max(...lengths) };
}

export const cvcField: FieldBehaviour = {
  format: (raw, context) => formatCvc(raw, context.brand),
  canonical: (display) => digitsOf(display),
  evaluate: (display, context) => evaluateCvc(display, context.brand),
};
