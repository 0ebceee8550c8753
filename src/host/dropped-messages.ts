// Counts messages the merchant-side SDK dropped because they came from a frame of ours but did
// not parse. Exposed for tests through `droppedMessageCount()`. Merchant realm.
let dropped = 0;

export function countDroppedMessage(): void {
  dropped++;
}

export function droppedMessageCount(): number {
  return dropped;
}
