// Characters a name shown to the shopper must not carry: control characters and the bidirectional
// formatting marks, which reorder the text around them on screen (a right-to-left override inside a
// merchant's name would show the mandate's next words reversed). Joiners (ZWJ, ZWNJ) stay: some
// scripts spell names with them. Runs only on the fields origin.

export const DISPLAY_CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
export const DISPLAY_CONTROLS_GLOBAL = new RegExp(DISPLAY_CONTROLS.source, 'gu');
