// Reads a Chromium trace of one mount: the main-thread tasks of the merchant page's renderer between
// the bench's performance.mark('bench-attach') and mark('bench-ready'), and the longest of them.

/** @param {{ traceEvents: any[] }} trace */
export function longestMainThreadTask(trace) {
  const events = trace.traceEvents;
  const attach = events.find((event) => event.name === 'bench-attach');
  const ready = events.find((event) => event.name === 'bench-ready');
  if (!attach || !ready) throw new Error('The trace holds no bench-attach/bench-ready marks');
  // The marks were made on the merchant page's main thread: that is the thread to read.
  const { pid, tid } = attach;
  const tasks = events.filter(
    (event) => event.pid === pid && event.tid === tid && event.ph === 'X' && event.name === 'RunTask' && event.ts + (event.dur ?? 0) >= attach.ts && event.ts <= ready.ts,
  );
  const durationsMs = tasks.map((task) => (task.dur ?? 0) / 1000);
  return {
    longestTaskMs: Math.max(0, ...durationsMs),
    tasksOver10Ms: durationsMs.filter((ms) => ms > 10).length,
    taskCount: durationsMs.length,
    mountSpanMs: (ready.ts - attach.ts) / 1000,
  };
}
