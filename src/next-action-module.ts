// Entry of dist/payframe-next-action.js: what runs a bank's next action (next-action.ts) as a module
// file of its own, which the script-tag build loads only when a payment needs it
// (script-tag-next-action.ts). Hands it over on a global that only that loader reads.
import { NEXT_ACTION_GLOBAL } from './host/next-action-global.ts';
import { runNextAction } from './host/next-action.ts';

(window as unknown as Record<symbol, unknown>)[NEXT_ACTION_GLOBAL] = runNextAction;
