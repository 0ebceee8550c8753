// Script-tag build: loads a module file that sits beside payframe.js (payframe-next-action.js,
// payframe-fields.js), pinned by the Subresource Integrity hash the build wrote into payframe.js.
// Relative to where payframe.js came from (script-tag-src.ts).
import { scriptTagSrc } from './script-tag-src.ts';

/**
 * Resolves once the module ran; rejects when the file cannot be fetched or fails its integrity
 * check (the browser then never runs it), or when payframe.js came from no script tag (no base URL).
 */
export function loadPinnedModule(fileName: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const element = document.createElement('script');
    element.type = 'module';
    // Throws without a base URL, which rejects.
    element.src = new URL(fileName, scriptTagSrc).href;
    element.integrity = integrity;
    element.crossOrigin = 'anonymous';
    // A module script's load event fires after it ran.
    element.onload = () => resolve();
    element.onerror = () => {
      element.remove();
      reject(new Error(`${fileName} did not load`));
    };
    document.head.append(element);
  });
}
