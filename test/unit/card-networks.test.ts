// The sandbox gateway's card networks (src/node/sandbox/card-networks.ts): a co-badged card's
// networks in Stripe's order, the preferred one checked against them, and the network a payment uses.
import { expect } from '@esm-bundle/chai';
import { PREFERRED_NETWORK_PARAM, availableNetworks, paymentNetwork, preferredNetwork } from '../../src/node/sandbox/card-networks.ts';
import { StripeApiError } from '../../src/node/sandbox/stripe-error.ts';

describe('card networks', () => {
  it('lists a co-badged card\'s networks alphabetically, as Stripe does, and one network for other cards', () => {
    expect(availableNetworks('4000002500001001', 'visa')).to.deep.equal(['cartes_bancaires', 'visa']);
    expect(availableNetworks('5555552500001001', 'mastercard')).to.deep.equal(['cartes_bancaires', 'mastercard']);
    expect(availableNetworks('4242424242424242', 'visa')).to.deep.equal(['visa']);
  });

  it('takes no preference as null and a listed network as itself', () => {
    const available = availableNetworks('4000002500001001', 'visa');
    expect(preferredNetwork(undefined, available)).to.equal(null);
    expect(preferredNetwork('', available)).to.equal(null);
    expect(preferredNetwork('cartes_bancaires', available)).to.equal('cartes_bancaires');
    expect(preferredNetwork('visa', available)).to.equal('visa');
  });

  it('refuses a network the card cannot go on with a 400 naming the param, not the value', () => {
    let error: unknown;
    try {
      preferredNetwork('mastercard', ['cartes_bancaires', 'visa']);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(StripeApiError);
    const { status, fields } = error as StripeApiError;
    expect({ status, type: fields.type, param: fields.param }).to.deep.equal({ status: 400, type: 'invalid_request_error', param: PREFERRED_NETWORK_PARAM });
    expect(fields.message).to.not.contain('mastercard');
  });

  it('pays on the preferred network, else on the card\'s brand', () => {
    expect(paymentNetwork({ available: ['cartes_bancaires', 'visa'], preferred: 'cartes_bancaires' }, 'visa')).to.equal('cartes_bancaires');
    expect(paymentNetwork({ available: ['cartes_bancaires', 'visa'], preferred: null }, 'visa')).to.equal('visa');
  });
});
