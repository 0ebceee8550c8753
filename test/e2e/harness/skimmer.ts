// A skimmer, as a Magecart script on the merchant page would be: the recorder `payframe audit`
// ships (src/node/audit/realm-recorder.ts), one copy for the audit and for these tests.
export { collectLoot, installSkimmer, type SkimmerLoot } from '../../../src/node/audit/realm-recorder.ts';
