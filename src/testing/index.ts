// payframe/testing: what merchants' own end-to-end tests need to drive Payframe's real frames.
export { TEST_CARDS, testCard, type TestCard, type TestCardOutcome } from './test-cards.ts';
