// Entry of the card number frame (number.html): the field frame with the number's rules, the
// hidden inputs that catch what browser autofill puts there for the expiry and CVC frames, and a
// co-badged card's network choice.
import { catchAutofill } from '../autofill-catcher.ts';
import { startFieldFrame } from '../field-frame.ts';
import { cardNumberField } from '../fields/card-number-field.ts';
import { createNetworkChoice } from '../network-choice.ts';

startFieldFrame('number', cardNumberField, catchAutofill, createNetworkChoice);
