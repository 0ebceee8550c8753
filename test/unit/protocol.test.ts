// The message schemas both realms parse everything with (shared logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { confirmResultSchema, controllerCommandSchema, fieldEventSchema, helloMessageSchema, paymentMethodSchema } from '../../src/shared/protocol.ts';
import { paymentIntentIdOf } from '../../src/shared/protocol-constants.ts';

describe('protocol schemas', () => {
  it('accepts a field change with state only', () => {
    const parsed = fieldEventSchema.safeParse({ type: 'change', state: { empty: false, complete: true, valid: true, brand: 'visa' } });
    expect(parsed.success).to.equal(true);
  });

  it('strips anything extra a field event carries, such as a value', () => {
    const parsed = fieldEventSchema.safeParse({ type: 'change', value: '4242424242424242', state: { empty: false, complete: true, valid: true } });
    expect(parsed.success).to.equal(true);
    expect(JSON.stringify(parsed.data)).not.to.contain('4242424242424242');
  });

  it('rejects unknown message types, wrong shapes and non-objects', () => {
    for (const message of [{ type: 'steal' }, { type: 'change', state: { empty: 'no' } }, 'hello', null, 42, []]) {
      expect(fieldEventSchema.safeParse(message).success, JSON.stringify(message)).to.equal(false);
    }
  });

  it('rejects a hello with a malformed checkout id', () => {
    expect(helloMessageSchema.safeParse({ payframe: 1, type: 'hello', frame: 'number', checkout: 'x' }).success).to.equal(false);
  });

  it('a tokenize command carries no key: one the page names is stripped, the controller uses its own', () => {
    const command = { type: 'tokenize', requestId: 'abcdefgh12', fields: ['number'] };
    const parsed = controllerCommandSchema.safeParse({ ...command, publishableKey: 'pk_test_attacker' });
    expect(parsed.success).to.equal(true);
    expect(parsed.data).to.deep.equal(command);
  });

  it('accepts a confirm only with a well-formed client_secret, and finds its intent id', () => {
    const command = { type: 'confirm', requestId: 'abcdefgh12', publishableKey: 'pk_test_abc', fields: ['number', 'expiry', 'cvc'] };
    expect(controllerCommandSchema.safeParse({ ...command, clientSecret: 'pi_123abc_secret_XyZ789' }).success).to.equal(true);
    for (const clientSecret of ['pi_123abc', 'sk_test_abc', 'pi_123_secret_', 'pi_1-2_secret_x', ' pi_1_secret_x']) {
      expect(controllerCommandSchema.safeParse({ ...command, clientSecret }).success, clientSecret).to.equal(false);
    }
    expect(paymentIntentIdOf('pi_123abc_secret_XyZ789')).to.equal('pi_123abc');
  });

  it('a confirm result carries an intent summary, a challenge URL or an error, and nothing else', () => {
    const parsed = confirmResultSchema.safeParse({ paymentIntent: { id: 'pi_1', status: 'succeeded', client_secret: 'pi_1_secret_x' } });
    expect(parsed.success).to.equal(true);
    expect(JSON.stringify(parsed.data)).not.to.contain('secret');
    expect(confirmResultSchema.safeParse({ action: { url: 'javascript:alert(1)' } }).success).to.equal(false);
    expect(confirmResultSchema.safeParse({ paymentIntent: { id: 'pi_1', status: 'paid' } }).success).to.equal(false);
  });

  it('keeps only the non-sensitive fields of a payment method', () => {
    const parsed = paymentMethodSchema.safeParse({
      id: 'pm_123',
      object: 'payment_method',
      type: 'card',
      card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US', fingerprint: 'abc' },
      created: 1,
      livemode: false,
      billing_details: {},
    });
    expect(parsed.success).to.equal(true);
    expect(Object.keys(parsed.data!.card)).not.to.include('fingerprint');
  });
});
