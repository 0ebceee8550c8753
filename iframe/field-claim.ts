// Which controller frame a field frame hands its value to: the first one of its checkout that
// claims it with the field's own publishable key. Any later claimer, or one loaded for another
// key (a controller a page script embedded with the same checkout id), gets nothing, and every
// controller hears of the conflict so the checkout reports it. Runs only on the fields origin.
import type { FieldsChannel, FieldsChannelMessage } from './fields-channel.ts';

export interface FieldClaim {
  /** A controller's claim arrived on the channel. */
  claimed(message: Extract<FieldsChannelMessage, { type: 'claim' }>): void;
  /** Whether this controller is the one the field's value may go to. */
  owns(controllerId: string): boolean;
}

export function createFieldClaim(key: string, channel: FieldsChannel): FieldClaim {
  let pinned: string | undefined;
  return {
    claimed({ controllerId, key: claimedKey }) {
      if (claimedKey === key && (pinned ??= controllerId) === controllerId) return;
      channel.post({ type: 'claim-conflict', refused: controllerId, ...(pinned ? { pinned } : {}) });
    },
    owns: (controllerId) => pinned === controllerId,
  };
}
