// What the merchant page hears from a checkout, recorded in the page itself: every payframe-change,
// payframe-token, payframe-payment and payframe-error, from the document's first script on (an init
// script), so an event sent while the test was busy elsewhere, or on a return page, is not missed.
// The functions below run in the merchant page (Playwright serializes them): no imports, no closures.
import type { Locator, Page } from '@playwright/test';
import { isPageLeft, PayframeTestingError } from './testing-error.ts';

/** A field's state as the merchant page got it in payframe-change (never a value). */
export interface FieldStateSeen {
  empty: boolean;
  complete: boolean;
  valid: boolean;
  brand?: string;
  error?: { code: string; message: string };
}

/** How a press of Pay or a tokenize() ended, as the page heard it. */
export type CheckoutOutcome =
  | { status: 'paid'; paymentIntent: { id: string; status: string } }
  | { status: 'tokenized'; paymentMethod: { id: string; card?: { brand?: string; last4?: string } } & Record<string, unknown> }
  | { status: 'failed'; error: { code: string; message: string; field?: string; declineCode?: string } };

export type OutcomeEvent = 'payframe-token' | 'payframe-payment' | 'payframe-error';

const pages = new WeakSet<Page>();

/** Runs in the page: records Payframe's events on the document, each with the checkouts it passed through. */
function recordPayframeEvents(): void {
  const key = Symbol.for('payframe.testing.events');
  const scope = window as unknown as Record<symbol, unknown>;
  if (scope[key]) return;
  const log: { type: string; detail: unknown; hosts: Element[] }[] = [];
  const waiters = new Set<() => void>();
  scope[key] = { log, waiters };
  for (const type of ['payframe-change', 'payframe-token', 'payframe-payment', 'payframe-error']) {
    document.addEventListener(
      type,
      (event) => {
        const hosts = event.composedPath().filter((node): node is Element => node instanceof Element && /^payframe-(checkout|card-group)$/.test(node.localName));
        log.push({ type, detail: (event as CustomEvent).detail, hosts });
        for (const wake of [...waiters]) wake();
      },
      true,
    );
  }
}

/** Starts recording on this page's current document and on every document it loads after. */
export async function ensureRecording(page: Page): Promise<void> {
  if (!pages.has(page)) {
    pages.add(page);
    await page.addInitScript(recordPayframeEvents);
  }
  await page.evaluate(recordPayframeEvents);
}

/** How many events this checkout has had so far (to wait for one after an action). */
export async function eventCount(host: Locator): Promise<number> {
  return host.evaluate((element) => {
    const events = (window as unknown as Record<symbol, { log: { hosts: Element[] }[] }>)[Symbol.for('payframe.testing.events')];
    return events?.log.filter((entry) => entry.hosts.includes(element)).length ?? 0;
  });
}

/** Every field's latest state from this checkout's payframe-change events (fields not heard from are absent). */
export async function fieldStatesSeen(host: Locator): Promise<Record<string, FieldStateSeen>> {
  return host.evaluate((element) => {
    const events = (window as unknown as Record<symbol, { log: { type: string; detail: unknown; hosts: Element[] }[] }>)[Symbol.for('payframe.testing.events')];
    const states: Record<string, FieldStateSeen> = {};
    for (const entry of events?.log ?? []) {
      if (entry.type !== 'payframe-change' || !entry.hosts.includes(element)) continue;
      const { field, ...state } = entry.detail as FieldStateSeen & { field: string };
      states[field] = state;
    }
    return states;
  });
}

/**
 * Waits in the page until this checkout's state for `field` has `empty`, `complete` and an error
 * (`invalid`) as given (a field never heard from is empty, not complete, without error), woken by
 * each event, up to `timeout` ms.
 */
export async function waitForFieldState(host: Locator, field: string, wanted: { empty: boolean; complete: boolean; invalid: boolean }, timeout: number): Promise<void> {
  const reached = await host.evaluate(
    (element, { field: name, wanted: target, timeout: limit }) => {
      const events = (window as unknown as Record<symbol, { log: { type: string; detail: unknown; hosts: Element[] }[]; waiters: Set<() => void> }>)[Symbol.for('payframe.testing.events')]!;
      const matches = () => {
        let state: { empty: boolean; complete: boolean; error?: unknown } = { empty: true, complete: false };
        for (const entry of events.log) {
          const detail = entry.detail as { field: string; empty: boolean; complete: boolean; error?: unknown };
          if (entry.type === 'payframe-change' && entry.hosts.includes(element) && detail.field === name) state = detail;
        }
        return state.empty === target.empty && state.complete === target.complete && (state.error !== undefined) === target.invalid;
      };
      if (matches()) return true;
      return new Promise<boolean>((resolve) => {
        const wake = () => {
          if (!matches()) return;
          events.waiters.delete(wake);
          resolve(true);
        };
        events.waiters.add(wake);
        // A deadline, not a wait for the state: the state wakes this as soon as it comes.
        setTimeout(() => {
          events.waiters.delete(wake);
          resolve(false);
        }, limit);
      });
    },
    { field, wanted, timeout },
  );
  if (!reached) throw new PayframeTestingError('state_timeout', `The merchant page did not get the ${field} field's state (${wanted.empty ? 'empty' : 'filled'}, ${wanted.complete ? 'complete' : 'not complete'}, ${wanted.invalid ? 'an error' : 'no error'}) within ${timeout} ms.`);
}

/** Waits for this checkout's first event of `types` after the first `since` ones, as an outcome. */
export async function waitForOutcome(host: Locator, since: number, types: readonly OutcomeEvent[], timeout: number): Promise<CheckoutOutcome> {
  let found: { type: string; detail: unknown } | undefined;
  try {
    found = await host.evaluate(
      (element, { since: skip, types: wanted, timeout: limit }) => {
        const events = (window as unknown as Record<symbol, { log: { type: string; detail: unknown; hosts: Element[] }[]; waiters: Set<() => void> }>)[Symbol.for('payframe.testing.events')]!;
        const first = () => events.log.filter((entry) => entry.hosts.includes(element)).slice(skip).find((entry) => wanted.includes(entry.type as never));
        const now = first();
        if (now) return { type: now.type, detail: now.detail };
        return new Promise<{ type: string; detail: unknown } | undefined>((resolve) => {
          const wake = () => {
            const entry = first();
            if (!entry) return;
            events.waiters.delete(wake);
            resolve({ type: entry.type, detail: entry.detail });
          };
          events.waiters.add(wake);
          setTimeout(() => {
            events.waiters.delete(wake);
            resolve(undefined);
          }, limit);
        });
      },
      { since, types, timeout },
    );
  } catch (error) {
    if (isPageLeft(error)) throw new PayframeTestingError('page_left', 'The page went to another document before the checkout reported an outcome (a full-page 3-D Secure challenge?): find the checkout on the return page and read its outcome() there.');
    throw error;
  }
  if (!found) throw new PayframeTestingError('outcome_timeout', `The checkout reported none of ${types.join(', ')} within ${timeout} ms.`);
  return toOutcome(found);
}

export function toOutcome({ type, detail }: { type: string; detail: unknown }): CheckoutOutcome {
  const value = detail as { paymentIntent: never; paymentMethod: never; error: never };
  if (type === 'payframe-payment') return { status: 'paid', paymentIntent: value.paymentIntent };
  if (type === 'payframe-token') return { status: 'tokenized', paymentMethod: value.paymentMethod };
  return { status: 'failed', error: value.error };
}
