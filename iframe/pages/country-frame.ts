// Entry of the billing country frame (country.html): the split billing field frame for the country,
// a list of every country whose choice sets the postal code's format.
import { startBillingFieldFrame } from '../billing-field-frame.ts';

startBillingFieldFrame('country');
