// Entry of dist/payframe.js, the self-contained file merchants load with a <script> tag.
import './script-tag-origin.ts';
import { configurePayframe, droppedMessageCount } from './index.ts';

declare global {
  interface Window {
    Payframe?: { configure: typeof configurePayframe; droppedMessageCount: typeof droppedMessageCount };
  }
}

window.Payframe = { configure: configurePayframe, droppedMessageCount };
