// The brand icon sprite (iframe/brand-icons.svg) against the brand list: the number input picks a
// brand's cell by its position among CARD_BRAND_NAMES' keys (card-input.ts), which must be CARD_BRANDS
// in order, and the sprite's cells must agree with them, cell by cell.
import { expect } from '@esm-bundle/chai';
import { CARD_BRAND_NAMES, CARD_BRANDS } from '../../src/shared/card-brands.ts';

const CELL_WIDTH = 32;

describe('brand icon sprite', () => {
  it('finds a brand at the same position among the brand names as in CARD_BRANDS', () => {
    expect(Object.keys(CARD_BRAND_NAMES)).to.deep.equal([...CARD_BRANDS]);
  });

  it('has one 32 px cell per brand, in the order of CARD_BRANDS; none for unknown (the stylesheet draws that one)', async () => {
    const response = await fetch(new URL('../../iframe/brand-icons.svg', import.meta.url));
    expect(response.ok).to.equal(true);
    const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
    const brands = CARD_BRANDS.filter((brand) => brand !== 'unknown');
    expect(CARD_BRANDS.at(-1), 'unknown last, so dropping its cell moves no other').to.equal('unknown');
    expect(svg.getAttribute('width')).to.equal(String(CELL_WIDTH * brands.length));
    const cells = [...svg.children].filter((child) => child.localName === 'g');
    expect(cells.map((cell) => cell.id)).to.deep.equal(brands);
    cells.forEach((cell, index) => {
      const offset = /translate\((\d+)\)/.exec(cell.getAttribute('transform') ?? '')?.[1] ?? '0';
      expect(Number(offset), cell.id).to.equal(index * CELL_WIDTH);
    });
  });
});
