// Type-checked against the built package (dist/types) as an app that installed it sees it:
// the elements, the typed events and tokenize()'s result.
import { configurePayframe, type PayframeCheckout, type TokenizeResult } from 'payframe';

configurePayframe({ fieldsOrigin: 'https://fields.example.com' });

const checkout: PayframeCheckout = document.createElement('payframe-checkout');
checkout.publishableKey = 'pk_test_123';
checkout.amount = 1999;

checkout.addEventListener('payframe-token', (event) => {
  const id: string = event.detail.paymentMethod.id;
  const last4: string = event.detail.paymentMethod.card.last4;
  console.log(id, last4);
});
checkout.addEventListener('payframe-change', (event) => {
  const complete: boolean = event.detail.complete;
  const code: string | undefined = event.detail.error?.code;
  console.log(event.detail.field, complete, code);
});

async function pay(): Promise<string> {
  const result: TokenizeResult = await checkout.tokenize();
  return 'paymentMethod' in result ? result.paymentMethod.id : result.error.code;
}
void pay;

// @ts-expect-error: the detail of a change event never has the value.
console.log(document.createElement('payframe-card-number').addEventListener('payframe-change', (event) => event.detail.value));
