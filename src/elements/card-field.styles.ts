// Styles of a card field element: a label, a fixed-height box holding the frame, an error line.
// Every height is fixed up front so nothing moves when the frame loads or an error shows.
import { css } from 'lit';

export const cardFieldStyles = css`
  :host {
    display: block;
    min-width: 0;
    font-family: var(--payframe-font-family, system-ui, sans-serif);
    color: var(--payframe-color-text, #1a1f36);
  }
  .label {
    display: block;
    margin: 0 0 calc(var(--payframe-spacing, 12px) / 2);
    font-size: 14px;
    line-height: 18px;
    font-weight: 500;
    color: var(--payframe-color-label, #30313d);
    cursor: default;
  }
  .box {
    position: relative;
    height: var(--payframe-field-height, 44px);
    /* 3:1 against the background: a field's boundary must be seen (WCAG 1.4.11). */
    border: solid var(--payframe-color-border, #868e9c);
    border-width: var(--payframe-border-width, 1px);
    border-radius: var(--payframe-radius, 6px);
    background: var(--payframe-color-background, #fff);
    box-shadow: var(--payframe-box-shadow, 0 1px 1px rgba(0, 0, 0, 0.03), 0 3px 6px rgba(0, 0, 0, 0.02));
    transition: border-color 0.15s ease, box-shadow 0.15s ease;
    overflow: hidden;
  }
  .box.focused {
    border-color: var(--payframe-color-primary, #0570de);
    box-shadow: 0 0 0 3px var(--payframe-focus-ring, rgba(5, 112, 222, 0.25));
  }
  .box.invalid {
    border-color: var(--payframe-color-danger, #df1b41);
  }
  .box.invalid.focused {
    box-shadow: 0 0 0 3px rgba(223, 27, 65, 0.2);
  }
  iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
    background: transparent;
  }
  /* Until the frame says it is ready its page may still be laying out (its stylesheet arrives
     after its HTML): the skeleton shows instead, so the shopper never sees it jump. */
  .box.loading iframe {
    visibility: hidden;
  }
  .skeleton {
    position: absolute;
    inset: 10px 12px;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--payframe-skeleton, #eef1f5) 25%, transparent 50%, var(--payframe-skeleton, #eef1f5) 75%);
    background-size: 200% 100%;
    animation: shimmer 1.2s ease-in-out infinite;
    pointer-events: none;
  }
  @keyframes shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    .box {
      transition: none;
    }
  }
  .error {
    min-height: 18px;
    margin: 4px 0 0;
    font-size: 13px;
    line-height: 18px;
    color: var(--payframe-color-danger, #df1b41);
  }
`;
