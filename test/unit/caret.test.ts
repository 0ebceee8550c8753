// Caret arithmetic for the formatted inputs (fields-origin logic), in Chromium.
import { expect } from '@esm-bundle/chai';
import { caretAfterFormat, deleteAcrossSeparator } from '../../iframe/fields/caret.ts';
import { formatCardNumber } from '../../iframe/fields/card-number-field.ts';

describe('caret after reformatting', () => {
  it('stays at the end when typing at the end', () => {
    expect(caretAfterFormat('42424', 5, '4242 4')).to.equal(6);
  });

  it('stays after the same digit when inserting in the middle', () => {
    // "4242 4242" with "9" typed after the second digit: raw "42942 4242", caret 3.
    const raw = '42942 4242';
    const formatted = formatCardNumber(raw);
    expect(formatted).to.equal('4294 2424 2');
    expect(caretAfterFormat(raw, 3, formatted)).to.equal(3);
  });

  it('jumps over a space the formatting inserted before the caret', () => {
    // Typing "5" after "4242" in "4242 4242": raw "42425 4242", caret 5 -> after "4242 5".
    const raw = '42425 4242';
    expect(caretAfterFormat(raw, 5, formatCardNumber(raw))).to.equal(6);
  });

  it('follows the digits after a paste in the middle', () => {
    const raw = '42 1111 42';
    const formatted = formatCardNumber(raw);
    expect(formatted).to.equal('4211 1142');
    expect(caretAfterFormat(raw, 7, formatted)).to.equal(7);
  });

  it('goes to 0 when no digit precedes it', () => {
    expect(caretAfterFormat(' 4242', 1, '4242')).to.equal(0);
  });
});

describe('deleting across a separator', () => {
  it('Backspace right after a space removes the digit before it', () => {
    expect(deleteAcrossSeparator('4242 4242', 5, 5, 'backward')).to.deep.equal({ value: '4244242', caret: 3 });
  });

  it('Backspace after "12 / " removes the separator and the 2', () => {
    expect(deleteAcrossSeparator('12 / ', 5, 5, 'backward')).to.deep.equal({ value: '1', caret: 1 });
  });

  it('Delete right before a space removes the digit after it', () => {
    expect(deleteAcrossSeparator('4242 4242', 4, 4, 'forward')).to.deep.equal({ value: '4242242', caret: 4 });
  });

  it('leaves ordinary deletions and selections to the browser', () => {
    expect(deleteAcrossSeparator('4242 4242', 3, 3, 'backward')).to.equal(null);
    expect(deleteAcrossSeparator('4242 4242', 2, 6, 'backward')).to.equal(null);
    expect(deleteAcrossSeparator('4242', 4, 4, 'forward')).to.equal(null);
  });
});
