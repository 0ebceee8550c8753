// Applies a merchant's field style inside the field frame (fields origin), through the CSSOM:
// one constructed style sheet, rules with selectors we wrote, one setProperty per declaration
// that passed the allowlist here, in this realm. No CSS text from the merchant is ever parsed
// as a style sheet, so it cannot add selectors, at-rules or a second declaration.
import { FIELD_STYLE_STATES, THEME_VARIABLES, type FieldStyleState, type ThemeVariableName } from '../src/shared/style-allowlist.ts';
import { judgeFieldStyle } from '../src/shared/style-sanitizer.ts';

/**
 * The only selectors merchant declarations ever land in. `complete` and `invalid` are classes on
 * what holds an input: the body of a split field's frame, each field of the drop-in's card frame.
 */
const STATE_SELECTORS: Record<FieldStyleState, string> = {
  base: 'input',
  placeholder: 'input::placeholder',
  focus: 'input:focus',
  complete: '.complete input',
  invalid: '.invalid input',
};

export interface FieldStyleSheet {
  /** Replaces whatever merchant style was applied before; returns how many declarations took. */
  apply(style: unknown): number;
}

/**
 * Adopts an empty constructed sheet into the document. It comes after the frame's own sheet in
 * the cascade, so merchant declarations win over our defaults at equal specificity. Where the
 * browser lacks constructed sheets the fields keep their default look: the CSP forbids the
 * inline <style> a fallback would need.
 */
export function createFieldStyleSheet(document: Document): FieldStyleSheet {
  const supported = 'adoptedStyleSheets' in document && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype;
  const sheet = supported ? new CSSStyleSheet() : undefined;
  if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  function insertRule(target: CSSStyleSheet, selector: string): CSSStyleDeclaration {
    // The rule text is ours alone: a fixed selector and an empty block.
    const index = target.insertRule(`${selector} {}`, target.cssRules.length);
    return (target.cssRules[index] as CSSStyleRule).style;
  }

  /** setProperty ignores what the browser cannot parse; count only what it kept. */
  function setDeclaration(declarations: CSSStyleDeclaration, name: string, value: string): number {
    declarations.setProperty(name, value);
    return declarations.getPropertyValue(name) === '' ? 0 : 1;
  }

  return {
    apply(style) {
      if (!sheet) return 0;
      // Never trust the merchant page: check everything again, in this realm, before use.
      const { style: sanitized } = judgeFieldStyle(style);
      while (sheet.cssRules.length) sheet.deleteRule(0);
      let applied = 0;
      const variables = Object.entries(sanitized.variables ?? {});
      if (variables.length) {
        const root = insertRule(sheet, ':root');
        for (const [name, value] of variables) applied += setDeclaration(root, THEME_VARIABLES[name as ThemeVariableName].cssName, value);
      }
      for (const state of FIELD_STYLE_STATES) {
        const declarations = Object.entries(sanitized[state] ?? {});
        if (!declarations.length) continue;
        const rule = insertRule(sheet, STATE_SELECTORS[state]);
        // Never a priority: `!important` is not ours to give.
        for (const [name, value] of declarations) applied += setDeclaration(rule, name, value);
      }
      return applied;
    },
  };
}
