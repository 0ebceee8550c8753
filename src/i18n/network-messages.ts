// The co-badged card's network chooser's text: English here, each locale's in its file under
// ./locales. Only the chooser's chunk carries the English (most cards are not co-badged, so most
// checkouts never download it), so it is apart from messages.ts' tables.
export const ENGLISH_NETWORK_TEXTS = {
  /** The chooser's name for screen readers; its value (the network's name) is read with it. */
  networkLabel: 'Card network',
} as const;

export type NetworkTexts = Record<keyof typeof ENGLISH_NETWORK_TEXTS, string>;
export const NETWORK_TEXT_KEYS = /* @__PURE__ */ Object.keys(ENGLISH_NETWORK_TEXTS) as (keyof NetworkTexts)[];
