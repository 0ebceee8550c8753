// Minifies the CSS inside `css` tagged templates (Lit's, and the drop-in's String.raw one) at build time: the bundler minifies the
// JavaScript around them but ships their text as written, indentation and all. Conservative on
// purpose: comments go (quotes inside them too), whitespace collapses and disappears next to
// `{ } ; , >` and after `:`, a number's leading zero goes (`0.5s` is `.5s`), quoted strings are left
// exactly as they are, and `${…}` interpolations are kept untouched.

/** The minified text of one static part of a CSS template (between interpolations). */
export function minifyCss(css: string): string {
  // One left-to-right pass over quoted strings and comments, so a quote inside a comment starts no
  // string and a comment marker inside a string starts no comment. Strings are kept exactly as they
  // are; a comment becomes a space (it separates tokens in CSS) and the text between strings is
  // minified whole, so dropping a comment leaves no gap the minifier cannot see across.
  let minified = '';
  let outside = '';
  for (const [index, part] of css.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\/)/).entries()) {
    if (index % 2 === 0) outside += part;
    else if (part.startsWith('/*')) outside += ' ';
    else {
      minified += minifyOutsideStrings(outside) + part;
      outside = '';
    }
  }
  return minified + minifyOutsideStrings(outside);
}

function minifyOutsideStrings(css: string): string {
  return css
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/([\s(,:])0\.(\d)/g, '$1.$2')
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
