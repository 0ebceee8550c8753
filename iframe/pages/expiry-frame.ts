// Entry of the expiration date frame (expiry.html): the field frame with the expiration date's rules only.
import { startFieldFrame } from '../field-frame.ts';
import { expiryField } from '../fields/expiry-field.ts';

startFieldFrame('expiry', expiryField);
