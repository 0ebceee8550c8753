// The leak probe's card and how to find it (Node, ships; pure): a fresh test card per run, every
// form its number or CVC could take in what the page's realm recorded, and redaction so the
// audit's own output never carries the number.
import type { Leak } from './audit-report.ts';

export interface ProbeCard {
  number: string;
  /** MMYY, as typed. */
  expiry: string;
  cvc: string;
}

/** A place the page's realm could have put the card, and its text. */
export interface Sighting {
  where: string;
  text: string;
}

function luhnCheckDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A Luhn-valid 16-digit Visa number no page can know in advance, and a CVC that does not occur as
 * its own token in `pageText` (what the page held before typing), so a sighting is a leak, not a coincidence.
 */
export function newProbeCard(pageText: string, random: () => number = Math.random): ProbeCard {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const partial = `4${digits(14)}`;
  let cvc = digits(3);
  for (let tries = 0; tries < 50 && cvcPattern(cvc).test(pageText); tries++) cvc = digits(3);
  return { number: `${partial}${luhnCheckDigit(partial)}`, expiry: '1234', cvc };
}

// Three digits appear inside ids and timestamps; the CVC alone, as its own token, must not.
const cvcPattern = (cvc: string) => new RegExp(`(?<![A-Za-z0-9])${cvc}(?![A-Za-z0-9])`);

/** Each form the card could take, with the pattern that finds it. */
function cardForms(card: ProbeCard): [string, RegExp][] {
  const spaced = card.number.replace(/(\d{4})(?=\d)/g, '$1 ');
  return [
    ['digits', new RegExp(card.number)],
    ['as displayed', new RegExp(spaced)],
    ['first 12 digits', new RegExp(card.number.slice(0, 12))],
    // Key by key into a JSON array, dashes, dots: up to 8 non-digits between digits.
    ['digits with separators', new RegExp(card.number.split('').join('\\D{1,8}'))],
    ['base64', new RegExp(btoa(card.number).replace(/=+$/, '').replace(/[+/]/g, '\\$&'))],
    ['CVC', cvcPattern(card.cvc)],
  ];
}

/** Every place that held the card in some form: one leak per place, naming its most telling form (full digits first). */
export function findLeaks(sightings: readonly Sighting[], card: ProbeCard): Leak[] {
  const forms = cardForms(card);
  const best = new Map<string, number>();
  for (const { where, text } of sightings) {
    const index = forms.findIndex(([, pattern]) => pattern.test(text));
    if (index >= 0 && index < (best.get(where) ?? forms.length)) best.set(where, index);
  }
  return [...best].map(([where, index]) => ({ where, form: forms[index]![0] }));
}

/** The number in any of its forms becomes `[card number]`: applied to everything the audit prints. */
export function redactCard(text: string, card: ProbeCard): string {
  let redacted = text;
  for (const [name, pattern] of cardForms(card)) {
    if (name === 'CVC') continue;
    redacted = redacted.replace(new RegExp(pattern.source, 'g'), '[card number]');
  }
  return redacted;
}

/** A URL for a finding: origin and path only, since a query string can carry the card itself. */
export function describeUrl(url: string, base?: string): string {
  try {
    const parsed = new URL(url, base);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(a URL that does not parse)';
  }
}

/**
 * The recorder's lines (`<kind>: <data>`, see realm-recorder.ts) as places: key presses are put
 * back together in order, since one key per event never spells the number.
 */
export function sightingsFromRecords(records: readonly string[], pageUrl: string): Sighting[] {
  const sightings: Sighting[] = [];
  const keys: string[] = [];
  for (const record of records) {
    const separator = record.indexOf(': ');
    const kind = separator < 0 ? record : record.slice(0, separator);
    const text = separator < 0 ? '' : record.slice(separator + 2);
    let data: { url?: string; key?: string } = {};
    try {
      data = JSON.parse(text) as typeof data;
    } catch {
      // Plain text (a cookie, an xhr body): kept as is.
    }
    if (kind === 'window keydown' && typeof data?.key === 'string') keys.push(data.key.length === 1 ? data.key : ' ');
    sightings.push({ where: describeRecord(kind, data, pageUrl), text });
  }
  sightings.push({ where: 'key presses heard by the page', text: keys.join('') });
  return sightings;
}

function describeRecord(kind: string, data: { url?: string } | null, pageUrl: string): string {
  const url = typeof data?.url === 'string' ? ` to ${describeUrl(data.url, pageUrl)}` : '';
  if (kind === 'fetch') return `a fetch${url}`;
  if (kind === 'beacon') return `a beacon${url}`;
  if (kind === 'xhr') return 'an XMLHttpRequest body';
  if (kind === 'storage') return 'web storage';
  if (kind === 'cookie') return 'a cookie the page set';
  if (kind.startsWith('console.')) return `the console (${kind})`;
  if (kind.startsWith('port ')) return `a MessagePort message (${kind.slice(5)})`;
  if (kind.startsWith('dispatch ')) return `an event the page dispatched (${kind.slice(9)})`;
  if (kind.startsWith('window ')) return `${/^[aeiou]/.test(kind.slice(7)) ? 'an' : 'a'} ${kind.slice(7)} event heard by the page`;
  return kind;
}
