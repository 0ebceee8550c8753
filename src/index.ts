// Payframe's merchant-side SDK, for `import` in single-page apps. Importing it registers the
// custom elements. The card fields themselves run on the fields origin, never in this realm.
import './elements/define.ts';
import { setNextActionLoader } from './host/next-action-loader.ts';

// The 3-D Secure modal, the full-page fallback and Stripe mode are a chunk of their own, fetched
// only when a payment's bank asks for something.
setNextActionLoader(() => import('./host/next-action.ts').then((module) => module.runNextAction));

export { PayframeCheckout } from './elements/checkout.ts';
export { PayframeCardGroupElement } from './elements/card-group.ts';
export { PayframeCardField, PayframeCardNumber, PayframeCardExpiry, PayframeCardCvc, PayframeCardName, PayframeCardCountry, PayframeCardPostal } from './elements/card-field.ts';
export { droppedMessageCount } from './host/dropped-messages.ts';
export { formatAmount } from './format-amount.ts';
export { CARD_BRANDS, CARD_BRAND_NAMES, type CardBrand } from './shared/card-brands.ts';
export { ERROR_MESSAGES, type CheckoutErrorCode, type FieldErrorCode } from './shared/errors.ts';
export type { CheckoutError, FieldKind, FieldState, PaymentIntentSummary, PaymentMethod, PaymentResult, SetupIntentSummary, SetupResult, SplitFieldKind, TokenizeResult } from './shared/protocol.ts';
export { STYLE_ERROR_MESSAGES } from './shared/style-explanations.ts';
export { sanitizeFieldStyle } from './shared/style-check.ts';
export type { FieldStyleDeclarations, FieldThemeVariables, PayframeFieldStyle, SanitizedFieldStyle, StyleErrorCode, StyleRejection } from './shared/style-sanitizer.ts';
export { FIELD_STYLE_STATES, STYLE_PROPERTIES, THEME_VARIABLES, type FieldStyleState, type ThemeVariableName } from './shared/style-allowlist.ts';
export type * from './events.ts';

export { configurePayframe, type PayframeConfig } from './configure.ts';
