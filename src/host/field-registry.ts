// The split field elements of one group, by kind: their readiness, focus order (a completed field
// hands focus to the next) and the check before a submit that every one is complete. Runs on the
// merchant page: it sees each field's state, never its value.
import { FIELD_KINDS } from '../shared/protocol-constants.ts';
import type { CheckoutError, FieldCommand, FieldKind, FieldState, SplitFieldKind } from '../shared/protocol.ts';
import type { SplitBillingTexts } from '../i18n/billing-messages.ts';
import { checkoutError } from './checkout-error.ts';
import type { FieldErrorCode } from '../shared/errors.ts';
import type { SplitFieldsSurface } from './split-fields-surface.ts';

/** Dispatched (composed) by a field element when it connects, so the nearest group adopts it. */
export const REGISTER_FIELD_EVENT = 'payframe-register-field';

/** What the group needs from a field element. */
export interface GroupedField {
  readonly kind: SplitFieldKind;
  readonly frameReady: boolean;
  readonly state: FieldState | undefined;
  attachToGroup(group: SplitFieldsSurface): void;
  /** The group starts over with new frames: drop this field's frame and its state. */
  detachFrame(): void;
  sendCommand(command: FieldCommand): void;
  focusField(): void;
  /** The group's `fieldStyle` or locale changed: send the field's options to its frame again. */
  groupStyleChanged(): void;
  /** The group's texts changed (a new locale arrived): show them. */
  messagesChanged(): void;
}

/** The name first, as on the card; the address last, the country before the postal code whose format follows it. */
const ORDER: readonly SplitFieldKind[] = ['name', ...FIELD_KINDS, 'country', 'postal'];

export class FieldRegistry {
  readonly #fields = new Map<SplitFieldKind, GroupedField>();

  /** The registered fields, in the card's order (name, number, expiry, CVC, country, postal code). */
  get all(): GroupedField[] {
    return ORDER.flatMap((kind) => this.#fields.get(kind) ?? []);
  }

  /** At least one field, and every field's frame ready for input. */
  get ready(): boolean {
    return this.#fields.size > 0 && this.all.every((field) => field.frameReady);
  }

  /** Adds a field in its kind's place; false when it is there already. */
  add(field: GroupedField): boolean {
    if (this.#fields.get(field.kind) === field) return false;
    this.#fields.set(field.kind, field);
    return true;
  }

  remove(field: GroupedField): void {
    if (this.#fields.get(field.kind) === field) this.#fields.delete(field.kind);
  }

  /** Without a kind, the group's first field: the card number, or the CVC of a saved card's group. */
  focus(kind?: SplitFieldKind): void {
    (kind ? this.#fields.get(kind) : this.all[0])?.focusField();
  }

  /** A card field completed: focus moves to the group's next card field, if any (billing fields are where the merchant put them). */
  advanceFrom(kind: SplitFieldKind): void {
    const order: SplitFieldKind[] = this.all.map((field) => field.kind).filter((kind) => kind !== 'name' && kind !== 'country' && kind !== 'postal');
    const next = order[order.indexOf(kind) + 1];
    if (next) this.focus(next);
  }

  /**
   * Fields the shopper has not finished never reach the gateway: they show their errors instead. A
   * billing field's error reads as its frame shows it, else in `billingTexts` (the page has no code table for them).
   */
  checkComplete(billingTexts: SplitBillingTexts): { fields: SplitFieldKind[] } | { error: CheckoutError } {
    const fields = this.all;
    const unfinished = fields.filter((field) => !field.state?.complete);
    const first = unfinished[0];
    if (!first) return { fields: fields.map((field) => field.kind) };
    for (const field of unfinished) field.sendCommand({ type: 'reveal-errors' });
    if (first.kind === 'name' || first.kind === 'country' || first.kind === 'postal') {
      const code = first.state?.error?.code === 'invalid_postal' ? 'invalid_postal' : (`incomplete_${first.kind}` as const);
      return { error: { code, message: first.state?.error?.message ?? billingTexts[code], field: first.kind } };
    }
    return { error: checkoutError((first.state?.error?.code as FieldErrorCode | undefined) ?? `incomplete_${first.kind}`, first.kind) };
  }
}
