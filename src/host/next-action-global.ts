// The handover key between dist/payframe-next-action.js and the script tag that loads it.
export const NEXT_ACTION_GLOBAL = Symbol.for('payframe.next-action');
