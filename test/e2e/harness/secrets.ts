// The card a hostile-merchant test types, and how to find any trace of it in text.

/** A Visa test card the demo page does not print anywhere, so any sighting is a leak. */
export const SECRET_CARD = { number: '4111111111111111', expiry: '1234', cvc: '917' } as const;

export function findSecrets(text: string, card: { number: string; cvc: string } = SECRET_CARD): string[] {
  const spaced = card.number.replace(/(\d{4})(?=\d)/g, '$1 ');
  const patterns: [string, RegExp][] = [
    ['card number', new RegExp(card.number)],
    ['card number as displayed', new RegExp(spaced.slice(0, 17))],
    ['first 12 digits', new RegExp(card.number.slice(0, 12))],
    // Three digits appear inside ids and timestamps; the CVC alone, as its own token, must not.
    ['CVC', new RegExp(`(?<![A-Za-z0-9])${card.cvc}(?![A-Za-z0-9])`)],
  ];
  return patterns.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}
