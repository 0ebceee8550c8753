// Keeps the frames in step with the element's theme: on mount, when `theme` changes, and (for
// theme="auto") when the system switches between light and dark. Merchant realm.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { frameThemeOf } from './frame-theme.ts';

export interface ThemedElement extends ReactiveControllerHost, HTMLElement {
  theme: string | undefined;
}

export class ThemeController implements ReactiveController {
  private media: MediaQueryList | undefined;
  /** The theme the frames were last told about; undefined before the first render. */
  private applied: string | null | undefined;

  constructor(
    private readonly host: ThemedElement,
    private readonly apply: (frameTheme: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.media ??= matchMedia('(prefers-color-scheme: dark)');
    this.media.addEventListener('change', this.sync);
    this.applied = undefined;
  }

  hostDisconnected(): void {
    this.media?.removeEventListener('change', this.sync);
  }

  /**
   * After a render the element's styles (and its theme attribute) are in place to be read. The
   * drop-in also calls it in its render, before it makes a card frame whose URL carries the theme.
   */
  hostUpdated(): void {
    const theme = this.host.theme ?? null;
    if (theme !== this.applied) this.sync();
  }

  private readonly sync = (): void => {
    this.applied = this.host.theme ?? null;
    this.apply(frameThemeOf(this.host));
  };
}
