// Page-wide defaults for Payframe's elements. Merchant realm.
import { setDefaultFieldsOrigin } from './host/fields-origin.ts';

export interface PayframeConfig {
  /** The origin serving the card fields, e.g. `https://fields.payframe.example`. */
  fieldsOrigin?: string;
}

/** Sets defaults for every element that does not set its own attributes. */
export function configurePayframe(config: PayframeConfig): void {
  setDefaultFieldsOrigin(config.fieldsOrigin);
}
