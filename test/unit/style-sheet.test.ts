// How the field frame applies a merchant style (iframe/field-style-sheet.ts), in Chromium: one
// constructed sheet, our fixed selectors, and a fresh sanitizing pass in the frame's own realm.
import { expect } from '@esm-bundle/chai';
import { createFieldStyleSheet, type FieldStyleSheet } from '../../iframe/field-style-sheet.ts';

let sheet: FieldStyleSheet;
let input: HTMLInputElement;

before(() => {
  sheet = createFieldStyleSheet(document);
  input = document.createElement('input');
  input.placeholder = 'Card number';
  document.body.append(input);
});

afterEach(() => {
  sheet.apply({});
  document.body.classList.remove('invalid', 'complete');
});

function adoptedRules(): string[] {
  return document.adoptedStyleSheets.flatMap((adopted) => [...adopted.cssRules].map((rule) => rule.cssText));
}

describe('field style sheet', () => {
  it('puts declarations under our fixed selectors only, in cascade order', () => {
    const applied = sheet.apply({
      invalid: { color: 'rgb(200, 0, 0)' },
      base: { color: 'rgb(1, 2, 3)', 'font-size': '20px' },
      focus: { color: 'rgb(0, 0, 200)' },
      complete: { color: 'rgb(0, 128, 0)' },
      placeholder: { color: 'rgb(9, 9, 9)' },
      variables: { colorText: '#123456' },
    });
    expect(applied).to.equal(7);
    expect(adoptedRules()).to.deep.equal([
      ':root { --payframe-color-text: #123456; }',
      'input { color: rgb(1, 2, 3); font-size: 20px; }',
      'input::placeholder { color: rgb(9, 9, 9); }',
      'input:focus { color: rgb(0, 0, 200); }',
      '.complete input { color: rgb(0, 128, 0); }',
      '.invalid input { color: rgb(200, 0, 0); }',
    ]);
  });

  it('switches with the state classes the frame sets on its body', () => {
    sheet.apply({ base: { color: 'rgb(1, 2, 3)' }, complete: { color: 'rgb(0, 128, 0)' }, invalid: { color: 'rgb(200, 0, 0)' } });
    expect(getComputedStyle(input).color).to.equal('rgb(1, 2, 3)');
    document.body.classList.add('complete');
    expect(getComputedStyle(input).color).to.equal('rgb(0, 128, 0)');
    document.body.classList.replace('complete', 'invalid');
    expect(getComputedStyle(input).color).to.equal('rgb(200, 0, 0)');
  });

  it('a new style replaces the old one whole; an empty style removes it', () => {
    sheet.apply({ base: { color: 'rgb(1, 2, 3)', 'letter-spacing': '2px' } });
    sheet.apply({ base: { color: 'rgb(4, 5, 6)' } });
    expect(getComputedStyle(input).color).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(input).letterSpacing).to.equal('normal');
    sheet.apply({});
    expect(adoptedRules()).to.deep.equal([]);
  });

  it('theme variables resolve where declarations use them', () => {
    sheet.apply({ variables: { colorDanger: 'rgb(170, 0, 0)' }, base: { color: 'var(--payframe-color-danger)' } });
    expect(getComputedStyle(input).color).to.equal('rgb(170, 0, 0)');
  });

  it('attack: a style that skipped the merchant-side check is checked again before use', () => {
    const applied = sheet.apply({
      base: { color: 'red; } input[value^="4"] { color: blue', 'background-image': 'url(http://attacker.invalid/)', 'font-size': '18px' },
      'input[value^="4"]': { color: 'blue' },
      variables: { colorText: 'url(http://attacker.invalid/)' },
    });
    expect(applied).to.equal(1);
    expect(adoptedRules()).to.deep.equal(['input { font-size: 18px; }']);
  });

  it('attack: a style that is not an object applies nothing and does not throw', () => {
    for (const style of ['input { color: red }', 42, null, [{ base: { color: 'red' } }]]) {
      expect(sheet.apply(style)).to.equal(0);
      expect(adoptedRules()).to.deep.equal([]);
    }
  });
});
