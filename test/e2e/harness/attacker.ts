// Tools of a hostile merchant page, for the hostile-merchant suite: capture the SDK's message
// ports before any page script runs (as a compromised page could), then forge, replay and
// flood messages through them. Runs in the merchant realm only.

export interface CapturedPort {
  frame: string;
  port: MessagePort;
}

declare global {
  interface Window {
    capturedPorts?: CapturedPort[];
  }
  /** `capturedPort`, installed on the page by the tests so page.evaluate callbacks can call it. */
  function capturedPortFor(frame: string): MessagePort;
}

/**
 * Wraps MessageChannel so every port1 the SDK creates is kept, tagged with the frame whose
 * hello it answered (our capture listener sees the hello before the SDK's own listener does).
 */
export function capturePorts(merchantOrigin: string): void {
  if (location.origin !== merchantOrigin) return;
  const captured: CapturedPort[] = [];
  window.capturedPorts = captured;
  let lastHelloFrame = 'unknown';
  window.addEventListener(
    'message',
    (event) => {
      const frame = (event.data as { frame?: unknown } | null)?.frame;
      if (typeof frame === 'string') lastHelloFrame = frame;
    },
    true,
  );
  const OriginalChannel = window.MessageChannel;
  window.MessageChannel = class extends OriginalChannel {
    constructor() {
      super();
      captured.push({ frame: lastHelloFrame, port: this.port1 });
    }
  };
}

/** The last port the SDK created for a frame kind ('number', 'expiry', 'cvc', 'controller'). */
export function capturedPort(frame: string): MessagePort {
  const match = window.capturedPorts?.filter((entry) => entry.frame === frame).at(-1);
  if (!match) throw new Error(`no captured port for ${frame}`);
  return match.port;
}
