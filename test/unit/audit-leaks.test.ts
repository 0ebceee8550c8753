// `payframe audit`'s leak probe (src/node/audit/leak-search.ts): its card, the forms it looks
// for, where it says it found them, and that its output never carries the number.
import { expect } from '@esm-bundle/chai';
import { findLeaks, newProbeCard, redactCard, sightingsFromRecords } from '../../src/node/audit/leak-search.ts';

const CARD = { number: '4929000000006000', expiry: '1234', cvc: '731' };

function luhnValid(number: string): boolean {
  let sum = 0;
  [...number].reverse().forEach((char, i) => {
    const digit = Number(char) * (i % 2 ? 2 : 1);
    sum += digit > 9 ? digit - 9 : digit;
  });
  return sum % 10 === 0;
}

describe('audit: the leak probe', () => {
  it('types a fresh Luhn-valid Visa number, and a CVC the page does not already show', () => {
    const card = newProbeCard('');
    expect(card.number).to.match(/^4\d{15}$/);
    expect(luhnValid(card.number)).to.equal(true);
    // A random source that first offers 000 (shown on the page), then 111.
    let calls = 0;
    const random = () => (++calls <= 14 ? 0.5 : calls <= 17 ? 0 : 0.15);
    expect(newProbeCard('total 000 EUR', random).cvc).to.equal('111');
  });

  it('finds the number as digits, as displayed, key by key, in base64, and the CVC as its own token', () => {
    const leaks = findLeaks(
      [
        { where: 'a fetch to https://evil.example/c', text: `{"n":"${CARD.number}"}` },
        { where: 'the console (console.log)', text: '4929 0000 0000 6000' },
        { where: 'a cookie the page set', text: '["4","9","2","9","0","0","0","0","0","0","0","0","6","0","0","0"]' },
        { where: 'web storage', text: btoa(CARD.number) },
        { where: 'an XMLHttpRequest body', text: 'cvc=731' },
        { where: 'a beacon to https://ok.example/', text: 'order 17310 at 1731000' },
      ],
      CARD,
    );
    expect(leaks).to.deep.equal([
      { where: 'a fetch to https://evil.example/c', form: 'digits' },
      { where: 'the console (console.log)', form: 'as displayed' },
      { where: 'a cookie the page set', form: 'digits with separators' },
      { where: 'web storage', form: 'base64' },
      { where: 'an XMLHttpRequest body', form: 'CVC' },
    ]);
  });

  it('reports one leak per place, in its most telling form', () => {
    const leaks = findLeaks(
      [
        { where: 'a keyup event heard by the page', text: CARD.number.slice(0, 12) },
        { where: 'a keyup event heard by the page', text: CARD.number },
      ],
      CARD,
    );
    expect(leaks).to.deep.equal([{ where: 'a keyup event heard by the page', form: 'digits' }]);
  });

  it("names places from the recorder's lines, puts key presses back together and keeps query strings out", () => {
    const records = [
      ...[...CARD.number].map((key) => `window keydown: ${JSON.stringify({ key })}`),
      `fetch: ${JSON.stringify({ url: `/collect?c=${CARD.number}`, body: null })}`,
    ];
    const sightings = sightingsFromRecords(records, 'https://shop.example/pay');
    const leaks = findLeaks(sightings, CARD);
    // One key per keydown event spells nothing; put back together, the keys are the number.
    expect(leaks.map((leak) => leak.where)).to.deep.equal(['a fetch to https://shop.example/collect', 'key presses heard by the page']);
    expect(JSON.stringify(leaks)).not.to.contain(CARD.number);
  });

  it('redacts the number in every form from what the audit prints', () => {
    const text = `x ${CARD.number} y 4929 0000 0000 6000 z ${CARD.number.slice(0, 12)}`;
    expect(redactCard(text, CARD)).to.equal('x [card number] y [card number] z [card number]');
  });
});
