// The opt-in BIN report (`bin` on the element): the card number's first 6 digits once typed, then
// its first 8 once the number has 16 digits or more (PCI DSS allows first 8 and last 4 there, and
// no more), each with what the BIN table knows. A value is sent once: typing on, or deleting and
// retyping the same digits, sends nothing new; only a different BIN is reported again. A chunk of
// the card frame loaded only when the merchant asks for it. Fields origin.
import type { CardFrameEvent } from '../../src/shared/protocol.ts';
import { lookUpBin } from './bin-table.ts';

type BinEvent = Extract<CardFrameEvent, { type: 'bin' }>;

/** Returns the reporter to call with the number's digits after each change. */
export function createBinReporter(send: (event: BinEvent) => void): (digits: string) => void {
  let lastSent = '';
  return (digits) => {
    const length = digits.length >= 16 ? 8 : digits.length >= 6 ? 6 : 0;
    const bin = digits.slice(0, length);
    if (!length || bin === lastSent) return;
    lastSent = bin;
    const row = lookUpBin(digits.slice(0, 8));
    // A 6-digit BIN is told only what its first 6 digits say: an 8-digit row answers at 8.
    const known = row && row.prefix.length <= length ? row : undefined;
    send({ type: 'bin', bin, ...(known ? { funding: known.funding, country: known.country, ...(known.networks ? { networks: [...known.networks] } : {}) } : {}) });
  };
}
