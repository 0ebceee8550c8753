// Runs work the page does not need yet when its main thread is idle: requestIdleCallback where the
// browser has it, with a deadline so a busy page still gets it; a task of its own elsewhere (WebKit).
// Merchant realm.

export function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in self) requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work);
}
