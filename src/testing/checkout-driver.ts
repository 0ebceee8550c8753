// Drives one Payframe checkout on a page from a Playwright test, as a shopper and as the merchant
// page see it: types into the real frames, reads the states the page gets, presses Pay, and meets
// the sandbox's 3-D Secure challenge. Node (Playwright tests); no browser security is turned off.
import type { Locator, Page } from '@playwright/test';
import { clearField, settleField, typeIntoField, type FieldEntryTarget } from './card-entry.ts';
import { CARD_FIELDS, fieldFrame, fieldInput, type CardField, type CheckoutLayout } from './field-inputs.ts';
import { eventCount, fieldStatesSeen, toOutcome, waitForOutcome, type CheckoutOutcome, type FieldStateSeen, type OutcomeEvent } from './page-events.ts';
import { clickWhenPlaced } from './stable-click.ts';
import { PayframeTestingError } from './testing-error.ts';
import { waitForModalChallenge, type ThreeDSecureChallenge } from './three-d-secure.ts';

/** A card as a shopper types it. `expiry` as printed on the card (`12/34` or `1234`). */
export interface CardDetails {
  number: string;
  expiry: string;
  cvc: string;
  /** The cardholder name (the drop-in with `billing-fields` naming `name`). */
  name?: string;
  /** The billing postal code (the drop-in with `billing-fields` naming `postal`). */
  postalCode?: string;
}

/** A press of Pay whose outcome is still to come. */
export interface PendingPayment {
  /** Resolves with the payment (with `client-secret`), the token, or the error the checkout reported. */
  outcome(): Promise<CheckoutOutcome>;
}

/** A field's state before the page has heard from it. */
const UNTOUCHED: FieldStateSeen = Object.freeze({ empty: true, complete: false, valid: true });

export class PayframeCheckoutDriver {
  private readonly entry: FieldEntryTarget;

  constructor(
    readonly page: Page,
    /** The <payframe-checkout> or <payframe-card-group> element. */
    readonly host: Locator,
    readonly layout: CheckoutLayout,
    /** How long each step waits (ms) before it fails with a typed error. */
    readonly timeout: number,
  ) {
    this.entry = { host, layout, timeout };
  }

  /** The frame locator of a field (the drop-in's one card frame for all of them), for a test's own checks of what the shopper sees. */
  frame(field: CardField = 'number') {
    return fieldFrame(this.host, this.layout, field);
  }

  /** The input a shopper types a field into. */
  input(field: CardField): Locator {
    return fieldInput(this.host, this.layout, field);
  }

  /** Types a card as a shopper does, field after field (and name / postal code when given). */
  async fillCard(card: CardDetails): Promise<void> {
    const steps: [CardField, string | undefined][] = [
      ['number', card.number],
      ['expiry', card.expiry],
      ['cvc', card.cvc],
      ['name', card.name],
      ['postal', card.postalCode],
    ];
    for (const [field, text] of steps) if (text !== undefined) await this.type(field, text);
  }

  /** Types `text` after what the field holds, a key at a time, and waits until the merchant page has the field's new state. */
  async type(field: CardField, text: string): Promise<void> {
    await this.checkField(field);
    await typeIntoField(this.entry, field, text);
  }

  /** Empties one field as a shopper does. */
  async clear(field: CardField): Promise<void> {
    await this.checkField(field);
    await clearField(this.entry, field);
  }

  /** Empties every field this checkout shows. */
  async clearCard(): Promise<void> {
    for (const field of await this.fields()) await clearField(this.entry, field);
  }

  /**
   * The fields this checkout shows: the card's three, and the billing name / postal code when the
   * drop-in's `billing-fields` asks or the card group holds <payframe-card-name> / <payframe-card-postal>.
   */
  async fields(): Promise<CardField[]> {
    if (this.layout === 'split-fields') {
      const billing = await this.host.evaluate((group) => ['name', 'postal'].filter((field) => group.querySelector(`payframe-card-${field}`) !== null));
      return CARD_FIELDS.filter((field) => ['number', 'expiry', 'cvc'].includes(field) || billing.includes(field));
    }
    const billing = await this.host.evaluate((element) => (element.getAttribute('billing-fields') ?? '').split(/\s+/));
    return CARD_FIELDS.filter((field) => ['number', 'expiry', 'cvc'].includes(field) || billing.includes(field));
  }

  /**
   * A field's state as the merchant page got it in payframe-change: empty, complete, valid, brand,
   * error code and message. Read once the page has caught up with what the field shows (an error
   * shown when focus left it, say, comes in a message of its own).
   */
  async fieldState(field: CardField): Promise<FieldStateSeen> {
    await this.checkField(field);
    await settleField(this.entry, field);
    return (await fieldStatesSeen(this.host))[field] ?? { ...UNTOUCHED };
  }

  /** Every field's state as the merchant page got it, each caught up as in fieldState(). */
  async fieldStates(): Promise<Partial<Record<CardField, FieldStateSeen>>> {
    const fields = await this.fields();
    for (const field of fields) await settleField(this.entry, field);
    const seen = await fieldStatesSeen(this.host);
    return Object.fromEntries(fields.map((field) => [field, seen[field] ?? { ...UNTOUCHED }]));
  }

  /** The drop-in's pay button. */
  payButton(): Locator {
    if (this.layout !== 'drop-in') throw new PayframeTestingError('no_pay_button', 'A <payframe-card-group> has no pay button: call tokenize(), or press your own button and read outcome().');
    return this.host.locator('button[part="button"]');
  }

  /** Presses the drop-in's Pay; read the outcome later (e.g. after a 3-D Secure challenge). */
  async pressPay(): Promise<PendingPayment> {
    const button = this.payButton();
    const since = await eventCount(this.host);
    const paying = await this.host.evaluate((element) => !!(element as unknown as { clientSecret?: string | null }).clientSecret);
    await clickWhenPlaced(this.page, button, { timeout: this.timeout });
    const types: OutcomeEvent[] = paying ? ['payframe-payment', 'payframe-error'] : ['payframe-token', 'payframe-error'];
    return { outcome: () => waitForOutcome(this.host, since, types, this.timeout) };
  }

  /** Presses Pay and waits for the payment (with `client-secret`), the token, or the error. */
  async pay(): Promise<CheckoutOutcome> {
    return (await this.pressPay()).outcome();
  }

  /** Calls the element's tokenize() from the merchant page, as a merchant's script does. */
  async tokenize(): Promise<CheckoutOutcome> {
    const result = await this.host.evaluate((element) => (element as unknown as { tokenize(): Promise<unknown> }).tokenize());
    const value = result as { paymentMethod?: unknown; error?: unknown };
    return toOutcome({ type: value.paymentMethod ? 'payframe-token' : 'payframe-error', detail: value });
  }

  /**
   * The first token, payment or error this checkout reported in this document (since the test
   * found it, or since the page loaded when the test drove an earlier page of this tab): the
   * outcome on a shop's return page after a full-page 3-D Secure challenge, or of your own button.
   */
  async outcome(types: readonly OutcomeEvent[] = ['payframe-payment', 'payframe-error']): Promise<CheckoutOutcome> {
    return waitForOutcome(this.host, 0, types, this.timeout);
  }

  /** Waits for the sandbox's 3-D Secure challenge in this checkout's dialog. */
  async threeDSecureChallenge(): Promise<ThreeDSecureChallenge> {
    return waitForModalChallenge(this.page, this.host, this.timeout);
  }

  private async checkField(field: CardField): Promise<void> {
    if (!(await this.fields()).includes(field)) {
      const hint = this.layout === 'drop-in' ? ' (set billing-fields to show it)' : ' (add <payframe-card-name> or <payframe-card-postal> to the group to show it)';
      throw new PayframeTestingError('unknown_field', `This ${this.layout === 'drop-in' ? '<payframe-checkout>' : '<payframe-card-group>'} has no ${field} field${hint}.`);
    }
  }
}
