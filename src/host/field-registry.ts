// The split field elements of one group, by kind: their readiness, focus order (a completed field
// hands focus to the next) and the check before a submit that every one is complete. Runs on the
// merchant page: it sees each field's state, never its value.
import { FIELD_KINDS } from '../shared/protocol-constants.ts';
import type { CheckoutError, FieldCommand, FieldKind, FieldState } from '../shared/protocol.ts';
import { checkoutError } from './checkout-error.ts';
import type { FieldErrorCode } from '../shared/errors.ts';
import type { SplitFieldsSurface } from './split-fields-surface.ts';

/** Dispatched (composed) by a field element when it connects, so the nearest group adopts it. */
export const REGISTER_FIELD_EVENT = 'payframe-register-field';

/** What the group needs from a field element. */
export interface GroupedField {
  readonly kind: FieldKind;
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

export class FieldRegistry {
  readonly #fields = new Map<FieldKind, GroupedField>();

  /** The registered fields, in the card's order (number, expiry, CVC). */
  get all(): GroupedField[] {
    return FIELD_KINDS.flatMap((kind) => this.#fields.get(kind) ?? []);
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

  focus(kind: FieldKind): void {
    this.#fields.get(kind)?.focusField();
  }

  /** A field completed: focus moves to the next field of the group, if any. */
  advanceFrom(kind: FieldKind): void {
    const order = this.all.map((field) => field.kind);
    const next = order[order.indexOf(kind) + 1];
    if (next) this.focus(next);
  }

  /** Fields the shopper has not finished never reach the gateway: they show their errors instead. */
  checkComplete(): { fields: FieldKind[] } | { error: CheckoutError } {
    const fields = this.all;
    const unfinished = fields.filter((field) => !field.state?.complete);
    const first = unfinished[0];
    if (!first) return { fields: fields.map((field) => field.kind) };
    for (const field of unfinished) field.sendCommand({ type: 'reveal-errors' });
    return { error: checkoutError((first.state?.error?.code as FieldErrorCode | undefined) ?? `incomplete_${first.kind}`, first.kind) };
  }
}
