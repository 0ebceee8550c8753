// The card surfaces the bench mounts, and how it finds their inputs in either frame layout:
//   - one frame: the element's shadow root holds an iframe whose src path ends with /card.html, and the
//     inputs are #number, #expiry and #cvc inside that one frame (the drop-in after the one-frame rewrite);
//   - a frame per field: each <payframe-card-number|expiry|cvc> element's shadow root holds an iframe with
//     input#input (split fields, and the drop-in before the rewrite), beside a hidden controller frame.

export const FIELD_KINDS = /** @type {const} */ (['number', 'expiry', 'cvc']);

export const SURFACES = /** @type {const} */ ({
  checkout: { id: 'checkout', label: 'drop-in', element: '<payframe-checkout>', tag: 'payframe-checkout', page: 'checkout.html' },
  split: { id: 'split', label: 'split fields', element: '<payframe-card-group> + 3 fields', tag: 'payframe-card-group', page: 'split-fields.html' },
});

/** Creates the surface's element in the page, not yet attached. @returns {Promise<import('playwright').JSHandle>} */
export function createSurface(page, surface, publishableKey) {
  return page.evaluateHandle(createSurfaceInPage, { kind: surface.id, key: publishableKey });
}

/** Runs in the page, passed whole to evaluate. */
function createSurfaceInPage({ kind, key }) {
  if (kind === 'checkout') {
    const checkout = document.createElement('payframe-checkout');
    checkout.setAttribute('publishable-key', key);
    checkout.setAttribute('amount', '1999');
    checkout.setAttribute('currency', 'eur');
    return checkout;
  }
  const group = document.createElement('payframe-card-group');
  group.setAttribute('publishable-key', key);
  const row = document.createElement('div');
  row.className = 'split-row';
  row.append(document.createElement('payframe-card-expiry'), document.createElement('payframe-card-cvc'));
  group.append(document.createElement('payframe-card-number'), row);
  return group;
}

/** The page's script tag has run (the drop-in's element is defined): a surface can be mounted. */
export function scriptLoaded(page) {
  return page.evaluate(() => customElements.whenDefined('payframe-checkout'));
}

/**
 * Finds the mounted surface's inputs. @returns {Promise<{ layout: 'one-frame' | 'frame-per-field',
 * inputs: Record<'number'|'expiry'|'cvc', { frame: import('playwright').Frame, selector: string }>,
 * fieldsFrames: import('playwright').Frame[], requestFrame: import('playwright').Frame | undefined }>}
 * `fieldsFrames` are all the page's frames on the fields origin (the surface's, since each run has a page
 * of its own); `requestFrame` is a fields-origin frame allowed to call the gateway (controller or card frame).
 */
export async function locateInputs(page, surface, fieldsOrigin) {
  const cardFrameHandle = await page.evaluateHandle((tag) => {
    const host = document.querySelector(tag);
    const frames = [...(host?.shadowRoot?.querySelectorAll('iframe') ?? [])];
    return frames.find((frame) => new URL(frame.src, location.href).pathname.endsWith('/card.html')) ?? null;
  }, surface.tag);
  const cardFrameElement = cardFrameHandle.asElement();
  const fieldsFrames = page.frames().filter((frame) => frame !== page.mainFrame() && originOf(frame.url()) === fieldsOrigin);
  if (cardFrameElement) {
    const frame = await cardFrameElement.contentFrame();
    if (!frame) throw new Error(`${surface.element}: its card.html iframe has no document`);
    return {
      layout: 'one-frame',
      inputs: Object.fromEntries(FIELD_KINDS.map((kind) => [kind, { frame, selector: `#${kind}` }])),
      fieldsFrames,
      requestFrame: fieldsFrames.find((candidate) => pathOf(candidate.url()).endsWith('/controller.html')) ?? frame,
    };
  }
  await cardFrameHandle.dispose();
  const inputs = {};
  for (const kind of FIELD_KINDS) {
    const handle = await page.evaluateHandle(
      ([tag, fieldTag]) => {
        const host = document.querySelector(tag);
        const field = host?.shadowRoot?.querySelector(fieldTag) ?? host?.querySelector(fieldTag);
        return field?.shadowRoot?.querySelector('iframe') ?? null;
      },
      [surface.tag, `payframe-card-${kind}`],
    );
    const frame = await handle.asElement()?.contentFrame();
    if (!frame) throw new Error(`${surface.element}: no iframe found for the ${kind} field (neither a card.html frame nor payframe-card-${kind})`);
    inputs[kind] = { frame, selector: 'input#input' };
  }
  return {
    layout: 'frame-per-field',
    inputs: /** @type {any} */ (inputs),
    fieldsFrames,
    requestFrame: fieldsFrames.find((candidate) => pathOf(candidate.url()).endsWith('/controller.html')),
  };
}

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function pathOf(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
