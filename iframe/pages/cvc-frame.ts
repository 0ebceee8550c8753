// Entry of the security code (CVC) frame (cvc.html): the field frame with the security code (CVC)'s rules only.
import { startFieldFrame } from '../field-frame.ts';
import { cvcField } from '../fields/cvc-field.ts';

startFieldFrame('cvc', cvcField);
