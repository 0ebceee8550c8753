// The card frame's payment steps as a chunk of their own (vite.config.ts): collect → validate →
// gateway (card-payments.ts), and the gateway calls a saved card's chunk is handed. The card frame
// fetches it as soon as it has said ready, so the frame's first load carries only what typing
// needs; a request that comes before the chunk has loaded waits for it. Fields origin.
export { createCardPayments } from './card-payments.ts';
export { readChallengeOrigins } from './challenge-origins.ts';
export { readConfirmAnswer } from './gateway/payment-intent-answers.ts';
export { requestWithRetries } from './gateway/stripe-compatible-gateway.ts';
