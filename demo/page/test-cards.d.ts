// The types of /test-cards.js, which the demo's server makes from src/testing/test-cards.ts (demo/merchant/merchant-server.ts).
export declare const TEST_CARDS: readonly import('../../src/testing/test-cards.ts').TestCard[];
