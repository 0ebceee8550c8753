// Records what a payment page's own realm can reach (Node, ships with `payframe audit`; its two
// functions are sent into the page, so each stays self-contained). Installed before any page
// script runs, it records every message, port message, request body, console line, storage
// write, cookie, dispatched event, key press and error it can reach. Tests then prove the card
// number and CVC are in none of it. It acts only in the merchant realm (frames are not its).

export interface SkimmerLoot {
  records: string[];
  /** Every text and attribute of the page, shadow roots included, plus form values. */
  dom: string;
}

export function installSkimmer(merchantOrigin: string): void {
  if (location.origin !== merchantOrigin) return;
  const records: string[] = [];
  (window as unknown as { skimmerRecords: string[] }).skimmerRecords = records;
  const record = (kind: string, data: unknown) => {
    let text: string;
    try {
      text = typeof data === 'string' ? data : JSON.stringify(data);
    } catch {
      text = String(data);
    }
    records.push(`${kind}: ${text}`);
  };

  for (const type of ['message', 'keydown', 'keyup', 'keypress', 'input', 'change', 'paste', 'copy', 'focusin', 'submit']) {
    window.addEventListener(
      type,
      (event) => {
        const { data, key, clipboardData, target } = event as MessageEvent & KeyboardEvent & ClipboardEvent;
        record(`window ${type}`, { data, key, clip: clipboardData?.getData('text'), value: (target as HTMLInputElement | null)?.value });
      },
      true,
    );
  }
  window.addEventListener('error', (event) => record('error', event.message), true);
  window.addEventListener('unhandledrejection', (event) => record('unhandledrejection', String(event.reason)));

  const portPost = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: never[]) {
    record('port out', message);
    return portPost.call(this, message, ...rest);
  } as typeof portPost;
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    configurable: true,
    get() {
      return onmessage.get!.call(this);
    },
    set(handler: (event: MessageEvent) => void) {
      onmessage.set!.call(this, function (this: MessagePort, event: MessageEvent) {
        record('port in', event.data);
        return handler.call(this, event);
      });
    },
  });

  const originalFetch = window.fetch;
  window.fetch = (input, init) => {
    record('fetch', { url: String(input instanceof Request ? input.url : input), body: init?.body === undefined ? null : String(init.body) });
    return originalFetch(input, init);
  };
  const xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    record('xhr', String(body));
    return xhrSend.call(this, body);
  };
  const beacon = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (url, data) => {
    record('beacon', { url: String(url), data: String(data) });
    return beacon(url, data);
  };

  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      record(`console.${method}`, args.map(String));
      original(...args);
    };
  }

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    record('storage', { key, value });
    return setItem.call(this, key, value);
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return cookie.get!.call(this);
    },
    set(value: string) {
      record('cookie', value);
      cookie.set!.call(this, value);
    },
  });

  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
    record(`dispatch ${event.type}`, (event as CustomEvent).detail ?? null);
    return dispatch.call(this, event);
  };
}

/** Reads what the skimmer gathered, plus a snapshot of everything the page's DOM holds. */
export function collectLoot(): SkimmerLoot {
  const parts: string[] = [];
  const walk = (root: Document | ShadowRoot | Element) => {
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) parts.push(`${attribute.name}=${attribute.value}`);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) parts.push(`value=${element.value}`);
      if (element.shadowRoot) {
        parts.push(element.shadowRoot.textContent ?? '');
        walk(element.shadowRoot);
      }
    }
  };
  parts.push(document.documentElement.textContent ?? '');
  walk(document);
  parts.push(`cookie=${document.cookie}`);
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) parts.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
  }
  return { records: (window as unknown as { skimmerRecords: string[] }).skimmerRecords, dom: parts.join('\n') };
}
