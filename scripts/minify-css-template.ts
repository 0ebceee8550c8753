// Minifies the CSS inside Lit `css` tagged templates at build time: the bundler minifies the
// JavaScript around them but ships their text as written, indentation and all. Conservative on
// purpose: comments go, whitespace collapses and disappears next to `{ } ; , >` and after `:`,
// quoted strings are left exactly as they are, and `${…}` interpolations are kept untouched.

/** The minified text of one static part of a CSS template (between interpolations). */
export function minifyCss(css: string): string {
  // Split out quoted strings so nothing inside them changes.
  return css
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, index) => (index % 2 === 1 ? part : minifyOutsideStrings(part)))
    .join('');
}

function minifyOutsideStrings(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Source text with every css`…` template's static parts minified (a template holding a backtick is left alone). */
export function minifyCssTemplates(source: string): string {
  return source.replace(/\bcss`([^`]*)`/g, (_match, body: string) => {
    const parts = body.split(/(\$\{[^}]*\})/);
    const minified = parts.map((part, index) => (index % 2 === 1 ? part : minifyCss(part))).join('');
    return `css\`${minified.trim()}\``;
  });
}
