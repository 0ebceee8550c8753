// The shopper's billing inputs as Stripe's `billing_details` form params, on a payment method
// (`billing_details[...]`) or on a confirm's new one (`payment_method_data[billing_details][...]`).
// Fields origin: these go to the gateway only, with the card.
import type { BillingDetails } from './gateway-adapter.ts';

export function setBillingParams(body: URLSearchParams, prefix: string, billing: BillingDetails | undefined): void {
  if (billing?.name) body.set(`${prefix}[name]`, billing.name);
  if (billing?.postalCode) body.set(`${prefix}[address][postal_code]`, billing.postalCode);
  if (billing?.country) body.set(`${prefix}[address][country]`, billing.country);
}
