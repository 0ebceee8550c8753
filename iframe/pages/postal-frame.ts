// Entry of the billing postal code frame (postal.html): the split billing field frame for the postal
// code, whose format follows the group's `billing-country`.
import { startBillingFieldFrame } from '../billing-field-frame.ts';

startBillingFieldFrame('postal');
