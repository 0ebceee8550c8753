// The page's texts as the controller frame sent them for a locale: only keys we know, only
// strings (shown as text, never HTML), English for anything missing. Merchant realm.
import { ENGLISH, MESSAGE_KEYS, type Messages } from './messages.ts';

export function pageMessages(received: Partial<Record<string, string | undefined>>): Messages {
  const messages: Messages = { ...ENGLISH };
  for (const key of MESSAGE_KEYS) if (typeof received[key] === 'string' && received[key]) messages[key] = received[key];
  return messages;
}
