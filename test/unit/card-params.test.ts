// The card as the gateway's form params (iframe/gateway/card-params.ts), for a tokenization and
// within a confirm, and the input a gateway error's param names (iframe/gateway/stripe-errors.ts):
// the two must agree, or a refused CVC would show under no input.
import { expect } from '@esm-bundle/chai';
import { setCardParams } from '../../iframe/gateway/card-params.ts';
import { errorFromStripeError } from '../../iframe/gateway/stripe-errors.ts';

const CARD = { number: '4000002500001001', expMonth: 12, expYear: 2034, cvc: '123', network: 'cartes_bancaires', billing: { name: 'Jenny Rosen', postalCode: '75001', country: 'FR' } } as const;

describe('card params', () => {
  it('names every param of a tokenization as Stripe does', () => {
    const body = new URLSearchParams();
    setCardParams(body, CARD);
    expect([...body]).to.deep.equal([
      ['type', 'card'],
      ['card[number]', '4000002500001001'],
      ['card[exp_month]', '12'],
      ['card[exp_year]', '2034'],
      ['card[cvc]', '123'],
      ['card[networks][preferred]', 'cartes_bancaires'],
      ['billing_details[name]', 'Jenny Rosen'],
      ['billing_details[address][postal_code]', '75001'],
      ['billing_details[address][country]', 'FR'],
    ]);
  });

  it('puts the same params within payment_method_data for a confirm, and leaves out what the card lacks', () => {
    const body = new URLSearchParams({ client_secret: 'pi_1_secret_2' });
    setCardParams(body, { number: '4242424242424242', expMonth: 1, expYear: 2030 }, 'payment_method_data');
    expect([...body]).to.deep.equal([
      ['client_secret', 'pi_1_secret_2'],
      ['payment_method_data[type]', 'card'],
      ['payment_method_data[card][number]', '4242424242424242'],
      ['payment_method_data[card][exp_month]', '1'],
      ['payment_method_data[card][exp_year]', '2030'],
    ]);
  });

  it('maps the card params a gateway error names to their inputs, and nothing else', () => {
    const fieldOf = (param: string | null) => errorFromStripeError({ code: 'incorrect_number', message: 'No.', param }).field;
    expect(fieldOf('card[number]')).to.equal('number');
    expect(fieldOf('card[exp_month]')).to.equal('expiry');
    expect(fieldOf('payment_method_data[card][exp_year]')).to.equal('expiry');
    expect(fieldOf('payment_method_data[card][cvc]')).to.equal('cvc');
    for (const param of [null, 'card[networks][preferred]', 'billing_details[name]', 'xcard[number]', 'card[number]x', 'card[cvc][0]']) expect(fieldOf(param), String(param)).to.equal(undefined);
  });
});
