// First module of the script-tag build: remembers the origin payframe.js was served from, which
// is where the card fields live unless an element says otherwise. Must run before the elements
// are defined, while `document.currentScript` still points at our <script>.
import { setDefaultFieldsOrigin } from './host/fields-origin.ts';
import { scriptTagSrc } from './host/script-tag-src.ts';

if (scriptTagSrc) setDefaultFieldsOrigin(scriptTagSrc);
