// The handover key between payframe.js and dist/payframe-fields.js: what the split fields take from
// payframe.js (src/split-fields-kit.ts) instead of carrying their own copy.
export const SPLIT_FIELDS_KIT = Symbol.for('payframe.split-fields');
