// The message schemas both realms parse everything with (shared logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { controllerCommandSchema, fieldEventSchema, helloMessageSchema, paymentMethodSchema } from '../../src/shared/protocol.ts';

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

  it('accepts only publishable keys in a tokenize command', () => {
    const command = { type: 'tokenize', requestId: 'abcdefgh12', fields: ['number'] };
    expect(controllerCommandSchema.safeParse({ ...command, publishableKey: 'pk_test_abc' }).success).to.equal(true);
    expect(controllerCommandSchema.safeParse({ ...command, publishableKey: 'sk_test_abc' }).success).to.equal(false);
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
