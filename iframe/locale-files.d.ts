// The locale chunks the build emits (scripts/vite-locale-chunks.ts): locale code -> file, relative to the page's script.
declare module 'virtual:payframe-locale-files' {
  const files: Partial<Record<string, string>>;
  export default files;
}

// A lazy chunk of the card frame (scripts/vite-lazy-frame-chunk.ts): its URL, relative to the page.
declare module 'virtual:payframe-lazy/*' {
  const url: string;
  export default url;
}

// The card frame's bank debits, a build of their own (vite.config.ts, mode `bank`): their URL, relative to the page.
declare module 'virtual:payframe-bank-chunk' {
  const url: string;
  export default url;
}

// The card frame's payment steps, a build of their own (vite.config.ts, mode `payments`): their URL, relative to the page.
declare module 'virtual:payframe-payments-chunk' {
  const url: string;
  export default url;
}
