// Entry of dist/payframe.js, the self-contained file merchants load with a <script> tag: the
// elements and a small `window.Payframe`; the style allowlist stays in the frames, where it is enforced.
import './script-tag-origin.ts';
import './script-tag-next-action.ts';
import './elements/define.ts';
import { configurePayframe } from './configure.ts';
import { droppedMessageCount } from './host/dropped-messages.ts';

declare global {
  interface Window {
    Payframe?: { configure: typeof configurePayframe; droppedMessageCount: typeof droppedMessageCount };
  }
}

window.Payframe = { configure: configurePayframe, droppedMessageCount };
