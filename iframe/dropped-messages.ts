// Counts messages a frame dropped because of their source, origin or shape. Exposed on the
// frame's window so tests (which can read the frame) can prove hostile messages were ignored;
// the merchant page cannot read it across origins.
declare global {
  interface Window {
    payframeDroppedMessages?: number;
  }
}

export function countDroppedMessage(): void {
  window.payframeDroppedMessages = (window.payframeDroppedMessages ?? 0) + 1;
}
