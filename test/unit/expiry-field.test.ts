// Expiry formatting and judgement (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { evaluateExpiry as evaluate, expiryField, formatExpiry } from '../../iframe/fields/expiry-field.ts';

// Spelled out so assertions can check that no error is reported.
const evaluateExpiry = (...args: Parameters<typeof evaluate>) => ({ invalid: undefined, ...evaluate(...args) });

const NOW = new Date(2026, 10, 24); // 24 November 2026

describe('expiry field', () => {
  it('formats MMYY as "MM / YY"', () => {
    expect(formatExpiry('1234')).to.equal('12 / 34');
  });

  it('formats M/YY with a leading zero', () => {
    expect(formatExpiry('4/29')).to.equal('04 / 29');
  });

  it('normalises a pasted 12/2034 to "12 / 34"', () => {
    expect(formatExpiry('12/2034')).to.equal('12 / 34');
    expect(formatExpiry('12 - 2034')).to.equal('12 / 34');
  });

  it('adds the separator after two month digits', () => {
    expect(formatExpiry('12')).to.equal('12 / ');
  });

  it('waits after a lone 1 or 0, which may start 10-12 or 01-09', () => {
    expect(formatExpiry('1')).to.equal('1');
    expect(formatExpiry('0')).to.equal('0');
  });

  it('completes a lone 2-9 to a month', () => {
    expect(formatExpiry('4')).to.equal('04 / ');
  });

  it('reads "13" as January and a year starting with 3', () => {
    expect(formatExpiry('13')).to.equal('01 / 3');
  });

  it('keeps two year digits when more are typed', () => {
    expect(formatExpiry('12 / 345')).to.equal('12 / 34');
  });

  it('gives the controller MM/YY', () => {
    expect(expiryField.canonical('12 / 34')).to.equal('12/34');
  });

  it('accepts a future date as complete', () => {
    expect(evaluateExpiry('12 / 34', NOW)).to.include({ complete: true, invalid: undefined, advance: true });
  });

  it('accepts the current month', () => {
    expect(evaluateExpiry('11 / 26', NOW)).to.include({ complete: true });
  });

  it('rejects a past year with invalid_expiry_year_past', () => {
    expect(evaluateExpiry('12 / 20', NOW)).to.include({ complete: false, invalid: 'invalid_expiry_year_past' });
  });

  it('rejects a past month of this year with invalid_expiry_month_past', () => {
    expect(evaluateExpiry('10 / 26', NOW)).to.include({ invalid: 'invalid_expiry_month_past' });
  });

  it('rejects month 00 and 13+ with invalid_expiry_month', () => {
    expect(evaluateExpiry('00 / ', NOW)).to.include({ invalid: 'invalid_expiry_month' });
  });

  it('rejects a year too far ahead with invalid_expiry_year', () => {
    expect(evaluateExpiry('12 / 99', NOW)).to.include({ invalid: 'invalid_expiry_year' });
  });

  it('flags a year whose first digit is already in the past', () => {
    expect(evaluateExpiry('12 / 1', NOW)).to.include({ invalid: 'invalid_expiry_year_past' });
  });

  it('reports an unfinished date as incomplete, not invalid', () => {
    expect(evaluateExpiry('12 / 3', NOW)).to.include({ complete: false, invalid: undefined, incomplete: 'incomplete_expiry' });
  });
});
