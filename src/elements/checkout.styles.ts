// Styles of the drop-in checkout: the card frame's place (and its skeleton while it loads), a
// form-level error line and the pay button. The 3-D Secure modal brings its own (challenge-modal.styles.ts).
// CSS text, minified at build (the `css` tag).
import { css } from './payframe-element.ts';

export const checkoutStyles = css`
  :host {
    display: block;
    max-width: 480px;
    font-family: var(--payframe-font-family, system-ui, sans-serif);
    color: var(--payframe-color-text, #1a1f36);
  }
  form {
    display: grid;
    gap: 4px;
    margin: 0;
  }
  /* The card frame draws 3px beyond its boxes for the focus ring: the margin keeps the boxes in
     line with the button. Until it reports its height, the height its content has by default
     (per row: label, box with its border, error line and the gap; two rows, and the billing inputs'
     rows, --payframe-card-rows) is reserved: nothing moves. */
  .card {
    position: relative;
    margin: -3px;
    height: calc(var(--payframe-card-rows, 2) * (44px + var(--payframe-spacing, 12px) / 2 + var(--payframe-field-height, 44px) + 2px) + 2px);
  }
  .card iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
    background: transparent;
    /* The same scheme as the page inside the frame (light): an iframe whose scheme differs gets an
       opaque white canvas, which the dark theme (color-scheme dark on the host) would put behind
       the light labels in the frame. */
    color-scheme: light;
  }
  /* Until the frame says it is ready its page may still be laying out: the skeleton shows instead. */
  .card.loading iframe {
    visibility: hidden;
  }
  .skeleton {
    position: absolute;
    inset: 0;
    display: grid;
    align-content: start;
    gap: 4px;
    padding: 3px;
    pointer-events: none;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--payframe-spacing, 12px);
  }
  .skeleton-label {
    margin: 0 0 calc(var(--payframe-spacing, 12px) / 2);
    font-size: 14px;
    line-height: 18px;
    font-weight: 500;
    color: var(--payframe-color-label, #30313d);
  }
  .skeleton-box {
    height: var(--payframe-field-height, 44px);
    margin-bottom: 22px;
    border: solid var(--payframe-color-border, #868e9c);
    border-width: var(--payframe-border-width, 1px);
    border-radius: var(--payframe-radius, 6px);
    background: linear-gradient(90deg, var(--payframe-skeleton, #eef1f5) 25%, transparent 50%, var(--payframe-skeleton, #eef1f5) 75%) var(--payframe-color-background, #fff);
    background-size: 200% 100%;
    animation: shimmer 1.2s ease-in-out infinite;
  }
  @keyframes shimmer {
    from {
      background-position: 200% 0;
    }
    to {
      background-position: -200% 0;
    }
  }
  .form-error {
    min-height: 18px;
    margin: 0 0 8px;
    font-size: 13px;
    line-height: 18px;
    color: var(--payframe-color-danger, #df1b41);
  }
  button {
    position: relative;
    height: 48px;
    border: 0;
    border-radius: var(--payframe-radius, 6px);
    background: var(--payframe-color-primary, #0570de);
    color: var(--payframe-color-on-primary, #fff);
    font: inherit;
    font-size: 16px;
    font-weight: 600;
    cursor: pointer;
    transition: background-color 0.15s ease, opacity 0.15s ease;
  }
  button:hover {
    background: var(--payframe-color-primary-hover, #0461c3);
  }
  button:focus-visible {
    outline: 3px solid var(--payframe-focus-ring, rgba(5, 112, 222, 0.45));
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.65;
    cursor: default;
  }
  /* Busy keeps full contrast: its "Processing…" must stay readable. */
  button[aria-disabled='true'] {
    cursor: progress;
  }
  /* Read by assistive technology, not drawn, until the amount is formatted (checkout.ts, #amountDue). */
  .pending {
    opacity: 0;
  }
  .spinner {
    display: inline-block;
    width: 16px;
    height: 16px;
    margin-right: 8px;
    vertical-align: -3px;
    border: 2px solid rgba(255, 255, 255, 0.45);
    border-top-color: #fff;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton-box {
      animation: none;
    }
    .spinner {
      animation-duration: 2.4s;
    }
    button {
      transition: none;
    }
  }
`;
