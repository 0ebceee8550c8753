// Which behaviour each field kind uses. Runs only on the fields origin.
import type { FieldKind } from '../../src/shared/protocol.ts';
import { cardNumberField } from './card-number-field.ts';
import { cvcField } from './cvc-field.ts';
import { expiryField } from './expiry-field.ts';
import type { FieldBehaviour } from './field-behaviour.ts';

export const FIELD_BEHAVIOURS: Record<FieldKind, FieldBehaviour> = {
  number: cardNumberField,
  expiry: expiryField,
  cvc: cvcField,
};
