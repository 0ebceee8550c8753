// Entry of dist/payframe.js, the self-contained file merchants load with a <script> tag: the
// drop-in and a small `window.Payframe`; the style allowlist stays in the frames, where it is
// enforced. The split fields and the next-action code are files of their own, fetched when needed.
import './script-tag-origin.ts';
import './script-tag-next-action.ts';
import { loadSplitFields } from './script-tag-split-fields.ts';
import './elements/define-checkout.ts';
import { configurePayframe } from './configure.ts';
import { droppedMessageCount } from './host/dropped-messages.ts';

declare global {
  interface Window {
    Payframe?: { configure: typeof configurePayframe; droppedMessageCount: typeof droppedMessageCount; loadSplitFields: typeof loadSplitFields };
  }
}

window.Payframe = { configure: configurePayframe, droppedMessageCount, loadSplitFields };
