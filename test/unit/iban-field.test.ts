// The IBAN field (fields-origin logic), in Chromium: grouping, the caret in a real input, the country
// and its length, the mod-97 check, SEPA only unless allowed, the bank's name.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { caretAfterFormat } from '../../iframe/fields/caret.ts';
import { fieldState } from '../../iframe/fields/field-behaviour.ts';
import { IBAN_COUNTRIES } from '../../iframe/fields/iban-countries.ts';
import {
  electronicIban,
  evaluateIban as evaluate,
  formatIban,
  ibanCaretAfterFormat,
  ibanDeleteAcrossSeparator,
  ibanField,
  ibanRemainder,
} from '../../iframe/fields/iban-field.ts';

const SEPA_ONLY = { allowNonSepa: false };
const ANY_COUNTRY = { allowNonSepa: true };
// Spelled out so assertions can check that no error is reported.
const evaluateIban = (display: string, context = SEPA_ONLY) => ({ invalid: undefined, bankName: undefined, ...evaluate(display, context) });

/** Stripe's published SEPA test IBANs (some succeed, some fail at the bank later: all are valid IBANs). */
const STRIPE_TEST_IBANS = [
  'DE89370400440532013000',
  'DE62370400440532013001',
  'AT611904300234573201',
  'AT861904300235473202',
  'FR1420041010050500013M02606',
  'NL39RABO0300065264',
  'BE62510007547061',
  'ES0700120345030000067890',
  'IT40S0542811101000000123456',
  'PT50000201231234567890154',
  'IE29AIBK93115212345678',
  'FI2112345600000785',
];

describe('IBAN field: judging', () => {
  for (const iban of STRIPE_TEST_IBANS) {
    it(`accepts Stripe's test IBAN ${iban.slice(0, 2)}… as complete`, () => {
      const result = evaluateIban(formatIban(iban));
      expect(result).to.include({ empty: false, complete: true, invalid: undefined, advance: true, country: iban.slice(0, 2) });
      expect(fieldState(result)).to.equal('complete');
    });
  }

  it('refuses wrong check digits at once, with a typed code', () => {
    const result = evaluateIban('DE88 3704 0044 0532 0130 00');
    expect(result).to.include({ complete: false, invalid: 'iban_invalid_checksum' });
    expect(fieldState(result)).to.equal('invalid');
  });

  it('refuses a swapped pair of digits (what mod-97 is for)', () => {
    expect(evaluateIban('DE89370400440532031000').invalid).to.equal('iban_invalid_checksum');
  });

  it('refuses check digits 00, 01 and 99 as soon as they are typed: no IBAN has them', () => {
    for (const digits of ['00', '01', '99']) expect(evaluateIban(`DE${digits}`).invalid).to.equal('iban_invalid_checksum');
    expect(evaluateIban('DE02').invalid).to.equal(undefined);
  });

  it('computes the mod-97 remainder on digit chunks (1 for valid IBANs, letters as 10..35)', () => {
    expect(ibanRemainder('GB82WEST12345698765432')).to.equal(1);
    expect(ibanRemainder('MT84MALT011000012345MTLCAST001S')).to.equal(1);
    // Russia's 33 characters make a 40-digit number: far past 2^53, still exact.
    expect(ibanRemainder('RU0204452560040702810412345678901')).to.equal(1);
    expect(ibanRemainder('GB82WEST12345698765433')).not.to.equal(1);
  });

  it('is empty, then incomplete while the country\'s length is not reached', () => {
    expect(fieldState(evaluateIban(''))).to.equal('empty');
    const partial = evaluateIban('DE89 3704');
    expect(partial).to.include({ complete: false, invalid: undefined, incomplete: 'iban_incomplete', country: 'DE' });
    expect(fieldState(partial)).to.equal('incomplete');
    expect(evaluateIban('D')).to.include({ complete: false, invalid: undefined });
  });

  it("knows each country's length: Norway's 15 is complete, Germany's 22 is needed", () => {
    expect(evaluateIban('NO9386011117947').complete).to.equal(true);
    expect(evaluateIban('DE8937040044053201300')).to.include({ complete: false, invalid: undefined });
  });

  it('flags one character more than the country has as too long', () => {
    expect(evaluateIban('DE893704004405320130000')).to.include({ complete: false, invalid: 'iban_too_long' });
    expect(evaluateIban('NL39RABO03000652641').invalid).to.equal('iban_too_long');
  });

  it('refuses an unknown country, or digits where the country code goes', () => {
    expect(evaluateIban('XX89').invalid).to.equal('iban_invalid_country');
    expect(evaluateIban('US12').invalid).to.equal('iban_invalid_country');
    expect(evaluateIban('1').invalid).to.equal('iban_invalid_country');
    expect(evaluateIban('D8').invalid).to.equal('iban_invalid_country');
  });

  it('refuses letters where the check digits go, and characters an IBAN never has', () => {
    expect(evaluateIban('DEAB3704').invalid).to.equal('iban_invalid_characters');
    expect(evaluateIban('DE89-3704-0044').invalid).to.equal('iban_invalid_characters');
  });

  it('refuses a valid IBAN from outside SEPA unless the merchant accepts others', () => {
    for (const iban of ['BR1800360305000010009795493C1', 'SA0380000000608010167519']) {
      expect(evaluateIban(iban, SEPA_ONLY)).to.include({ complete: false, invalid: 'iban_not_sepa', country: iban.slice(0, 2) });
      expect(evaluateIban(iban, ANY_COUNTRY)).to.include({ complete: true, invalid: undefined });
    }
    // As soon as the two letters are typed.
    expect(evaluateIban('BR', SEPA_ONLY).invalid).to.equal('iban_not_sepa');
  });

  it('accepts SEPA countries outside the EU (Switzerland, the United Kingdom)', () => {
    expect(evaluateIban('CH9300762011623852957').complete).to.equal(true);
    expect(evaluateIban('GB82WEST12345698765432').complete).to.equal(true);
  });

  it("names the bank where the sample table knows its code, and nothing where it does not", () => {
    expect(evaluateIban('DE89370400440532013000').bankName).to.equal('Commerzbank');
    expect(evaluateIban('NL39RABO0300065264').bankName).to.equal('Rabobank');
    expect(evaluateIban('FR1420041010050500013M02606').bankName).to.equal('La Banque Postale');
    // Already while typing, once the bank code is there.
    expect(evaluateIban('DE89 3704 0044').bankName).to.equal('Commerzbank');
    expect(evaluateIban('DE89 3704 004').bankName).to.equal(undefined);
    expect(evaluateIban('FI2112345600000785').bankName).to.equal(undefined);
  });

  it('never carries the account number in what it reports', () => {
    const reported = JSON.stringify(evaluate('DE89370400440532013000', SEPA_ONLY));
    expect(reported).not.to.contain('0532013000');
    expect(reported).not.to.contain('370400440532');
  });

  it('has a length for every country, between 15 and 34, and a SEPA flag', () => {
    expect(Object.keys(IBAN_COUNTRIES).length).to.be.greaterThan(80);
    for (const [code, country] of Object.entries(IBAN_COUNTRIES)) {
      expect(code, code).to.match(/^[A-Z]{2}$/);
      expect(country.length, code).to.be.within(15, 34);
      expect(country.sepa, code).to.be.a('boolean');
    }
    const sepa = Object.keys(IBAN_COUNTRIES).filter((code) => IBAN_COUNTRIES[code]!.sepa);
    expect(sepa).to.include.members(['DE', 'FR', 'NL', 'AT', 'CH', 'GB', 'NO', 'IS', 'LI', 'MC', 'SM', 'VA', 'AD', 'GI']);
    expect(sepa).not.to.include.members(['BR', 'SA', 'TR', 'AE']);
  });
});

describe('IBAN field: formatting', () => {
  it('groups in fours and upper-cases as typed', () => {
    expect(formatIban('de8937040044')).to.equal('DE89 3704 0044');
    expect(formatIban('fr1420041010050500013m02606')).to.equal('FR14 2004 1010 0505 0001 3M02 606');
  });

  it('keeps letters and digits of a pasted IBAN, whatever separates them', () => {
    expect(formatIban(' DE89-3704.0044 0532/0130 00 ')).to.equal('DE89 3704 0044 0532 0130 00');
    expect(electronicIban('de89 3704 0044 0532 0130 00')).to.equal('DE89370400440532013000');
    expect(ibanField.canonical('DE89 3704 0044 0532 0130 00')).to.equal('DE89370400440532013000');
  });

  it('keeps a pasted IBAN that is too long whole (flagged), up to the standard\'s 34 characters', () => {
    expect(formatIban('DE8937040044053201300099')).to.equal('DE89 3704 0044 0532 0130 0099');
    expect(electronicIban(formatIban('A'.repeat(40)))).to.have.length(34);
  });
});

describe('IBAN field: the caret', () => {
  it('follows letters as well as digits after reformatting', () => {
    // "NL39 RABO" with "X" typed after "RA": raw "NL39 RAXBO", caret 7 -> after "RAX" in "NL39 RAXB O".
    const raw = 'NL39 RAXBO';
    const formatted = formatIban(raw);
    expect(formatted).to.equal('NL39 RAXB O');
    expect(ibanCaretAfterFormat(raw, 7, formatted)).to.equal(7);
    // The card fields' rule, which counts digits only, would put it back after "NL39".
    expect(caretAfterFormat(raw, 7, formatted)).to.equal(4);
  });

  it('Backspace right after a space removes the letter before it', () => {
    expect(ibanDeleteAcrossSeparator('NL39 RABO 0300', 10, 10, 'backward')).to.deep.equal({ value: 'NL39 RAB0300', caret: 8 });
  });

  it('Delete right before a space removes the letter after it', () => {
    expect(ibanDeleteAcrossSeparator('NL39 RABO 0300', 4, 4, 'forward')).to.deep.equal({ value: 'NL39ABO 0300', caret: 4 });
  });

  it('Backspace after a space with nothing before it removes the space alone; ordinary deletions are the browser\'s', () => {
    expect(ibanDeleteAcrossSeparator(' NL39', 1, 1, 'backward')).to.deep.equal({ value: 'NL39', caret: 0 });
    expect(ibanDeleteAcrossSeparator('NL39 RABO', 7, 7, 'backward')).to.equal(null);
    expect(ibanDeleteAcrossSeparator('NL39 RABO', 2, 7, 'backward')).to.equal(null);
  });
});

/** An input wired as the frames wire theirs (iframe/card-input.ts), with the IBAN's behaviour. */
function ibanInput(): HTMLInputElement {
  const input = document.createElement('input');
  input.addEventListener('beforeinput', (event) => {
    const direction = event.inputType === 'deleteContentBackward' ? 'backward' : event.inputType === 'deleteContentForward' ? 'forward' : undefined;
    if (!direction) return;
    const edit = ibanDeleteAcrossSeparator(input.value, input.selectionStart ?? 0, input.selectionEnd ?? 0, direction);
    if (!edit) return;
    event.preventDefault();
    input.value = edit.value;
    input.setSelectionRange(edit.caret, edit.caret);
    input.dispatchEvent(new Event('input'));
  });
  input.addEventListener('input', () => {
    const raw = input.value;
    const caret = input.selectionStart ?? raw.length;
    const formatted = ibanField.format(raw, SEPA_ONLY);
    if (formatted === raw) return;
    input.value = formatted;
    const position = ibanCaretAfterFormat(raw, caret, formatted);
    input.setSelectionRange(position, position);
  });
  document.body.append(input);
  input.focus();
  return input;
}

describe('IBAN field: typing into a real input (keys sent by the browser)', () => {
  let input: HTMLInputElement;
  beforeEach(() => {
    input = ibanInput();
  });
  afterEach(() => input.remove());

  it('groups as typed, upper case, the caret at the end', async () => {
    await sendKeys({ type: 'de89370400440532013000' });
    expect(input.value).to.equal('DE89 3704 0044 0532 0130 00');
    expect(input.selectionStart).to.equal(input.value.length);
  });

  it('keeps the caret after the character typed in the middle', async () => {
    await sendKeys({ type: 'DE8937040044' });
    input.setSelectionRange(7, 7); // "DE89 37|04 0044"
    await sendKeys({ type: 'x' });
    expect(input.value).to.equal('DE89 37X0 4004 4');
    expect(input.selectionStart).to.equal(8);
  });

  it('keeps the caret after text pasted in the middle', async () => {
    await sendKeys({ type: 'DE89 0532 0130 00' });
    input.setSelectionRange(5, 5); // "DE89 |0532…"
    // What a paste does to the input: one insertion at the caret.
    document.execCommand('insertText', false, '3704 0044 ');
    expect(input.value).to.equal('DE89 3704 0044 0532 0130 00');
    expect(input.selectionStart).to.equal(15); // before "0532"
  });

  it('Backspace in the middle removes one character and regroups; over a space it removes the one before', async () => {
    await sendKeys({ type: 'DE89370400440532013000' });
    input.setSelectionRange(7, 7); // "DE89 37|04"
    await sendKeys({ press: 'Backspace' });
    expect(input.value).to.equal('DE89 3040 0440 5320 1300 0');
    expect(input.selectionStart).to.equal(6);
    input.setSelectionRange(5, 5); // "DE89 |3040": Backspace over the space takes the 9
    await sendKeys({ press: 'Backspace' });
    expect(input.value).to.equal('DE83 0400 4405 3201 3000');
    expect(input.selectionStart).to.equal(3);
  });

  it('Delete before a space removes the character after it', async () => {
    await sendKeys({ type: 'NL39RABO0300065264' });
    input.setSelectionRange(4, 4); // "NL39| RABO"
    await sendKeys({ press: 'Delete' });
    expect(input.value).to.equal('NL39 ABO0 3000 6526 4');
    expect(input.selectionStart).to.equal(4);
  });
});
