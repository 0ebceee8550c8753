// The card, its chosen network and the shopper's billing inputs as Stripe's form params: on a new
// payment method (`card[number]`, `billing_details[name]`…) or, `within` a confirm, on the payment
// method it creates (`payment_method_data[card][number]`…). One writer for both, so a tokenization
// and a confirm can never send the card differently. Fields origin: these go to the gateway only.
import type { CardDetails } from './gateway-adapter.ts';

export function setCardParams(body: URLSearchParams, card: CardDetails, within?: string): void {
  const set = (name: string, value: string | number | undefined) => {
    if (value) body.set(within ? name.replace(/^\w+/, (head) => `${within}[${head}]`) : name, `${value}`);
  };
  set('type', 'card');
  set('card[number]', card.number);
  set('card[exp_month]', card.expMonth);
  set('card[exp_year]', card.expYear);
  set('card[cvc]', card.cvc);
  set('card[networks][preferred]', card.network);
  set('billing_details[name]', card.billing?.name);
  set('billing_details[address][postal_code]', card.billing?.postalCode);
  set('billing_details[address][country]', card.billing?.country);
}
