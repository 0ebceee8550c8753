// What a payment flow (payment-flow.ts) and its element need from a kind of card surface: the split
// fields' frames with their hidden controller (split-fields-surface.ts) and, with issue 13, the
// drop-in's one card frame. Runs on the merchant page; types only.
import type { ReactiveControllerHost } from 'lit';
import type { Locale, Messages } from '../i18n/messages.ts';
import type { CheckoutError, FieldKind, SplitFieldKind } from '../shared/protocol.ts';
import type { ControllerClient } from './controller-client.ts';

/** An element that owns a card surface: <payframe-checkout> and <payframe-card-group>. */
export interface SurfaceOwner extends HTMLElement, ReactiveControllerHost {
  publishableKey: string;
  fieldsOrigin: string | null;
  /** The drop-in's `billing-fields`, `cardholder-name`, `billing-country` and `preferred-network`. */
  billingFields?: string | null;
  cardholderName?: string | null;
  billingCountry?: string | null;
  preferredNetwork?: string | null;
  /** The drop-in's `bin`: the card frame reports the BIN. */
  bin?: boolean;
  /** The drop-in's `client-secret` and `payment-method`: the card frame shows the saved card the intent pays with. */
  clientSecret?: string | null;
  paymentMethod?: string | null;
  /** The drop-in's `payment-methods`, `business-name` (the bank debits' mandate names it) and `bank-account-entry`. */
  paymentMethods?: string | null;
  businessName?: string | null;
  bankAccountEntry?: string | null;
}

/**
 * Card inputs in frames on the fields origin. It dispatches `payframe-ready` on its owner when
 * every frame is ready and `payframe-error` when the frames cannot work, and asks its owner to
 * re-render when either changes. The card never leaves the frames: a submit is a request to the
 * surface's client.
 */
export interface CardSurface {
  /** Every frame is ready for input. */
  readonly ready: boolean;
  /** Set when the frames cannot work at all (no fields origin, frames never loaded or locked). */
  readonly loadError: CheckoutError | undefined;
  /** The key the mounted frames are bound to. */
  readonly publishableKey: string | undefined;
  /** The checkout's locale, and the shopper-facing text in it. */
  readonly locale: Locale;
  readonly messages: Messages;
  /** Takes tokenize, confirm and intent-status requests while frames are mounted. */
  readonly client: ControllerClient | undefined;
  /** Before a submit: the inputs to send when every one is complete, else the first unfinished one's error (each shows its own). */
  checkComplete(): { fields: SplitFieldKind[] } | { error: CheckoutError };
  /** The owner's key or fields origin may have changed: a changed one starts the surface over with new frames. */
  mountChanged(): void;
  setLocale(locale: Locale): void;
  /** Restyles the inputs (the merchant's `fieldStyle`, the theme's variables); what was typed stays. */
  setFieldStyle(style: unknown): void;
  setThemeStyle(style: unknown): void;
  focus(kind?: FieldKind): void;
  clear(): void;
}
