// Entry of the cardholder name frame (name.html): the split billing field frame for the name on the card.
import { startBillingFieldFrame } from '../billing-field-frame.ts';

startBillingFieldFrame('name');
