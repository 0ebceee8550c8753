// The merchant style allowlist and sanitizer (shared code, run by the merchant page and again by
// the field frame), in Chromium: what passes, and every kind of hostile value it must refuse.
import { expect } from '@esm-bundle/chai';
import { fieldCommandSchema } from '../../src/shared/protocol.ts';
import { FIELD_STYLE_STATES, MAX_STYLE_PROPERTIES, MAX_STYLE_VALUE_LENGTH, STYLE_PROPERTIES, THEME_VARIABLES } from '../../src/shared/style-allowlist.ts';
import { explainStyleRejection, STYLE_ERROR_MESSAGES } from '../../src/shared/style-explanations.ts';
import { describeStyleRejection, judgeFieldStyle, mergeFieldStyles, type StyleErrorCode } from '../../src/shared/style-sanitizer.ts';
import { sanitizeFieldStyle } from '../../src/shared/style-check.ts';
import { cssNameOf, FRAME_VARIABLE_NAMES } from '../../src/themes/frame-theme.ts';

/** Sanitizes `{ base: { [property]: value } }` and returns what survived plus the rejections. */
function sanitizeOne(property: string, value: unknown) {
  return sanitizeFieldStyle({ base: { [property]: value } });
}

/** A rejected declaration: exactly one rejection with this code, and nothing of it in the output. */
function expectRejected(property: string, value: unknown, code: StyleErrorCode): void {
  const { style, rejections } = sanitizeOne(property, value);
  const label = `${property}: ${String(value).slice(0, 80)}`;
  expect(rejections.map((rejection) => rejection.code), label).to.deep.equal([code]);
  expect(rejections[0]!.property, label).to.equal(`base.${property}`);
  expect(style.base, label).to.deep.equal({});
  if (typeof value === 'string' && value.length > 3) expect(JSON.stringify(style), label).not.to.contain(value);
}

const ACCEPTED: Record<string, string[]> = {
  color: ['#333', '#1a1f36', '#1A1F36CC', '#abcd', 'rgb(26, 31, 54)', 'rgba(26,31,54,0.5)', 'rgb(10% 20% 30% / 50%)', 'hsl(230, 35%, 16%)', 'hsla(230deg 35% 16% / .8)', 'RebeccaPurple', 'transparent', 'currentColor', 'var(--payframe-color-text)', 'inherit'],
  'background-color': ['white', '#fff0', 'rgba(0, 0, 0, 0)'],
  'caret-color': ['auto', '#0a84ff'],
  opacity: ['0', '1', '0.5', '.75', '60%'],
  'font-family': ['Inter', '"Helvetica Neue", Arial, sans-serif', "'Noto Sans JP', system-ui", '-apple-system, BlinkMacSystemFont', 'Open Sans', 'var(--payframe-font-family)'],
  'font-size': ['16px', '1.25rem', '0.9em', '120%', 'large', 'var(--payframe-font-size-base)'],
  'font-weight': ['400', 'bold', 'lighter', 'var(--payframe-font-weight)'],
  'font-style': ['italic', 'normal', 'oblique'],
  'font-variant': ['small-caps', 'tabular-nums', 'tabular-nums slashed-zero', 'normal'],
  'letter-spacing': ['0.05em', '-0.5px', 'normal', 'var(--payframe-letter-spacing)'],
  'line-height': ['1.5', '24px', 'normal'],
  padding: ['0', '0 12px', '4px 8px 4px 8px', '0 var(--payframe-spacing-inline)'],
  'padding-top': ['2px'],
  'padding-right': ['0.5em'],
  'padding-bottom': ['var(--payframe-spacing-inline)'],
  'padding-left': ['12px'],
  'text-align': ['center', 'right', 'start'],
  'text-transform': ['uppercase', 'none'],
  'text-decoration': ['underline', 'underline dotted #df1b41', 'none', 'line-through 2px rgb(1 2 3)'],
  'text-shadow': ['none', '1px 1px 2px #000', '0 0 1px rgba(0,0,0,.3), -1px 0 red', 'var(--payframe-color-danger) 1px 1px'],
};

describe('sanitizeFieldStyle: accepted values', () => {
  for (const [property, values] of Object.entries(ACCEPTED)) {
    it(`accepts ${property}: ${values.join(' | ')}`, () => {
      for (const value of values) {
        const { style, rejections } = sanitizeOne(property, value);
        expect(rejections, `${property}: ${value}`).to.deep.equal([]);
        expect(style.base, `${property}: ${value}`).to.deep.equal({ [property]: value });
      }
    });
  }

  it('accepts only what Chromium itself parses as valid CSS', () => {
    for (const [property, values] of Object.entries(ACCEPTED)) {
      for (const value of values) expect(CSS.supports(property, value), `${property}: ${value}`).to.equal(true);
    }
  });

  it('covers every property of the allowlist with accepted examples', () => {
    expect(Object.keys(ACCEPTED).sort()).to.deep.equal(Object.keys(STYLE_PROPERTIES).sort());
  });

  it('takes camelCase names and number values, and gives back CSS names and strings', () => {
    const { style, rejections } = sanitizeFieldStyle({ base: { fontSize: '18px', fontWeight: 600, opacity: 0.8, backgroundColor: '#fff', COLOR: 'red' } });
    expect(rejections).to.deep.equal([]);
    expect(style.base).to.deep.equal({ 'font-size': '18px', 'font-weight': '600', opacity: '0.8', 'background-color': '#fff', color: 'red' });
  });

  it('accepts every state and the theme variables, and is idempotent', () => {
    const input = {
      base: { color: 'var(--payframe-color-text)' },
      placeholder: { color: '#8792a2' },
      focus: { color: '#000' },
      complete: { color: 'green' },
      invalid: { color: 'var(--payframe-color-danger)' },
      variables: { colorText: '#1a1f36', colorDanger: '#df1b41', fontFamily: 'Inter, sans-serif', fontSizeBase: '16px', fontWeight: 500, letterSpacing: '-0.01em', spacingInline: '8px' },
    };
    const first = sanitizeFieldStyle(input);
    expect(first.rejections).to.deep.equal([]);
    expect(first.style.variables).to.deep.equal({ ...input.variables, fontWeight: '500' });
    expect(sanitizeFieldStyle(first.style)).to.deep.equal(first);
  });

  it("accepts the README's example whole", () => {
    const { rejections } = sanitizeFieldStyle({
      variables: { colorText: '#1a1f36', colorDanger: '#df1b41', fontFamily: '"Inter", system-ui, sans-serif', fontSizeBase: '16px' },
      base: { fontWeight: 500, letterSpacing: '0.02em' },
      placeholder: { color: '#8792a2' },
      focus: { color: '#0a2540' },
      invalid: { color: 'var(--payframe-color-danger)' },
      complete: { color: '#1a7f37' },
    });
    expect(rejections).to.deep.equal([]);
  });

  it('treats undefined and null as no style, without warnings', () => {
    expect(sanitizeFieldStyle(undefined)).to.deep.equal({ style: {}, rejections: [] });
    expect(sanitizeFieldStyle(null)).to.deep.equal({ style: {}, rejections: [] });
  });

  it('keeps the rest of a style when one declaration is rejected', () => {
    const { style, rejections } = sanitizeFieldStyle({ base: { color: 'url(http://attacker.invalid/)', fontSize: '20px' }, focus: { color: 'blue' } });
    expect(rejections.map((rejection) => [rejection.code, rejection.property])).to.deep.equal([['style_value_not_allowed', 'base.color']]);
    expect(style).to.deep.equal({ base: { 'font-size': '20px' }, focus: { color: 'blue' } });
  });
});

describe('sanitizeFieldStyle: attacks it refuses', () => {
  it('attack: url() in a colour, in any case, loads nothing', () => {
    for (const value of ['url(http://attacker.invalid/?x)', 'URL(http://attacker.invalid/)', 'red url(//attacker.invalid)', 'Url("x")']) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('attack: properties that take images or content are not on the list', () => {
    for (const property of ['background-image', 'backgroundImage', 'background', 'list-style-image', 'content', 'cursor', 'border-image', 'mask', 'filter', 'behavior', '-moz-binding', 'src', '--anything', 'constructor', '__proto__']) {
      expectRejected(property, 'red', 'style_property_not_allowed');
    }
  });

  it('attack: image-set(), image(), cross-fade(), element(), paint() are refused', () => {
    for (const value of ['image-set("x.png" 1x)', '-webkit-image-set(x 1x)', 'image(red)', 'cross-fade(red, blue)', 'element(#x)', 'paint(worklet)']) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('attack: @import and other at-rules are refused', () => {
    expectRejected('color', "@import 'http://attacker.invalid/x.css'", 'style_value_not_allowed');
    expectRejected('font-family', '@font-face', 'style_value_not_allowed');
    expectRejected('@import', 'red', 'style_property_not_allowed');
  });

  it('attack: attr() cannot read the typed value', () => {
    expectRejected('font-family', 'attr(value)', 'style_value_not_allowed');
    expectRejected('color', 'ATTR(value type(<color>))', 'style_value_not_allowed');
  });

  it('attack: expression() and javascript: are refused', () => {
    expectRejected('color', 'expression(alert(1))', 'style_value_not_allowed');
    expectRejected('font-family', 'javascript:alert(1)', 'style_value_not_allowed');
  });

  it('attack: CSS escapes such as \\75 rl( are refused', () => {
    for (const value of ['\\75 rl(http://attacker.invalid)', 're\\64', '\\000075rl(x)']) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('attack: var() to a name that is not a theme variable is refused', () => {
    for (const value of ['var(--unknown)', 'var(--payframe-unknown)', 'var(--PAYFRAME-COLOR-TEXT)', 'var(--payframe-color-text, red)', 'var(--payframe-color-text']) {
      expectRejected('color', value, 'style_variable_unknown');
    }
  });

  it('attack: a variable of the wrong kind does not fit the property', () => {
    expectRejected('font-size', 'var(--payframe-color-text)', 'style_value_not_allowed');
  });

  it('attack: a selector smuggled after a semicolon and brace is refused', () => {
    expectRejected('color', 'red; } input[value^="4"] { color: blue', 'style_value_not_allowed');
    expectRejected('color', 'red}input{color:blue', 'style_value_not_allowed');
    expectRejected('color', 'red; background-image: url(x)', 'style_value_not_allowed');
  });

  it('attack: a selector as a state name is refused', () => {
    const { style, rejections } = sanitizeFieldStyle({ 'input[value^="4"]': { color: 'blue' }, ':hover': { color: 'red' }, hover: { color: 'red' } });
    expect(rejections.map((rejection) => [rejection.code, rejection.property])).to.deep.equal([
      ['style_state_unknown', 'input[value^="4"]'],
      ['style_state_unknown', ':hover'],
      ['style_state_unknown', 'hover'],
    ]);
    expect(style).to.deep.equal({});
  });

  it('attack: !important smuggling is refused', () => {
    for (const value of ['red !important', 'red!IMPORTANT', 'red ! important']) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('attack: comments, markup and control characters are refused', () => {
    for (const value of ['re/**/d', 'red /* x */', '</style><script>alert(1)</script>', 'red\nblue', 'red\u0000']) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('attack: a 10,000-character value is refused as too long', () => {
    expectRejected('font-family', 'a'.repeat(10_000), 'style_too_long');
    expectRejected('color', `#${'f'.repeat(201)}`, 'style_too_long');
  });

  it('attack: too many properties in one state refuses the state, not the others', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_STYLE_PROPERTIES + 1 }, (_, index) => [`x${index}`, 'red']));
    const { style, rejections } = sanitizeFieldStyle({ base: many, focus: { color: 'blue' } });
    expect(rejections).to.have.length(1);
    expect(rejections[0]).to.include({ code: 'style_too_many_properties', property: 'base' });
    expect(style).to.deep.equal({ focus: { color: 'blue' } });
  });

  it('attack: values that are not strings or numbers are refused', () => {
    for (const value of [{ toString: () => 'url(x)' }, ['red'], true, Number.NaN, Infinity, null]) expectRejected('color', value, 'style_value_not_allowed');
  });

  it('refuses a colour word the browser does not know, in a declaration, a shadow and a variable', () => {
    expectRejected('color', 'bleu', 'style_value_not_allowed');
    expectRejected('text-shadow', '1px 1px bleu', 'style_value_not_allowed');
    const { style, rejections } = sanitizeFieldStyle({ variables: { colorText: 'bleu', colorDanger: 'crimson' } });
    expect(rejections.map(({ code, property }) => `${code} ${property}`)).to.deep.equal(['style_value_not_allowed variables.colorText']);
    expect(style.variables).to.deep.equal({ colorDanger: 'crimson' });
  });

  it('attack: out-of-bound and malformed values do not match their pattern', () => {
    for (const [property, value] of [
      ['font-size', '99999px'],
      ['font-size', '-4px'],
      ['padding', '1px 2px 3px 4px 5px'],
      ['color', 'rgb(a, b, c)'],
      ['color', 'notacolor'],
      ['color', '#12345'],
      ['opacity', '2'],
      ['font-family', 'Arial; color'],
      ['font-family', '"unterminated'],
      ['font-weight', '450px'],
      ['text-shadow', '1px 1px 1px 1px 1px'],
      ['font-size', ''],
    ] as const) {
      expectRejected(property, value, 'style_value_not_allowed');
    }
  });

  it('attack: theme variables take literals only, by their known names', () => {
    const { style, rejections } = sanitizeFieldStyle({
      variables: { colorText: 'var(--payframe-color-danger)', colorDanger: 'url(http://attacker.invalid/)', unknownThing: 'red', '--payframe-color-text': 'red', fontSizeBase: '16px' },
    });
    expect(rejections.map((rejection) => [rejection.code, rejection.property])).to.deep.equal([
      ['style_variable_unknown', 'variables.colorText'],
      ['style_value_not_allowed', 'variables.colorDanger'],
      ['style_variable_unknown', 'variables.unknownThing'],
      ['style_variable_unknown', 'variables.--payframe-color-text'],
    ]);
    expect(style).to.deep.equal({ variables: { fontSizeBase: '16px' } });
  });

  it('attack: a style that is not a plain object, or a throwing getter, never throws', () => {
    for (const style of ['color: red', 42, ['base'], new Map(), new (class Styled {})()]) {
      const result = sanitizeFieldStyle(style);
      expect(result.style).to.deep.equal({});
      expect(result.rejections.map((rejection) => rejection.code)).to.deep.equal(['style_not_an_object']);
    }
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(sanitizeFieldStyle({ base: trap }).rejections.map((rejection) => rejection.code)).to.deep.equal(['style_not_an_object']);
    const getter = { get color(): string { throw new Error('getter'); } };
    expect(sanitizeFieldStyle({ base: getter }).rejections.map((rejection) => rejection.code)).to.deep.equal(['style_not_an_object']);
  });

  it('attack: huge names are shortened in the rejection, and values never appear in it', () => {
    const { rejections } = sanitizeFieldStyle({ base: { ['x'.repeat(5000)]: 'red', color: 'url(http://attacker.invalid/secret)' } });
    expect(rejections[0]!.property.length).to.be.below(80);
    expect(JSON.stringify(rejections)).not.to.contain('attacker.invalid');
  });

  it('attack: pathological values are decided quickly', () => {
    const started = performance.now();
    for (const value of ['a '.repeat(99), `${'a,'.repeat(99)}!`, `${'1px '.repeat(49)}x`, `rgb(${'1,'.repeat(60)}`]) sanitizeOne('font-family', value);
    for (const value of [`${'1px '.repeat(49)}x`, `${'#fff 1px '.repeat(22)}`]) sanitizeOne('text-shadow', value);
    expect(performance.now() - started).to.be.below(200);
  });
});

describe('style helpers', () => {
  it('layers a field style over its group style, state by state', () => {
    const group = sanitizeFieldStyle({ base: { color: 'red', fontSize: '16px' }, variables: { colorText: '#111' } }).style;
    const field = sanitizeFieldStyle({ base: { color: 'blue' }, invalid: { color: 'orange' } }).style;
    expect(mergeFieldStyles(group, field)).to.deep.equal({ base: { color: 'blue', 'font-size': '16px' }, invalid: { color: 'orange' }, variables: { colorText: '#111' } });
    expect(mergeFieldStyles(undefined, undefined)).to.deep.equal({});
  });

  it('describes a rejection with its code and property, for the console', () => {
    const [rejection] = sanitizeOne('backgroundImage', 'url(x)').rejections;
    const line = describeStyleRejection('<payframe-checkout> fieldStyle', rejection!);
    expect(line).to.contain('style_property_not_allowed');
    expect(line).to.contain('base.backgroundImage');
    expect(line).not.to.contain('url(x)');
  });

  it('lists each theme variable once, under --payframe-', () => {
    const names = Object.values(THEME_VARIABLES).map((variable) => variable.cssName);
    expect(new Set(names).size).to.equal(names.length);
    expect(names.every((name) => /^--payframe-[a-z-]+$/.test(name))).to.equal(true);
  });
});

describe('a style on the wire (configure command)', () => {
  it('carries the group and own layers as plain data, for the frame\'s sanitizer to judge', () => {
    const style = { group: { base: { color: 'red' }, 'input[value^="4"]': { color: 'blue' } }, own: { variables: { colorText: '#111' } } };
    const parsed = fieldCommandSchema.safeParse({ type: 'configure', options: { style } });
    expect(parsed.success).to.equal(true);
    // The selector-shaped key arrives, and the frame's sanitizer is what refuses it.
    const { style: sanitized, rejections } = sanitizeFieldStyle(parsed.data!.type === 'configure' ? parsed.data!.options.style!.group : undefined);
    expect(sanitized).to.deep.equal({ base: { color: 'red' } });
    expect(rejections.map((rejection) => rejection.code)).to.deep.equal(['style_state_unknown']);
  });

  it('drops a configure command whose style is not an object of layers', () => {
    for (const style of ['color: red', 42, null, ['base']]) {
      expect(fieldCommandSchema.safeParse({ type: 'configure', options: { style } }).success, JSON.stringify(style)).to.equal(false);
    }
  });
});

describe('the theme variables the page sends the frames', () => {
  it('are exactly the allowlist\'s theme variables, each under the custom property the frames read', () => {
    expect([...FRAME_VARIABLE_NAMES].sort()).to.deep.equal(Object.keys(THEME_VARIABLES).sort());
    for (const name of FRAME_VARIABLE_NAMES) expect(cssNameOf(name)).to.equal(THEME_VARIABLES[name].cssName);
  });
});

describe('the theme variables of the card frame\'s boxes', () => {
  it('accept the built-in themes\' values and refuse anything that could load or break out', () => {
    const accepted = { borderWidth: '0 0 1px', boxShadow: '0 1px 1px rgba(0, 0, 0, 0.03), 0 3px 6px rgba(0, 0, 0, 0.02)', radius: '0', focusRing: 'rgba(94,160,255,.6)', fieldHeight: '44px', colorBorder: '#7a8396' };
    const { style, rejections } = sanitizeFieldStyle({ variables: { ...accepted, colorLabel: '#c9ced8', spacing: '12px', colorPrimary: '#1f6fd6' } });
    expect(rejections).to.deep.equal([]);
    expect(style.variables).to.include(accepted);
    expect(sanitizeFieldStyle({ variables: { boxShadow: 'none' } }).rejections).to.deep.equal([]);
    for (const [name, value] of [
      ['boxShadow', 'url(https://evil.example/x)'],
      ['boxShadow', '0 0 0 3px red; background: url(x)'],
      ['borderWidth', '1px 1px 1px 1px 1px'],
      ['borderWidth', 'var(--payframe-radius)'],
      ['radius', 'expression(alert(1))'],
      ['fieldHeight', '44px !important'],
    ] as const) {
      const result = sanitizeFieldStyle({ variables: { [name]: value } });
      expect(result.rejections, `${name}: ${value}`).to.have.length(1);
      expect(result.style.variables ?? {}, `${name}: ${value}`).to.deep.equal({});
    }
  });
});

describe('the words of a refused style (style-explanations.ts, a chunk of its own)', () => {
  it('names every style state, every theme variable and the limits as the allowlist has them', () => {
    expect(STYLE_ERROR_MESSAGES.style_state_unknown).to.equal(`Not a style state. Use ${FIELD_STYLE_STATES.join(', ')} or variables.`);
    expect(STYLE_ERROR_MESSAGES.style_variable_unknown).to.equal(`Not a theme variable. Use ${Object.keys(THEME_VARIABLES).join(', ')}; in values, var(--payframe-…) without a fallback.`);
    expect(STYLE_ERROR_MESSAGES.style_too_long).to.equal(`The value is longer than ${MAX_STYLE_VALUE_LENGTH} characters.`);
    expect(STYLE_ERROR_MESSAGES.style_too_many_properties).to.equal(`More than ${MAX_STYLE_PROPERTIES} properties in one state.`);
  });

  it('a judged refusal carries codes only; explained, it reads as its code, its hint and what to write instead', () => {
    const { rejections } = judgeFieldStyle({ base: { color: '', fontSize: 'url(x)', '--x': 'red' }, hover: {}, variables: 'red' });
    expect(rejections.every((rejection) => !('message' in rejection))).to.equal(true);
    expect(rejections.map(explainStyleRejection)).to.deep.equal([
      { code: 'style_value_not_allowed', property: 'base.color', message: 'This value is not allowed for the property. The value is empty.' },
      { code: 'style_value_not_allowed', property: 'base.fontSize', message: 'This value is not allowed for the property. It contains "url(", which could load a resource.' },
      { code: 'style_property_not_allowed', property: 'base.--x', message: 'This CSS property is not on the allowlist. Set theme variables under "variables".' },
      { code: 'style_state_unknown', property: 'hover', message: STYLE_ERROR_MESSAGES.style_state_unknown },
      { code: 'style_not_an_object', property: 'variables', message: `${STYLE_ERROR_MESSAGES.style_not_an_object} Variables are an object such as { colorText: "#333" }.` },
    ]);
  });
});
