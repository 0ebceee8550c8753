// First module of the script-tag build: remembers the origin payframe.js was served from, which
// is where the card fields live unless an element says otherwise. Must run before the elements
// are defined, while `document.currentScript` still points at our <script>.
import { setDefaultFieldsOrigin } from './host/fields-origin.ts';

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.src) setDefaultFieldsOrigin(script.src);
