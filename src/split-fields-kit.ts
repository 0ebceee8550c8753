// What dist/payframe-fields.js (the split fields, src/split-fields-module.ts) takes from the
// payframe.js that loaded it instead of bundling its own copy: our modules that <payframe-checkout>
// carries anyway. Not Lit: the drop-in is no Lit element, so payframe-fields.js bundles its own. Modules that hold page-wide state must be here, so both files
// share one copy: the default fields origin (fields-origin.ts), the next-action loader (behind
// PaymentFlow) and the dropped-message count (behind FrameLink). Anything else the split fields
// import is bundled into payframe-fields.js. An entry the drop-in no longer uses costs payframe.js
// bytes: take it out. The build (scripts/vite-split-fields-kit.ts) reads this file: one
// `import { names } from 'module';` line per module, and every imported name once in the array,
// by whose positions payframe-fields.js takes them (no names cross, so none cost bytes).
import { LiveAnnouncer } from './a11y/live-announcer.ts';
import { liveRegionStyles } from './a11y/live-region.styles.ts';
import { dispatchPayframeEvent } from './events.ts';
import { checkoutError } from './host/checkout-error.ts';
import { ControllerClient } from './host/controller-client.ts';
import { resolveFieldsOrigin } from './host/fields-origin.ts';
import { FrameLink } from './host/frame-link.ts';
import { PaymentFlow } from './host/payment-flow.ts';
import { styleForFrame, warnStyleRejections } from './host/style-relay.ts';
import { localizeError } from './i18n/localize-error.ts';
import { ENGLISH, isRightToLeft, requestedLocaleTag, supportedLocale } from './i18n/messages.ts';
import { pageMessages } from './i18n/page-messages.ts';
import { FIELD_KINDS, PAYMENT_INTENT_STATUSES, PAYMENT_METHOD_TYPES } from './shared/protocol-constants.ts';
import { randomId } from './shared/random-id.ts';
import { list, number, record, text, wireParser } from './shared/wire-schema.ts';
import { ThemeController } from './themes/theme-controller.ts';
import { themeStyles } from './themes/theme.styles.ts';

export const splitFieldsKit = [
  LiveAnnouncer,
  liveRegionStyles,
  dispatchPayframeEvent,
  checkoutError,
  ControllerClient,
  resolveFieldsOrigin,
  FrameLink,
  PaymentFlow,
  styleForFrame,
  warnStyleRejections,
  localizeError,
  ENGLISH,
  isRightToLeft,
  requestedLocaleTag,
  supportedLocale,
  pageMessages,
  FIELD_KINDS,
  PAYMENT_INTENT_STATUSES,
  PAYMENT_METHOD_TYPES,
  randomId,
  list,
  number,
  record,
  text,
  wireParser,
  ThemeController,
  themeStyles,
];
