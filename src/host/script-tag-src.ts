// Script-tag build: the URL payframe.js was loaded from, read once as the file starts, while
// `document.currentScript` still points at its <script> (undefined without one, as for a module).
const script = document.currentScript;

export const scriptTagSrc = script instanceof HTMLScriptElement && script.src ? script.src : undefined;
